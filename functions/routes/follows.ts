import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CAUSE_IDS } from '../../model/causes.ts';
import { ngoSchema } from '../../model/ngo.ts';
import {
  countCauseFollowers,
  countNgoFollowers,
  followCause,
  followNgo,
  getNgoStats,
  unfollowCause,
  unfollowNgo,
} from '../../db/follows.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { loadViewer, requireSession } from '../middleware/session.ts';

/** NGO ids in org-id.guide form, as the content collection defines them. */
const ngoIdSchema = ngoSchema.shape.id;
const causeSchema = z.enum(CAUSE_IDS);

function respondInvalid(c: Context, what: string): Response {
  return respondError(c, 404, 'not_found', `No such ${what}.`);
}

/**
 * Follow and unfollow, idempotent: PUT twice still follows once, DELETE of nothing is fine.
 * Each answer carries the follower count after the change (kept exact by triggers).
 */
export const followRoutes = new Hono<HonoEnv>()
  .put('/follows/ngos/:id', requireSession(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondInvalid(c, 'NGO');
    const db = c.get('getDb')();
    const { changed } = await followNgo(db, c.get('auth').user.id, ngoId.data, c.get('now')());
    return c.json({ following: true, changed, followers: await countNgoFollowers(db, ngoId.data) });
  })
  .delete('/follows/ngos/:id', requireSession(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondInvalid(c, 'NGO');
    const db = c.get('getDb')();
    const { changed } = await unfollowNgo(db, c.get('auth').user.id, ngoId.data);
    return c.json({ following: false, changed, followers: await countNgoFollowers(db, ngoId.data) });
  })
  .put('/follows/causes/:cause', requireSession(), async (c) => {
    const cause = causeSchema.safeParse(c.req.param('cause'));
    if (!cause.success) return respondInvalid(c, 'cause');
    const db = c.get('getDb')();
    const { changed } = await followCause(db, c.get('auth').user.id, cause.data, c.get('now')());
    return c.json({ following: true, changed, followers: await countCauseFollowers(db, cause.data) });
  })
  .delete('/follows/causes/:cause', requireSession(), async (c) => {
    const cause = causeSchema.safeParse(c.req.param('cause'));
    if (!cause.success) return respondInvalid(c, 'cause');
    const db = c.get('getDb')();
    const { changed } = await unfollowCause(db, c.get('auth').user.id, cause.data);
    return c.json({ following: false, changed, followers: await countCauseFollowers(db, cause.data) });
  })
  /** Public numbers for an NGO page, plus whether the signed-in viewer follows it. */
  .get('/ngos/:id/stats', loadViewer(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondInvalid(c, 'NGO');
    const viewer = c.get('viewer');
    return c.json(await getNgoStats(c.get('getDb')(), ngoId.data, viewer?.id ?? null));
  });
