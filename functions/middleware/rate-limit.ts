import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Rate limits per client IP and route: sign-in routes (`signInRoutes`, "METHOD /path" of the
 * matched route) get the tighter sign-in budget, every other mutation the write budget;
 * other reads are not limited. Keys use the route pattern, not the raw URL, so varying an id
 * does not buy a fresh budget.
 */
export function enforceRateLimits(
  signInRoutes: ReadonlySet<string>,
  getClientIp: (c: Context) => string,
): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const method = c.req.method;
    // Plain reads (the hot path) leave at once: sign-in routes have no parameters, so for a
    // read the raw path is the route.
    if (SAFE_METHODS.has(method) && !signInRoutes.has(`${method} ${c.req.path}`)) return next();
    const route = `${method} ${routePath(c, -1)}`;
    const group = signInRoutes.has(route) ? 'signIn' : SAFE_METHODS.has(method) ? null : 'write';
    if (!group) return next();
    const decision = c.get('rateLimiter').check(`${group}|${getClientIp(c)}|${route}`, c.get('rateLimits')[group]);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      if (c.req.method === 'GET' && c.req.header('Accept')?.includes('text/html')) {
        // A browser navigation (the Facebook redirect or callback): a readable page, not JSON.
        return c.html(
          `<!doctype html><meta charset="utf-8"><title>Too many attempts</title><h1>Too many sign-in attempts</h1><p>Please wait ${decision.retryAfterSeconds} seconds and <a href="/">try again</a>.</p>`,
          429,
        );
      }
      return respondError(c, 429, 'rate_limited', `Too many requests. Retry in ${decision.retryAfterSeconds} s.`);
    }
    return next();
  };
}
