import type { Context } from 'hono';

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
