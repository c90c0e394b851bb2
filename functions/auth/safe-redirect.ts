/**
 * Where to send someone after sign-in: only a path on this site. A value that could leave the
 * site — `//evil.example` (protocol-relative), `/\evil.example` (browsers read `\` as `/`),
 * absolute URLs, control characters — falls back to the home page.
 */
export function sanitizeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 1024) return '/';
  if (!next.startsWith('/') || next.startsWith('//')) return '/';
  if (next.includes('\\')) return '/';
  // Control characters (tab, newline…) are stripped by URL parsers and could rebuild `//`.
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  // Belt and braces: resolved against a dummy origin it must stay on that origin.
  const base = 'https://same-site.invalid';
  try {
    const resolved = new URL(next, base);
    if (resolved.origin !== base) return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}
