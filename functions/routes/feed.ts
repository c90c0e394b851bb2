import { createRoute } from '@hono/zod-openapi';
import { getFeed } from '../../db/feed.ts';
import { encodeCursor } from '../../model/api/fields.ts';
import * as contracts from '../../model/api/follows.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { toPostViewJson } from './news.ts';
import { toOpportunityJson } from './volunteering.ts';

const FEED_LIMIT = 20;

/** News and volunteer calls from followed NGOs and causes, newest first, cursor-paginated. */
export const feedRoutes = createRouter().openapi(
  createRoute({ ...contracts.getFeed, middleware: [requireSession()] }),
  async (c) => {
    // An empty ?cursor= is the first page, as it always was.
    const { cursor } = c.req.valid('query');
    const before = cursor ? cursor : null;
    const db = c.get('getDb')();
    const { entries, next } = await getFeed(db, c.get('auth').user.id, before, FEED_LIMIT, c.get('now')());
    return c.json(
      {
        items: entries.map((e) =>
          e.kind === 'post'
            ? { kind: 'post' as const, via: e.via, ngo: e.ngo, post: toPostViewJson(e.post) }
            : { kind: 'opportunity' as const, via: e.via, ngo: e.ngo, opportunity: toOpportunityJson(e.opportunity) },
        ),
        nextCursor: next ? encodeCursor(next) : null,
      },
      200,
    );
  },
);
