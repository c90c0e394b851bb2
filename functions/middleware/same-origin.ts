import type { MiddlewareHandler } from 'hono';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every mutation: the browser must say the request comes from our own
 * origin. Sec-Fetch-Site, when sent, must be `same-origin`; otherwise the Origin header's host
 * must equal the host the request was made to (or PUBLIC_ORIGIN's host, for a proxy that does
 * not pass the public Host header on). No header at all is refused: every browser
 * sends Origin on a cross-origin or non-GET fetch, so only non-browser clients lack both.
 * `exemptPaths` are server-to-server callbacks authenticated otherwise (signed_request).
 */
export function requireSameOrigin(exemptPaths: ReadonlySet<string>): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || exemptPaths.has(c.req.path)) return next();
    const fetchSite = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    let allowed: boolean;
    if (fetchSite !== undefined) {
      allowed = fetchSite === 'same-origin';
    } else if (origin !== undefined && origin !== 'null') {
      try {
        const originHost = new URL(origin).host;
        const publicOrigin = c.get('env').PUBLIC_ORIGIN;
        allowed =
          originHost === new URL(c.req.url).host ||
          (publicOrigin !== undefined && originHost === new URL(publicOrigin).host);
      } catch {
        allowed = false;
      }
    } else {
      allowed = false;
    }
    if (!allowed) return respondError(c, 403, 'forbidden_origin', 'This request must come from a page of this site.');
    return next();
  };
}
