import type { MiddlewareHandler } from 'hono';
import { applySecurityHeaders, getApiSecurityHeaders } from '../security-headers.ts';

/** Every API response, errors included: security headers, and never cached (it is per user). */
export function addSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    applySecurityHeaders(c.res.headers, getApiSecurityHeaders(c.req.path));
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
