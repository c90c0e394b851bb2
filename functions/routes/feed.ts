import { Hono } from 'hono';
import { getFeed } from '../../db/feed.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';
import { toPostJson } from './news.ts';
import { cursorSchema, encodeCursor } from '../../model/api/fields.ts';
import { toOpportunityJson } from './volunteering.ts';

const FEED_LIMIT = 20;

/** News and volunteer calls from followed NGOs and causes, newest first, cursor-paginated. */
export const feedRoutes = new Hono<HonoEnv>().get('/feed', requireSession(), async (c) => {
  // An empty ?cursor= is the first page, as it always was.
  const cursor = c.req.query('cursor');
  const before = cursor ? cursorSchema.safeParse(cursor) : null;
  if (before && !before.success) return respondError(c, 400, 'validation_failed', 'cursor: invalid.');
  const { entries, next } = await getFeed(c.get('getDb')(), c.get('auth').user.id, before?.data ?? null, FEED_LIMIT, c.get('now')());
  return c.json({
    items: entries.map((e) =>
      e.kind === 'post'
        ? { kind: 'post' as const, via: e.via, ngo: e.ngo, post: toPostJson(e.post) }
        : { kind: 'opportunity' as const, via: e.via, ngo: e.ngo, opportunity: toOpportunityJson(e.opportunity) },
    ),
    nextCursor: next ? encodeCursor(next) : null,
  });
});
