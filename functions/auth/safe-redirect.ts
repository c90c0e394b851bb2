const SAME_SITE_BASE = 'https://same-site.invalid';

/**
 * Where to send someone after sign-in: only a path on this site. A value that could leave the
 * site — `//evil.example` (protocol-relative), `/\evil.example` (browsers read `\` as `/`),
 * absolute URLs, control characters, dot segments that collapse into `//` (`/..//evil.example`,
 * `/%2e%2e//evil.example`) — falls back to the home page.
 */
export function sanitizeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 1024 || !isSameSitePath(next)) return '/';
  // Resolving normalises dot segments (`%2e` included), which can turn a safe-looking input
  // into `//host`: what is returned is checked again, as the browser will read it.
  let resolved: string;
  try {
    const url = new URL(next, SAME_SITE_BASE);
    if (url.origin !== SAME_SITE_BASE) return '/';
    resolved = `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
  return isSameSitePath(resolved) && new URL(resolved, SAME_SITE_BASE).origin === SAME_SITE_BASE ? resolved : '/';
}

/** A rooted path (`/…`) that no browser can read as another host. */
function isSameSitePath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//')) return false;
  if (path.includes('\\')) return false;
  // Control characters (tab, newline…) are stripped by URL parsers and could rebuild `//`.
  return !/[\u0000-\u001f\u007f]/.test(path);
}
