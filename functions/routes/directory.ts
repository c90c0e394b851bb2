import { createRoute } from '@hono/zod-openapi';
import { getPublicNgoRow, listPublicNgoSummaries, type PublicNgoRow } from '../../db/public-directory.ts';
import * as contracts from '../../model/api/directory.ts';
import type { PublicNgoJson, PublicNgoProfileJson } from '../../model/api/directory.ts';
import { encodePositionCursor } from '../../model/api/fields.ts';
import type { Ngo } from '../../model/ngo.ts';
import { toMediaPath, type NgoProfileData } from '../../model/ngo-profile.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { computeEtag, respondWithEtag } from '../http-cache.ts';
import { createRouter } from '../openapi.ts';

/** Counts move with every follow and pledge: a minute old is fresh enough, and spares the database under load. */
const CACHE_CONTROL = 'public, max-age=60';
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

/** Keep a fresh answer by its URL with a weak ETag of its body (a proxy may recompress it), and send it. */
async function respondCacheable(c: AppContext, json: string): Promise<Response> {
  const answer = { body: json, etag: `W/${await computeEtag(json)}`, contentType: 'application/json; charset=UTF-8' };
  c.get('publicAnswers').set(c.req.url, answer);
  return respondWithEtag(c, answer, CACHE_CONTROL);
}

export const directoryRoutes = createRouter()
  .openapi(createRoute(contracts.getPublicNgo), async (c) => {
    const kept = c.get('publicAnswers').get(c.req.url);
    if (kept) return respondWithEtag(c, kept, CACHE_CONTROL);
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
    if (kept) return respondWithEtag(c, kept, CACHE_CONTROL);
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
