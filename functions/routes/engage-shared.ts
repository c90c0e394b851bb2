import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { z } from 'zod';
import { isAdmin } from '../../db/admins.ts';
import { isManager } from '../../db/managers.ts';
import { ngoSchema } from '../../model/ngo.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { ApiError, respondError } from '../errors.ts';
import type { RateLimitRule } from '../rate-limit.ts';

/** Per account and route: generous for a person, a wall for a script posting spam. */
export const DEFAULT_CONTENT_RATE_LIMIT: RateLimitRule = { limit: 20, windowSeconds: 600 };

export const ngoIdSchema = ngoSchema.shape.id;

/** Our ids (db/ids.ts): 24 letters and digits. Anything else cannot exist. */
export const itemIdSchema = z.string().regex(/^[a-z2-9]{24}$/);

/** User text: trimmed, no control characters other than newline and tab. */
export function userText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'required' : `at least ${min} characters`)
    .max(max, `at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'no control characters');
}

/** Links and images in user content: https only, so no javascript:, data: or mixed content. */
export const httpsUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((s) => {
    try {
      const url = new URL(s);
      return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an https:// address');

export async function readJson(c: Context): Promise<{ ok: true; body: unknown } | { ok: false }> {
  try {
    return { ok: true, body: await c.req.json() };
  } catch {
    return { ok: false };
  }
}

/**
 * "field: what is wrong", the form of every validation message (forms show it at the field).
 * Request bodies are z.strictObject: JSON.parse keeps every key, and a dropped unknown one
 * silently became the default (a pledge meant to be anonymous, with a Cyrillic і typed in
 * "visibility", went public). The unknown key is named in the message.
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue?.code === 'unrecognized_keys') {
    return `${[...issue.path, issue.keys[0]].join('.')}: not a field of this request (check its spelling)`;
  }
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}

/** Parse a JSON body with a zod schema, or the uniform 400 answer. */
export async function parseBody<T extends z.ZodType>(
  c: AppContext,
  schema: T,
): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  const json = await readJson(c);
  if (!json.ok) return { ok: false, response: respondError(c, 400, 'invalid_json', 'Send a JSON body.') };
  const parsed = schema.safeParse(json.body);
  if (!parsed.success) {
    return { ok: false, response: respondError(c, 400, 'validation_failed', describeIssue(parsed.error.issues[0])) };
  }
  return { ok: true, data: parsed.data };
}

/**
 * An optional query value: absent → undefined (the caller's default applies); present but not
 * one the schema accepts → the uniform 400 naming the parameter, never a silent default.
 */
export function parseQueryValue<T extends z.ZodType>(
  c: AppContext,
  name: string,
  schema: T,
): { ok: true; data: z.infer<T> | undefined } | { ok: false; response: Response } {
  const raw = c.req.query(name);
  if (raw === undefined) return { ok: true, data: undefined };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, response: respondError(c, 400, 'validation_failed', `${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`) };
  }
  return { ok: true, data: parsed.data };
}

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

export function respondForbidden(c: Context): Response {
  return respondError(c, 403, 'forbidden', MANAGERS_ONLY);
}

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
