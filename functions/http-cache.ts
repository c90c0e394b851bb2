import type { Context } from 'hono';

/**
 * Public answers may be a minute old anywhere (`max-age=60` and more): the app keeps each by its
 * URL for 20 s, as a shared cache in front of it would, so a page many clients ask for is read
 * once every 20 s rather than every time.
 */
export const PUBLIC_ANSWER_TTL_MS = 20_000;
export const PUBLIC_ANSWERS_KEPT = 2_000;

/** A strong ETag from the bytes (or text) a response sends, or from the facts it is drawn from. */
export async function computeEtag(content: string | Uint8Array): Promise<string> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return `"${Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}"`;
}

/** Whether the request's If-None-Match names `etag` (weak or strong, or `*`): answer 304. */
export function matchesIfNoneMatch(c: Context, etag: string): boolean {
  const header = c.req.header('If-None-Match');
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
}

/** An answer kept for a while (the app's `publicAnswers`): its body, validator and type. */
export type KeptAnswer = { body: string; etag: string; contentType: string };

/**
 * Send a public answer with its Cache-Control and ETag, or 304 without a body when the
 * request's If-None-Match still holds. `etag` may be weak (`W/"…"`): compared by its opaque part.
 */
export function respondWithEtag(c: Context, answer: KeptAnswer, cacheControl: string): Response {
  c.header('Cache-Control', cacheControl);
  c.header('ETag', answer.etag);
  if (matchesIfNoneMatch(c, answer.etag.replace(/^W\//, ''))) return c.body(null, 304);
  return c.body(answer.body, 200, { 'Content-Type': answer.contentType });
}
