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

/**
 * The widget pages NGOs put on their own sites (public/widget.js frames them): the only pages
 * any site may frame. The same policy as other pages otherwise; no X-Frame-Options, whose only
 * values (DENY, SAMEORIGIN) would forbid it.
 */
export const FRAMEABLE_PATH_PREFIX = '/embed/';
export const embedContentSecurityPolicy = pageContentSecurityPolicy.replace(
  "frame-ancestors 'none'",
  'frame-ancestors *',
);

/**
 * The window a widget's Follow button opens. Cross-Origin-Opener-Policy: same-origin would put
 * it in a browsing context group of its own (its opener, a frame on another site's page, is
 * not same-origin with that page), cutting `window.opener`: the window could not tell the
 * widget it is done. Without the header (unsafe-none) the two keep their link; the window
 * still cannot be framed.
 */
export const OPENER_PATH_PREFIX = '/follow/';

/**
 * The Facebook sign-in's redirects (start and callback), which the follow window goes through
 * when the person signs in there. Browsers weigh COOP on every redirect of a navigation, so a
 * same-origin COOP on them would cut the window from its opener as surely as on the page;
 * they are redirects without a document, so the header protects nothing there.
 */
const SIGN_IN_REDIRECT_PATHS = new Set(['/api/auth/facebook', '/api/auth/facebook/callback']);

/** The security headers of an API response at `pathname`. */
export function getApiSecurityHeaders(pathname: string): Readonly<Record<string, string>> {
  if (!SIGN_IN_REDIRECT_PATHS.has(pathname)) return apiSecurityHeaders;
  const headers = { ...apiSecurityHeaders };
  delete headers['Cross-Origin-Opener-Policy'];
  return headers;
}

/** How a path's headers differ from pageSecurityHeaders: headers removed, then headers set. */
type PathRule = { prefix: string; remove: string[]; set: Record<string, string> };

const PATH_RULES: readonly PathRule[] = [
  {
    prefix: FRAMEABLE_PATH_PREFIX,
    remove: ['X-Frame-Options', 'Content-Security-Policy'],
    set: { 'Content-Security-Policy': embedContentSecurityPolicy },
  },
  { prefix: OPENER_PATH_PREFIX, remove: ['Cross-Origin-Opener-Policy'], set: {} },
];

/** The security headers of a static page or file at `pathname` (not /api/*: apiSecurityHeaders). */
export function getPageSecurityHeaders(pathname: string): Readonly<Record<string, string>> {
  // The file server decodes the path before it resolves it: `/embed/%2e%2e/ngos/x/` is the NGO
  // page, which must not become frameable by its prefix. A path that climbs is never special.
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return pageSecurityHeaders;
  }
  if (/(^|[/\\])\.\.?([/\\]|$)/.test(decoded)) return pageSecurityHeaders;
  const rule = PATH_RULES.find((r) => decoded.startsWith(r.prefix));
  if (!rule) return pageSecurityHeaders;
  const headers = { ...pageSecurityHeaders };
  for (const name of rule.remove) delete headers[name];
  return { ...headers, ...rule.set };
}

/** Apply a header set to a response's headers, leaving headers a handler set on purpose. */
export function applySecurityHeaders(headers: Headers, set: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(set)) {
    if (!headers.has(name)) headers.set(name, value);
  }
}

/**
 * The text of `public/_headers` for Cloudflare static assets (Workers Static Assets format).
 * The Cloudflare adapter appends its own immutable Cache-Control rule for /_astro/* to the copy
 * in dist/client at build time; it keeps ours. Every matching rule applies, in order: a path
 * rule first detaches (`! Name`) what it removes from the `/*` rule, then sets its own values.
 */
export function renderHeadersFile(): string {
  const lines = [
    '# Generated from functions/security-headers.ts by `node functions/write-headers-file.ts`: edit that file, not this one.',
    '/*',
    ...Object.entries(pageSecurityHeaders).map(([name, value]) => `  ${name}: ${value}`),
  ];
  for (const rule of PATH_RULES) {
    lines.push(`${rule.prefix}*`);
    for (const name of rule.remove) lines.push(`  ! ${name}`);
    for (const [name, value] of Object.entries(rule.set)) lines.push(`  ${name}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}
