import type { MiddlewareHandler } from 'hono';
import type { HonoEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies must be valid UTF-8. `Request.json()` decodes leniently, turning broken bytes into
 * U+FFFD, so a note with `\xFF\xFE` in it would be stored as "��". Checked once here, before any
 * route reads the body (Hono keeps the bytes, so the validators read them again for free).
 */
export function requireUtf8Json(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    if (!c.req.header('Content-Type')?.toLowerCase().includes('json')) return next();
    try {
      decoder.decode(await c.req.arrayBuffer());
    } catch {
      throw new ApiError(400, 'invalid_json', 'The body is not valid UTF-8 text.');
    }
    return next();
  };
}
