import { createRoute } from '@hono/zod-openapi';
import * as contracts from '../../model/api/cards.ts';
import { describeNgoCard } from '../../model/ngo-card.ts';
import type { CardRenderer } from '../cards/card-renderer.ts';
import { CARD_DESIGN_VERSION } from '../cards/ngo-card-svg.ts';
import { ApiError } from '../errors.ts';
import { computeEtag, matchesIfNoneMatch } from '../http-cache.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { createRouter } from '../openapi.ts';

/**
 * A card changes only when its NGO's name, country or first cause does (an import, rarely):
 * a day fresh, then served stale for a week while it revalidates (a 304 costs no drawing).
 */
const CARD_CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800';

/** GET /api/ngos/{id}/card.png; `renderer` is null on an entry that cannot draw (503). */
export function createNgoCardRoutes(renderer: CardRenderer | null) {
  return createRouter().openapi(createRoute({ ...contracts.getNgoCard, middleware: [requireNgo()] }), async (c) => {
    const ngo = c.get('ngo');
    const text = describeNgoCard({ name: ngo.name, country: ngo.country, firstCause: ngo.causes.trim().split(' ')[0] });
    // From what the card shows, so the 304 is answered before anything is drawn.
    const etag = await computeEtag(JSON.stringify([CARD_DESIGN_VERSION, text.eyebrow, text.title, text.line]));
    c.header('Cache-Control', CARD_CACHE_CONTROL);
    c.header('ETag', etag);
    if (matchesIfNoneMatch(c, etag)) return c.body(null, 304);
    if (!renderer) throw new ApiError(503, 'server_misconfigured', 'Share cards are not available here.');
    const png = await renderer.renderPng(etag, text);
    return c.body(png as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'image/png' });
  });
}
