import { z } from 'zod';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { CAUSE_IDS } from '../causes.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { httpsUrlSchema, isoDateTimeSchema, userText } from './fields.ts';

/** News an NGO's managers post: shown on its page, in followers' feeds and in its RSS feed. */

const ngoParams = z.object({ id: ngoIdSchema.describe('The NGO whose news this is.') });
const postParams = z.object({ id: itemIdSchema.describe('The post.') });

/** What a manager writes; the same fields create a post and replace one. */
export const postInputSchema = z.strictObject({
  /** Headline. */
  title: userText(3, 140).describe('Headline, 3 to 140 characters.'),
  /** Markdown; raw HTML is shown as text, links must be http(s) or mailto. */
  body: userText(1, 4000).describe('Markdown, up to 4,000 characters; raw HTML is shown as text.'),
  /** An optional link to read more, https only. */
  linkUrl: httpsUrlSchema.nullish().describe('A link to read more (https), or null.'),
  /** An optional picture, https only (the page CSP allows https images). */
  imageUrl: httpsUrlSchema.nullish().describe('A picture (https), or null.'),
});
export type PostInput = z.infer<typeof postInputSchema>;

/** A post as readers see it (the feed): everything but the Markdown source. */
export const postViewSchema = z.object({
  id: itemIdSchema,
  /** The NGO that posted it. */
  ngoId: ngoIdSchema,
  title: z.string(),
  /** The Markdown body rendered to inert HTML (only our own tags; links get rel="nofollow ugc noopener"). */
  bodyHtml: z.string(),
  /** https link to read more, or null. */
  linkUrl: z.string().nullable(),
  /** https picture, or null. */
  imageUrl: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  /** Last edit (equal to createdAt until edited). */
  updatedAt: isoDateTimeSchema,
});
export type PostViewJson = z.infer<typeof postViewSchema>;

/** A post with its Markdown as written, for the NGO's managers to edit (its page's news lists). */
export const postSchema = postViewSchema.extend({ bodyMarkdown: z.string() });
export type PostJson = z.infer<typeof postSchema>;

export const listNgoPosts = defineEndpoint({
  ...API_ROUTES.listNgoPosts,
  summary: "An NGO's latest news, newest first (the 20 most recent; hidden posts left out)",
  request: { params: ngoParams },
  responses: {
    200: jsonResponse('The posts', z.object({ posts: z.array(postSchema) })),
    400: errorResponse('`id` is not an NGO id'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const createPost = defineEndpoint({
  ...API_ROUTES.createPost,
  summary: 'Post news for an NGO: its managers only',
  request: { params: ngoParams, body: jsonBody(postInputSchema) },
  responses: {
    201: jsonResponse('Posted', z.object({ post: postSchema })),
    400: errorResponse('A field is invalid (named in `field`), or the body is not JSON'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No NGO in the directory has this id'),
    429: errorResponse('Too many posts from this account for now (Retry-After says when to try again)'),
  },
});

export const updatePost = defineEndpoint({
  ...API_ROUTES.updatePost,
  summary: 'Replace the title, body and links of a post: its NGO managers only',
  request: { params: postParams, body: jsonBody(postInputSchema) },
  responses: {
    200: jsonResponse('Updated', z.object({ post: postSchema })),
    400: errorResponse('A field is invalid (named in `field`), or the body is not JSON'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No post has this id'),
  },
});

export const deletePost = defineEndpoint({
  ...API_ROUTES.deletePost,
  summary: 'Delete a post: its NGO managers only',
  request: { params: postParams },
  responses: {
    200: jsonResponse('Deleted', z.object({ deleted: z.literal(true) })),
    400: errorResponse('`id` is not a post id'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No post has this id'),
  },
});

export const getNgoNewsFeed = defineEndpoint({
  ...API_ROUTES.getNgoNewsFeed,
  summary:
    "An NGO's news as RSS 2.0 for feed readers (the 30 most recent posts), cacheable and revalidated with ETag or Last-Modified",
  request: { params: ngoParams },
  responses: {
    200: {
      description: 'The feed',
      headers: z.object({
        'Cache-Control': z.string().describe('public, max-age=300: feed readers poll, five minutes is fresh enough.'),
        ETag: z.string().describe('A strong validator of this exact document.'),
        'Last-Modified': z.string().optional().describe('When a post last changed; absent while the NGO has none.'),
      }),
      content: {
        'application/rss+xml': {
          schema: z
            .string()
            .describe('RSS 2.0: channel title, link and description; one item per post with its HTML body escaped.'),
        },
      },
    },
    304: {
      description: 'Not modified: the If-None-Match (an ETag) or If-Modified-Since (a Last-Modified) sent still holds',
    },
    400: errorResponse('`id` is not an NGO id'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const getCauseNewsFeed = defineEndpoint({
  ...API_ROUTES.getCauseNewsFeed,
  summary:
    'The news of all NGOs in a cause as RSS 2.0 (the 30 most recent posts, hidden ones left out), cacheable and revalidated with ETag',
  request: {
    params: z.object({ cause: z.string().describe(`The cause, one of: ${CAUSE_IDS.join(', ')}.`) }),
  },
  responses: {
    200: {
      description: 'The feed',
      headers: z.object({
        'Cache-Control': z.string().describe('public, max-age=300: feed readers poll, five minutes is fresh enough.'),
        ETag: z.string().describe('A strong validator of this exact document.'),
      }),
      content: {
        'application/rss+xml': {
          schema: z
            .string()
            .describe("RSS 2.0: one item per post, newest first, titled with its NGO's name; the HTML body escaped."),
        },
      },
    },
    304: { description: 'Not modified: the If-None-Match sent names this document' },
    404: errorResponse('No such cause (`not_found`, field `cause`)'),
  },
});
