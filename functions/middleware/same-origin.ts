import type { MiddlewareHandler } from 'hono';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every mutation: the browser must say the request comes from our own
 * origin. Sec-Fetch-Site, when sent, must be `same-origin`; otherwise the Origin header must
 * be the origin (scheme, host and port) the request was made to, or PUBLIC_ORIGIN's origin for
 * a proxy that does not pass the public Host on. The scheme counts: an http page of the same
 * host (another origin, readable on the network) must not post to the https site. No header at all is refused: every browser
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
        // URL normalizes both sides (case, default ports) before comparing.
        const claimedOrigin = new URL(origin).origin;
        const publicOrigin = c.get('env').PUBLIC_ORIGIN;
        allowed =
          claimedOrigin === new URL(c.req.url).origin ||
          (publicOrigin !== undefined && claimedOrigin === new URL(publicOrigin).origin);
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
