import { createRoute } from '@hono/zod-openapi';
import {
  countCauseFollowers,
  countNgoFollowers,
  followCause,
  followNgo,
  getNgoStats,
  unfollowCause,
  unfollowNgo,
} from '../../db/follows.ts';
import * as contracts from '../../model/api/follows.ts';
import { requireCause } from '../middleware/require-cause.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { loadViewer, requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';

/**
 * Follow and unfollow, idempotent: PUT twice still follows once, DELETE of nothing is fine.
 * Each answer carries the follower count after the change (kept exact by triggers).
 */
export const followRoutes = createRouter()
  .openapi(createRoute({ ...contracts.followNgo, middleware: [requireSession(), requireNgo()] }), async (c) => {
    const db = c.get('getDb')();
    const ngoId = c.get('ngo').id;
    const { changed } = await followNgo(db, c.get('auth').user.id, ngoId, c.get('now')());
    return c.json({ following: true, changed, followers: await countNgoFollowers(db, ngoId) }, 200);
  })
  .openapi(createRoute({ ...contracts.unfollowNgo, middleware: [requireSession(), requireNgo()] }), async (c) => {
    const db = c.get('getDb')();
    const ngoId = c.get('ngo').id;
    const { changed } = await unfollowNgo(db, c.get('auth').user.id, ngoId);
    return c.json({ following: false, changed, followers: await countNgoFollowers(db, ngoId) }, 200);
  })
  .openapi(createRoute({ ...contracts.followCause, middleware: [requireSession(), requireCause()] }), async (c) => {
    const db = c.get('getDb')();
    const cause = c.req.valid('param').cause;
    const { changed } = await followCause(db, c.get('auth').user.id, cause, c.get('now')());
    return c.json({ following: true, changed, followers: await countCauseFollowers(db, cause) }, 200);
  })
  .openapi(createRoute({ ...contracts.unfollowCause, middleware: [requireSession(), requireCause()] }), async (c) => {
    const db = c.get('getDb')();
    const cause = c.req.valid('param').cause;
    const { changed } = await unfollowCause(db, c.get('auth').user.id, cause);
    return c.json({ following: false, changed, followers: await countCauseFollowers(db, cause) }, 200);
  })
  /** Public numbers for an NGO page, plus whether the signed-in viewer follows it. */
  .openapi(createRoute({ ...contracts.getNgoStats, middleware: [loadViewer(), requireNgo()] }), async (c) =>
    c.json(await getNgoStats(c.get('getDb')(), c.get('ngo').id, c.get('viewer')?.id ?? null), 200),
  );
