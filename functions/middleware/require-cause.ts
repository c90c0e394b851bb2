import type { MiddlewareHandler } from 'hono';
import { isCauseId } from '../../model/causes.ts';
import type { HonoEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** `/causes/{cause}/…` and `/follows/causes/{cause}`: a cause of the taxonomy, or a 404 naming it. */
export function requireCause(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    if (!isCauseId(c.req.param('cause') ?? '')) {
      throw new ApiError(404, 'not_found', 'cause: no such cause.', { field: 'cause' });
    }
    return next();
  };
}
