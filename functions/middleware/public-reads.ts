import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import type { RateLimitRule } from '../rate-limit.ts';

/** Reads per client IP and minute of the public directory API: a page every 0.1 s, sustained. */
export const DEFAULT_PUBLIC_READ_LIMIT: RateLimitRule = { limit: 600, windowSeconds: 60 };

/**
 * The public directory API (`/api/v1/*`) is read from other sites' pages: any origin may read
 * it, without credentials (no cookie is ever read or set there, so `*` is safe), and browsers
 * may cache the preflight for a day. ETag and Retry-After are exposed so scripts can
 * revalidate and back off.
 */
const allowAnyOrigin = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: ['If-None-Match'],
  exposeHeaders: ['ETag', 'Retry-After'],
  maxAge: 86_400,
});

/**
 * CORS for any origin, then a per-client budget of reads (one for both routes, keyed by IP:
 * varying the id or the filters buys nothing). A refusal carries the CORS headers too, so a
 * script elsewhere can read the 429 and its Retry-After.
 */
export function openPublicReads(getClientIp: (c: Context) => string): MiddlewareHandler<HonoEnv> {
  return (c, next) =>
    allowAnyOrigin(c, async () => {
      const rule = c.get('rateLimits').publicRead ?? DEFAULT_PUBLIC_READ_LIMIT;
      const decision = c.get('rateLimiter').check(`publicRead|${getClientIp(c)}`, rule);
      if (!decision.allowed) {
        c.header('Retry-After', String(decision.retryAfterSeconds));
        c.res = respondError(c, 429, 'rate_limited', `Too many requests. Retry in ${decision.retryAfterSeconds} s.`);
        return;
      }
      await next();
    });
}
