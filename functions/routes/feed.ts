import { createRoute } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { getFeedPage, readFeedEntries, type FeedEntry, type FeedRef } from '../../db/feed.ts';
import { encodeCursor } from '../../model/api/fields.ts';
import * as contracts from '../../model/api/follows.ts';
import type { FeedItem } from '../../model/api/follows.ts';
import { createLruCache } from '../lru-cache.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { toImpactReportViewJson } from './impact-reports.ts';
import { toPostViewJson } from './news.ts';
import { toOpportunityJson } from './volunteering.ts';

const FEED_LIMIT = 20;

/**
 * Shared by every app in the process: keys carry a random revision drawn by the database, so
 * items of two databases (tests) never answer for each other.
 */
const itemCache = createLruCache<string>(5_000);

type FeedItemWithoutVia = FeedItem extends infer T ? (T extends unknown ? Omit<T, 'via'> : never) : never;

function toFeedItemJson(e: FeedEntry): FeedItemWithoutVia {
  switch (e.kind) {
    case 'post':
      return { kind: 'post', ngo: e.ngo, post: toPostViewJson(e.post) };
    case 'opportunity':
      return { kind: 'opportunity', ngo: e.ngo, opportunity: toOpportunityJson(e.opportunity) };
    case 'report':
      return { kind: 'report', ngo: e.ngo, report: toImpactReportViewJson(e.report) };
  }
}

const toCacheKey = (ref: FeedRef) => `${ref.kind}:${ref.id}:${ref.revision}`;

/** The page's items as JSON text, rendering and keeping those not kept yet. */
async function renderItems(db: Parameters<typeof readFeedEntries>[0], refs: FeedRef[]): Promise<string[]> {
  const kept = refs.map((ref) => itemCache.get(toCacheKey(ref)));
  const missing = refs.filter((_, i) => kept[i] === undefined);
  const rendered = new Map<FeedRef, string>();
  for (const entry of await readFeedEntries(db, missing)) {
    const ref = missing.find((r) => r.kind === entry.kind && r.id === feedEntryId(entry))!;
    const json = JSON.stringify(toFeedItemJson(entry));
    itemCache.set(toCacheKey(ref), json);
    rendered.set(ref, json);
  }
  // An item deleted between the two reads has no JSON and is left out.
  return refs.flatMap((ref, i) => {
    const json = kept[i] ?? rendered.get(ref);
    return json === undefined ? [] : [`{"via":${JSON.stringify(ref.via)},${json.slice(1)}`];
  });
}

function feedEntryId(e: FeedEntry): string {
  return e.kind === 'post' ? e.post.id : e.kind === 'opportunity' ? e.opportunity.id : e.report.id;
}

/**
 * News, volunteer calls and impact reports from followed NGOs and causes, and impact reports of
 * NGOs pledged to, newest first, cursor-paginated. The body is assembled from the items' kept
 * JSON text, which is what the contract's schema describes (test/engage-feed.test.ts parses it).
 */
export const feedRoutes = createRouter().openapi(
  createRoute({ ...contracts.getFeed, middleware: [requireSession()] }),
  async (c) => {
    // An empty ?cursor= is the first page, as it always was.
    const { cursor } = c.req.valid('query');
    const before = cursor ? cursor : null;
    const db = c.get('getDb')();
    const { refs, next } = await getFeedPage(db, c.get('auth').user.id, before, FEED_LIMIT, c.get('now')());
    const items = await renderItems(db, refs);
    const nextCursor = JSON.stringify(next ? encodeCursor(next) : null);
    const response = c.body(`{"items":[${items.join(',')}],"nextCursor":${nextCursor}}`, 200, {
      'Content-Type': 'application/json',
    });
    // The text is FeedItem objects (toFeedItemJson plus `via`) in the contract's envelope.
    return response as unknown as Response &
      TypedResponse<{ items: FeedItem[]; nextCursor: string | null }, 200, 'json'>;
  },
);
