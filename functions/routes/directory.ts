import { createRoute } from '@hono/zod-openapi';
import { getPublicNgoRow, listPublicNgoSummaries, type PublicNgoRow } from '../../db/public-directory.ts';
import * as contracts from '../../model/api/directory.ts';
import type { PublicNgoJson, PublicNgoProfileJson } from '../../model/api/directory.ts';
import { encodePositionCursor } from '../../model/api/fields.ts';
import type { Ngo } from '../../model/ngo.ts';
import { toMediaPath, type NgoProfileData } from '../../model/ngo-profile.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter } from '../openapi.ts';

/** Counts move with every follow and pledge: a minute old is fresh enough, and spares the database under load. */
const MAX_AGE_SECONDS = 60;
/**
 * Answers are public and may be a minute old anywhere (MAX_AGE_SECONDS): the app keeps each for
 * a third of that (functions/app.ts), as a shared cache in front of it would, so a page many
 * clients ask for is read once every 20 s rather than every time. Keyed by the whole URL.
 */
export const PUBLIC_ANSWER_TTL_MS = (MAX_AGE_SECONDS * 1000) / 3;
export const PUBLIC_ANSWERS_KEPT = 2_000;
/** Words of `q` used: more narrow nothing a person types. */
const MAX_QUERY_WORDS = 8;

/** The site's public origin, for absolute links. */
function siteOrigin(c: AppContext): string {
  return c.get('env').PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
}

/** The profile as the NGO page shows it: rendered HTML, no Markdown source, the logo as a URL. */
function toPublicProfile(profile: NonNullable<PublicNgoRow['profile']>, origin: string): PublicNgoProfileJson {
  const { mission: _mission, description: _description, logo, ...shown } = JSON.parse(profile.data) as NgoProfileData;
  return {
    ...shown,
    ...(logo ? { logoUrl: `${origin}${toMediaPath(logo)}` } : {}),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

/** Keep a fresh answer by its URL (PUBLIC_ANSWER_TTL_MS) with a weak ETag of its body (a proxy may recompress it), and send it. */
async function respondCacheable(c: AppContext, json: string): Promise<Response> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json)));
  const etag = `W/"${Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}"`;
  c.get('publicAnswers').set(c.req.url, { json, etag });
  return respondKept(c, { json, etag });
}

/** `Cache-Control: public`, the ETag, and 304 without a body when the client's If-None-Match still holds. */
function respondKept(c: AppContext, answer: { json: string; etag: string }): Response {
  c.header('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
  c.header('ETag', answer.etag);
  const ifNoneMatch = c.req.header('If-None-Match');
  const bare = answer.etag.slice(2);
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === bare)) {
    return c.body(null, 304);
  }
  return c.body(answer.json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
}

export const directoryRoutes = createRouter()
  .openapi(createRoute(contracts.getPublicNgo), async (c) => {
    const kept = c.get('publicAnswers').get(c.req.url);
    if (kept) return respondKept(c, kept);
    const { id } = c.req.valid('param');
    const row = await getPublicNgoRow(c.get('getDb')(), id);
    if (!row) throw new ApiError(404, 'not_found', 'id: no NGO in the directory has this id.', { field: 'id' });
    const origin = siteOrigin(c);
    const record = JSON.parse(row.record) as Ngo;
    const body: PublicNgoJson = {
      ngo: record,
      places: JSON.parse(row.places) as string[],
      url: `${origin}/ngos/${record.slug}/`,
      profile: row.profile ? toPublicProfile(row.profile, origin) : null,
      counts: { followers: row.followers, supporters: row.supporters, pledges: row.pledges },
    };
    return respondCacheable(c, JSON.stringify(body));
  })
  .openapi(createRoute(contracts.listPublicNgos), async (c) => {
    const kept = c.get('publicAnswers').get(c.req.url);
    if (kept) return respondKept(c, kept);
    const query = c.req.valid('query');
    const words = query.q?.match(/[\p{L}\p{N}]+/gu)?.slice(0, MAX_QUERY_WORDS);
    const page = await listPublicNgoSummaries(
      c.get('getDb')(),
      {
        cause: query.cause,
        place: query.place,
        words,
        after: query.cursor?.after ?? 0,
        limit: query.limit ?? contracts.LIST_LIMIT_DEFAULT,
      },
      siteOrigin(c),
    );
    const next = page.nextAfter === null ? null : encodePositionCursor({ after: page.nextAfter });
    // The summaries arrive as JSON from the database (checked field for field by the tests).
    return respondCacheable(c, `{"items":[${page.summaries.join(',')}],"next":${JSON.stringify(next)}}`);
  });
