import { createRoute } from '@hono/zod-openapi';
import { listCausePosts } from '../../db/cause-news.ts';
import { getCause } from '../../model/causes.ts';
import * as contracts from '../../model/api/news.ts';
import { computeEtag, respondWithEtag } from '../http-cache.ts';
import { requireCause } from '../middleware/require-cause.ts';
import { createRouter } from '../openapi.ts';
import { renderRss, toRssPostItem } from '../rss.ts';

const RSS_LIMIT = 30;
/** As the NGO feeds: readers poll, five minutes is fresh enough and spares the database. */
const CACHE_CONTROL = 'public, max-age=300';

/**
 * A cause's news as RSS 2.0. Only an ETag validates it: a post hidden or deleted leaves the feed
 * without moving any date a Last-Modified could carry, so a date would wrongly answer 304.
 */
export const causeNewsRoutes = createRouter().openapi(
  createRoute({ ...contracts.getCauseNewsFeed, middleware: [requireCause()] }),
  async (c) => {
    const kept = c.get('publicAnswers').get(c.req.url);
    if (kept) return respondWithEtag(c, kept, CACHE_CONTROL);
    const cause = getCause(c.req.valid('param').cause)!;
    const posts = await listCausePosts(c.get('getDb')(), cause.id, RSS_LIMIT);
    const origin = c.get('env').PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
    const xml = renderRss({
      title: `${cause.name}: news from its NGOs on Jumo`,
      link: `${origin}/causes/${cause.id}/`,
      selfUrl: `${origin}/api/causes/${cause.id}/feed.xml`,
      description: `News posted on Jumo by the NGOs working on ${cause.name.toLowerCase()}.`,
      lastBuildDate: posts[0]?.createdAt ?? null,
      items: posts.map((p) => toRssPostItem(p, `${origin}/ngos/${p.ngoSlug}/`, `${p.ngoName}: ${p.title}`)),
    });
    const answer = { body: xml, etag: await computeEtag(xml), contentType: 'application/rss+xml; charset=utf-8' };
    c.get('publicAnswers').set(c.req.url, answer);
    return respondWithEtag(c, answer, CACHE_CONTROL);
  },
);
