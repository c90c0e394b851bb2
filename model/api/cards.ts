import { z } from 'zod';
import { ngoIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse } from './contract.ts';

/** Share cards: the 1200×630 picture social sites show for a link to an NGO's page. */

export const getNgoCard = defineEndpoint({
  ...API_ROUTES.getNgoCard,
  summary:
    "An NGO's share card (Open Graph / Twitter image): a 1200×630 PNG drawn on demand from its directory facts, cached long and revalidated with ETag",
  request: { params: z.object({ id: ngoIdSchema.describe('The NGO whose card this is.') }) },
  responses: {
    200: {
      description: 'The card',
      headers: z.object({
        'Cache-Control': z
          .string()
          .describe('public, max-age=86400, stale-while-revalidate=604800: a card changes only with its NGO.'),
        ETag: z.string().describe('Derived from what the card shows (name, place, cause) and the card design version.'),
      }),
      content: { 'image/png': { schema: z.string().describe('PNG, 1200×630 pixels.') } },
    },
    304: { description: 'Not modified: the If-None-Match sent names this card' },
    400: errorResponse('`id` is not an NGO id'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});
