import { z } from 'zod';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { isoDateTimeSchema, userText } from './fields.ts';

/**
 * Reports of posts, opportunities and impact reports that should not be on Jumo, and their resolution by site
 * admins. The value lists are the database's too: db/schema.ts keeps its own copies for its
 * column types, and the handlers pass values between the two, so tsc fails if they differ.
 */
export const REPORT_KINDS = ['post', 'opportunity', 'impact_report'] as const;
export const REPORT_STATUSES = ['open', 'resolved'] as const;

export const newReportSchema = z.strictObject({
  /** What is reported. */
  kind: z.enum(REPORT_KINDS),
  /** The post's, opportunity's or impact report's id. */
  itemId: itemIdSchema,
  /** Why it should not be on Jumo; shown to site admins only. */
  reason: userText(3, 500),
});

export const reportResolutionSchema = z.strictObject({
  /** `hide` takes the item off pages, feeds and RSS; `dismiss` leaves it. Either closes every open report on it. */
  action: z.enum(['hide', 'dismiss']),
});

export const createReport = defineEndpoint({
  ...API_ROUTES.createReport,
  summary: 'Report a post, an opportunity or an impact report to the site admins (one open report per person and item)',
  request: { body: jsonBody(newReportSchema) },
  responses: {
    201: jsonResponse(
      'Recorded',
      z.object({ report: z.object({ id: itemIdSchema, status: z.enum(REPORT_STATUSES) }) }),
    ),
    400: errorResponse('A field is invalid (named in `field`), or the body is not JSON'),
    401: errorResponse('Not signed in'),
    404: errorResponse('No visible item of this kind has this id (`field`: itemId)'),
    409: errorResponse('This person already has an open report on this item (`already_reported`)'),
    429: errorResponse('Too many reports from this account for now'),
  },
});

export const listReports = defineEndpoint({
  ...API_ROUTES.listReports,
  summary: 'Open reports, oldest first, with what was reported: site admins only',
  responses: {
    200: jsonResponse(
      'Up to 200 open reports',
      z.object({
        reports: z.array(
          z.object({
            id: itemIdSchema,
            kind: z.enum(REPORT_KINDS),
            itemId: itemIdSchema,
            reason: z.string(),
            createdAt: isoDateTimeSchema,
            /** Null once the reporter deleted their account; name null if they have none. */
            reporter: z.object({ id: itemIdSchema, name: z.string().nullable() }).nullable(),
            /** The reported item as it stands (`hidden` once an admin hid it), or null if deleted since. */
            item: z.object({ title: z.string(), ngoId: ngoIdSchema, hidden: z.boolean() }).nullable(),
          }),
        ),
      }),
    ),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
  },
});

export const resolveReport = defineEndpoint({
  ...API_ROUTES.resolveReport,
  summary: 'Hide the reported item or dismiss the report; closes every open report on the same item: site admins only',
  request: { params: z.object({ id: itemIdSchema.describe('The report.') }), body: jsonBody(reportResolutionSchema) },
  responses: {
    200: jsonResponse(
      'Resolved',
      z.object({
        /** Whether the item is now hidden. */
        hidden: z.boolean(),
        /** How many open reports on the item this closed. */
        resolved: z.number().int(),
      }),
    ),
    400: errorResponse('`action` or `id` is invalid, or the body is not JSON'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
    404: errorResponse('No report has this id'),
  },
});
