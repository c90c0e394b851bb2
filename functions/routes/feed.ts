import { createRoute } from '@hono/zod-openapi';
import { getFeed, type FeedEntry } from '../../db/feed.ts';
import { encodeCursor } from '../../model/api/fields.ts';
import * as contracts from '../../model/api/follows.ts';
import type { FeedItem } from '../../model/api/follows.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { toImpactReportViewJson } from './impact-reports.ts';
import { toPostViewJson } from './news.ts';
import { toOpportunityJson } from './volunteering.ts';

const FEED_LIMIT = 20;

function toFeedItemJson(e: FeedEntry): FeedItem {
  switch (e.kind) {
    case 'post':
      return { kind: 'post', via: e.via, ngo: e.ngo, post: toPostViewJson(e.post) };
    case 'opportunity':
      return { kind: 'opportunity', via: e.via, ngo: e.ngo, opportunity: toOpportunityJson(e.opportunity) };
    case 'report':
      return { kind: 'report', via: e.via, ngo: e.ngo, report: toImpactReportViewJson(e.report) };
  }
}

/**
 * News, volunteer calls and impact reports from followed NGOs and causes, and impact reports of
 * NGOs pledged to, newest first, cursor-paginated.
 */
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
        items: entries.map(toFeedItemJson),
        nextCursor: next ? encodeCursor(next) : null,
      },
      200,
    );
  },
);
