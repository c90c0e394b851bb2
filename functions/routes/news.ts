import { createRoute } from '@hono/zod-openapi';
import { enqueueInstantEmails } from '../../db/email-sends.ts';
import {
  createPost,
  deletePost,
  getPost,
  getPostsLastModified,
  listNgoPosts,
  updatePost,
  type Post,
  type PostView,
} from '../../db/posts.ts';
import * as contracts from '../../model/api/news.ts';
import type { PostInput, PostJson, PostViewJson } from '../../model/api/news.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { computeEtag } from '../http-cache.ts';
import { renderMarkdown } from '../markdown.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { renderRss, toRssPostItem } from '../rss.ts';
import { ensureCanManage, limitContentCreation, requireNgoManager } from './engage-shared.ts';

const PAGE_LIMIT = 20;
const RSS_LIMIT = 30;
/** Feed readers poll; five minutes is fresh enough for news and spares the database. */
const RSS_MAX_AGE = 300;

/** A post as readers see it, without the Markdown source. */
export function toPostViewJson(post: PostView): PostViewJson {
  return {
    id: post.id,
    ngoId: post.ngoId,
    title: post.title,
    bodyHtml: post.bodyHtml,
    linkUrl: post.linkUrl,
    imageUrl: post.imageUrl,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

export function toPostJson(post: Post): PostJson {
  return { ...toPostViewJson(post), bodyMarkdown: post.bodyMarkdown };
}

function toContent(input: PostInput) {
  return {
    title: input.title,
    bodyMarkdown: input.body,
    bodyHtml: renderMarkdown(input.body),
    linkUrl: input.linkUrl ?? null,
    imageUrl: input.imageUrl ?? null,
  };
}

/** The site's public origin, for absolute links in RSS. */
function siteOrigin(c: AppContext): string {
  return c.get('env').PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
}

function throwNoSuchPost(): never {
  throw new ApiError(404, 'not_found', 'id: no post has this id.', { field: 'id' });
}

/** The post the signed-in user may change; 404 or 403 otherwise. */
async function loadOwnPost(c: AppContext, id: string): Promise<Post> {
  const post = (await getPost(c.get('getDb')(), id)) ?? throwNoSuchPost();
  await ensureCanManage(c, post.ngoId);
  return post;
}

export const newsRoutes = createRouter()
  .openapi(createRoute({ ...contracts.listNgoPosts, middleware: [requireNgo()] }), async (c) => {
    const posts = await listNgoPosts(c.get('getDb')(), c.get('ngo').id, PAGE_LIMIT);
    return c.json({ posts: posts.map(toPostJson) }, 200);
  })
  .openapi(
    createRoute({
      ...contracts.createPost,
      middleware: [requireSession(), limitContentCreation(), requireNgo(), requireNgoManager()],
    }),
    async (c) => {
      const content = toContent(c.req.valid('json'));
      const post = await createPost(c.get('getDb')(), c.get('ngo').id, c.get('auth').user.id, content, c.get('now')());
      // Queued, not sent: the sender loop mails it, so a slow mail server never slows posting.
      await enqueueInstantEmails(c.get('getDb')(), {
        ngoId: post.ngoId,
        kind: 'post',
        itemId: post.id,
        now: post.createdAt,
      });
      return c.json({ post: toPostJson(post) }, 201);
    },
  )
  .openapi(createRoute({ ...contracts.updatePost, middleware: [requireSession()] }), async (c) => {
    const current = await loadOwnPost(c, c.req.valid('param').id);
    const post = await updatePost(c.get('getDb')(), current.id, toContent(c.req.valid('json')), c.get('now')());
    return c.json({ post: toPostJson(post ?? throwNoSuchPost()) }, 200);
  })
  .openapi(createRoute({ ...contracts.deletePost, middleware: [requireSession()] }), async (c) => {
    const post = await loadOwnPost(c, c.req.valid('param').id);
    await deletePost(c.get('getDb')(), post.id);
    return c.json({ deleted: true as const }, 200);
  })
  /** RSS 2.0, cacheable: max-age plus ETag / Last-Modified revalidation (304). */
  .openapi(createRoute({ ...contracts.getNgoNewsFeed, middleware: [requireNgo()] }), async (c) => {
    const db = c.get('getDb')();
    const ngo = c.get('ngo');
    const [posts, lastModified] = await Promise.all([
      listNgoPosts(db, ngo.id, RSS_LIMIT),
      getPostsLastModified(db, ngo.id),
    ]);
    const origin = siteOrigin(c);
    const pageUrl = `${origin}/ngos/${ngo.slug}/`;
    const xml = renderRss({
      title: `${ngo.name}: news on Jumo`,
      link: pageUrl,
      selfUrl: `${origin}/api/ngos/${ngo.id}/feed.xml`,
      description: `News from ${ngo.name}, posted by its managers on Jumo.`,
      lastBuildDate: lastModified,
      items: posts.map((p) => toRssPostItem(p, pageUrl)),
    });
    const etag = await computeEtag(xml);
    c.header('Cache-Control', `public, max-age=${RSS_MAX_AGE}`);
    c.header('ETag', etag);
    if (lastModified) c.header('Last-Modified', lastModified.toUTCString());
    const ifNoneMatch = c.req.header('If-None-Match');
    const ifModifiedSince = c.req.header('If-Modified-Since');
    const notModified = ifNoneMatch
      ? ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')
      : Boolean(
          ifModifiedSince &&
          lastModified &&
          Date.parse(ifModifiedSince) >= Math.floor(lastModified.getTime() / 1000) * 1000,
        );
    if (notModified) return c.body(null, 304);
    return c.body(xml, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
  });
