/**
 * The one definition of our security headers. Three consumers:
 * - the Hono middleware (every /api/* response, on the Worker and on Node);
 * - the Node entry's static file server (pages and assets of `npm start`);
 * - `public/_headers`, which Cloudflare applies to static assets; it is generated from
 *   this module (`node functions/write-headers-file.ts`) and a unit test keeps the two equal.
 */

/** Headers every response gets, pages and API alike. */
const commonHeaders: Record<string, string> = {
  // Two years, subdomains included: the site is https-only in production. Browsers ignore
  // HSTS received over plain http, so `npm start` on http://localhost is unaffected.
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Legacy twin of CSP frame-ancestors 'none', for browsers that predate it.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * Pages: scripts and styles from our origin only. 'unsafe-inline' is there because Astro
 * inlines small scripts and styles; dropping it needs hashes (Astro's CSP support) — a
 * build-config change for the site owner. 'wasm-unsafe-eval' lets Pagefind run its WASM.
 * Profile pictures come from Facebook's CDN, hence https: images.
 */
export const pageContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API responses are data, never documents: nothing may load from or frame them. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export const pageSecurityHeaders: Readonly<Record<string, string>> = {
  ...commonHeaders,
  'Content-Security-Policy': pageContentSecurityPolicy,
};

export const apiSecurityHeaders: Readonly<Record<string, string>> = {
  ...commonHeaders,
  'Content-Security-Policy': apiContentSecurityPolicy,
};

/** Apply a header set to a response's headers, leaving headers a handler set on purpose. */
export function applySecurityHeaders(headers: Headers, set: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(set)) {
    if (!headers.has(name)) headers.set(name, value);
  }
}

/**
 * The text of `public/_headers` for Cloudflare static assets (Workers Static Assets format).
 * The Cloudflare adapter appends its own immutable Cache-Control rule for /_astro/* to the copy
 * in dist/client at build time; it keeps ours.
 */
export function renderHeadersFile(): string {
  const lines = [
    '# Generated from functions/security-headers.ts by `node functions/write-headers-file.ts`: edit that file, not this one.',
    '/*',
    ...Object.entries(pageSecurityHeaders).map(([name, value]) => `  ${name}: ${value}`),
  ];
  return `${lines.join('\n')}\n`;
}
