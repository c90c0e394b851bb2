import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { isAdmin } from '../../db/admins.ts';
import { isManager } from '../../db/managers.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { ApiError, respondError } from '../errors.ts';
import type { RateLimitRule } from '../rate-limit.ts';

/** Per account and route: generous for a person, a wall for a script posting spam. */
export const DEFAULT_CONTENT_RATE_LIMIT: RateLimitRule = { limit: 20, windowSeconds: 600 };

/** After requireSession: tighter budget for creating content, keyed by account and route. */
export function limitContentCreation(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const rule = c.get('rateLimits').content ?? DEFAULT_CONTENT_RATE_LIMIT;
    const key = `content|${c.get('auth').user.id}|${c.req.method} ${routePath(c, -1)}`;
    const decision = c.get('rateLimiter').check(key, rule);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return respondError(c, 429, 'rate_limited', `Too many posts. Retry in ${decision.retryAfterSeconds} s.`);
    }
    return next();
  };
}

/** After requireSession: 403 unless the user is a site admin. */
export function requireAdmin(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    if (!(await isAdmin(c.get('getDb')(), c.get('auth').user.id))) {
      return respondError(c, 403, 'forbidden', 'Only site administrators can do this.');
    }
    return next();
  };
}

const MANAGERS_ONLY = "Only this NGO's managers can do this.";

/** Throws the 403 unless the signed-in user manages `ngoId` (for items found by their own id). */
export async function ensureCanManage(c: AppContext, ngoId: string): Promise<void> {
  if (!(await canManage(c, ngoId))) throw new ApiError(403, 'forbidden', MANAGERS_ONLY);
}

/**
 * After requireSession and requireNgo: 403 unless the user manages the path's NGO. A
 * middleware, so a stranger is refused before the body is read, as before the contracts.
 */
export function requireNgoManager(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    await ensureCanManage(c, c.get('ngo').id);
    return next();
  };
}

/**
 * requireNgoManager for the page's own administration (its list of managers): site admins pass
 * too, so an abandoned page can be handed to someone.
 */
export function requireNgoManagerOrAdmin(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    if (!(await canManage(c, c.get('ngo').id, true))) throw new ApiError(403, 'forbidden', MANAGERS_ONLY);
    return next();
  };
}

/** Whether the signed-in user manages `ngoId` (optionally: or is a site admin). */
export async function canManage(c: AppContext, ngoId: string, allowAdmin = false): Promise<boolean> {
  const db = c.get('getDb')();
  const userId = c.get('auth').user.id;
  if (await isManager(db, ngoId, userId)) return true;
  return allowAdmin && (await isAdmin(db, userId));
}
