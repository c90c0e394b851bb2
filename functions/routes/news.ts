import { Hono } from 'hono';
import { z } from 'zod';
import { getNgoFacts } from '../../db/ngo-directory.ts';
import { createPost, deletePost, getPost, getPostsLastModified, listNgoPosts, updatePost, type Post } from '../../db/posts.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { renderMarkdown } from '../markdown.ts';
import { requireSession } from '../middleware/session.ts';
import { renderRss } from '../rss.ts';
import { escapeHtml } from '../../model/escape-html.ts';
import {
  canManage,
  httpsUrlSchema,
  itemIdSchema,
  limitContentCreation,
  ngoIdSchema,
  parseBody,
  respondForbidden,
  userText,
} from './engage-shared.ts';

const postSchema = z.object({
  title: userText(3, 140),
  /** Markdown; raw HTML is shown as text, links must be http(s) or mailto. */
  body: userText(1, 4000),
  /** An optional link to read more, https only. */
  linkUrl: httpsUrlSchema.nullish(),
  /** An optional picture, https only (the page CSP allows https images). */
  imageUrl: httpsUrlSchema.nullish(),
});

const PAGE_LIMIT = 20;
const RSS_LIMIT = 30;
/** Feed readers poll; five minutes is fresh enough for news and spares the database. */
const RSS_MAX_AGE = 300;

export function toPostJson(post: Post) {
  return {
    id: post.id,
    ngoId: post.ngoId,
    title: post.title,
    bodyHtml: post.bodyHtml,
    bodyMarkdown: post.bodyMarkdown,
    linkUrl: post.linkUrl,
    imageUrl: post.imageUrl,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

function toContent(input: z.infer<typeof postSchema>) {
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

/** Load a post the signed-in user may change, or the answer to give instead. */
async function loadOwnPost(c: AppContext): Promise<{ ok: true; post: Post } | { ok: false; response: Response }> {
  const id = itemIdSchema.safeParse(c.req.param('id'));
  const post = id.success ? await getPost(c.get('getDb')(), id.data) : null;
  if (!post) return { ok: false, response: respondError(c, 404, 'not_found', 'No such post.') };
  if (!(await canManage(c, post.ngoId))) return { ok: false, response: respondForbidden(c) };
  return { ok: true, post };
}

export const newsRoutes = new Hono<HonoEnv>()
  .get('/ngos/:id/posts', async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    const posts = await listNgoPosts(c.get('getDb')(), ngoId.data, PAGE_LIMIT);
    return c.json({ posts: posts.map(toPostJson) });
  })
  .post('/ngos/:id/posts', requireSession(), limitContentCreation(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    if (!(await canManage(c, ngoId.data))) return respondForbidden(c);
    const input = await parseBody(c, postSchema);
    if (!input.ok) return input.response;
    const post = await createPost(c.get('getDb')(), ngoId.data, c.get('auth').user.id, toContent(input.data), c.get('now')());
    return c.json({ post: toPostJson(post) }, 201);
  })
  .patch('/posts/:id', requireSession(), async (c) => {
    const loaded = await loadOwnPost(c);
    if (!loaded.ok) return loaded.response;
    const input = await parseBody(c, postSchema);
    if (!input.ok) return input.response;
    const post = await updatePost(c.get('getDb')(), loaded.post.id, toContent(input.data), c.get('now')());
    if (!post) return respondError(c, 404, 'not_found', 'No such post.');
    return c.json({ post: toPostJson(post) });
  })
  .delete('/posts/:id', requireSession(), async (c) => {
    const loaded = await loadOwnPost(c);
    if (!loaded.ok) return loaded.response;
    await deletePost(c.get('getDb')(), loaded.post.id);
    return c.json({ deleted: true });
  })
  /** RSS 2.0, cacheable: max-age plus ETag / Last-Modified revalidation (304). */
  .get('/ngos/:id/feed.xml', async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    const db = c.get('getDb')();
    const [ngo, posts, lastModified] = await Promise.all([
      getNgoFacts(db, ngoId.data),
      listNgoPosts(db, ngoId.data, RSS_LIMIT),
      getPostsLastModified(db, ngoId.data),
    ]);
    if (!ngo) return respondError(c, 404, 'not_found', 'No such NGO.');
    const origin = siteOrigin(c);
    const pageUrl = `${origin}/ngos/${ngo.slug}/`;
    const xml = renderRss({
      title: `${ngo.name}: news on Jumo`,
      link: pageUrl,
      selfUrl: `${origin}/api/ngos/${ngo.id}/feed.xml`,
      description: `News from ${ngo.name}, posted by its managers on Jumo.`,
      lastBuildDate: lastModified,
      items: posts.map((p) => ({
        title: p.title,
        link: `${pageUrl}#post-${p.id}`,
        guid: `jumo-post-${p.id}`,
        // linkUrl passed the https-only check; it is escaped like the rest of the body.
        description: p.linkUrl ? `${p.bodyHtml}<p><a href="${escapeHtml(p.linkUrl)}" rel="nofollow ugc noopener">Read more</a></p>` : p.bodyHtml,
        pubDate: p.createdAt,
        enclosureUrl: p.imageUrl,
      })),
    });
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(xml)));
    const etag = `"${Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}"`;
    c.header('Cache-Control', `public, max-age=${RSS_MAX_AGE}`);
    c.header('ETag', etag);
    if (lastModified) c.header('Last-Modified', lastModified.toUTCString());
    const ifNoneMatch = c.req.header('If-None-Match');
    const ifModifiedSince = c.req.header('If-Modified-Since');
    const notModified = ifNoneMatch
      ? ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')
      : Boolean(ifModifiedSince && lastModified && Date.parse(ifModifiedSince) >= Math.floor(lastModified.getTime() / 1000) * 1000);
    if (notModified) return c.body(null, 304);
    return c.body(xml, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
  });
