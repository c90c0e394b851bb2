import { z } from 'zod';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { mediaKeySchema } from '../ngo-profile.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { currencyCodeSchema, isoDateTimeSchema, userText } from './fields.ts';

/**
 * Impact reports: what an NGO did over a period, and with how much money. Managers publish them;
 * they show on the NGO page (after the next publish), in the feed of followers and of everyone
 * with a standing pledge to the NGO, and in My Jumo beside each pledge made before them.
 */

/** A report's amounts, like a pledge's, are whole minor units; a billion of them is plenty. */
export const MAX_REPORT_MINOR = 1_000_000_000_000;

const ngoParams = z.object({ id: ngoIdSchema.describe('The NGO whose reports these are.') });
const reportParams = z.object({ id: itemIdSchema.describe('The impact report.') });

const daySchema = z.iso.date('a date such as "2026-05-31"');
const amountSchema = z
  .number('a number of minor units (cents, pence)')
  .int('a whole number of minor units (cents, pence)')
  .min(0, 'zero or more')
  .max(MAX_REPORT_MINOR, `at most ${MAX_REPORT_MINOR} minor units`);

/**
 * What a manager writes; the same fields create a report and replace one. Whether the period
 * ends in the future depends on the server's clock, so the API checks that (field periodEnd).
 */
export const impactReportInputSchema = z
  .strictObject({
    /** Headline, e.g. "What your support did in 2026". */
    title: userText(3, 140).describe('Headline, 3 to 140 characters.'),
    /** First day covered (YYYY-MM-DD). */
    periodStart: daySchema.describe('First day covered (YYYY-MM-DD).'),
    /** Last day covered (YYYY-MM-DD), not before periodStart and not in the future. */
    periodEnd: daySchema.describe('Last day covered (YYYY-MM-DD): not before periodStart, not in the future.'),
    /** ISO 4217 code of both amounts; required as soon as one amount is given. */
    currency: currencyCodeSchema.nullish().describe('ISO 4217 code of the amounts; required with either amount.'),
    /** Money received over the period, in minor units of `currency`, or null. */
    receivedMinor: amountSchema.nullish().describe('Received over the period, minor units of `currency`, or null.'),
    /** Money spent over the period, in minor units of `currency`, or null. */
    spentMinor: amountSchema.nullish().describe('Spent over the period, minor units of `currency`, or null.'),
    /** What was achieved: Markdown; raw HTML is shown as text, links must be http(s) or mailto. */
    body: userText(1, 5000).describe('What was achieved: Markdown, up to 5,000 characters; raw HTML is shown as text.'),
    /** A photo: the key an image upload for this NGO answered (POST /api/ngos/{id}/media), or null. */
    photoKey: mediaKeySchema
      .nullish()
      .describe('A photo: the `key` an image upload (POST /api/ngos/{id}/media) answered, or null.'),
  })
  .superRefine((input, ctx) => {
    if (input.periodStart > input.periodEnd) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'not before periodStart' });
    }
    const hasAmount = input.receivedMinor != null || input.spentMinor != null;
    if (hasAmount && !input.currency) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'required with an amount' });
    }
  });
export type ImpactReportInput = z.infer<typeof impactReportInputSchema>;

/** A report as readers see it (the feed): everything but the Markdown source. */
export const impactReportViewSchema = z.object({
  id: itemIdSchema,
  /** The NGO that published it. */
  ngoId: ngoIdSchema,
  title: z.string(),
  /** First and last day covered (YYYY-MM-DD), inclusive. */
  periodStart: z.string(),
  periodEnd: z.string(),
  /** ISO 4217 code of the amounts, or null when the report gives none. */
  currency: z.string().nullable(),
  /** Minor units of `currency`, or null. */
  receivedMinor: z.number().int().nullable(),
  spentMinor: z.number().int().nullable(),
  /** The Markdown rendered to inert HTML (only our own tags; links get rel="nofollow ugc noopener"). */
  bodyHtml: z.string(),
  /** Where its photo is served (`/api/media/<sha256>.<ext>`), or null. */
  photoUrl: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  /** Last edit (equal to createdAt until edited). */
  updatedAt: isoDateTimeSchema,
});
export type ImpactReportViewJson = z.infer<typeof impactReportViewSchema>;

/** A report with its Markdown as written, for the NGO's managers to edit. */
export const impactReportSchema = impactReportViewSchema.extend({
  bodyMarkdown: z.string(),
  /** The photo's media key as sent, or null. */
  photoKey: z.string().nullable(),
});
export type ImpactReportJson = z.infer<typeof impactReportSchema>;

/** Enough to link to a report: My Jumo's list beside a pledge. */
export const impactReportLinkSchema = z.object({
  id: itemIdSchema,
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  createdAt: isoDateTimeSchema,
  /** The NGO page's slug (the report's page is /ngos/<slug>/reports/<id>/), or null once it left the directory. */
  ngoSlug: z.string().nullable(),
});
export type ImpactReportLinkJson = z.infer<typeof impactReportLinkSchema>;

const refusedInput = errorResponse('A field is invalid (named in `field`), or the body is not JSON');
const notSignedIn = errorResponse('Not signed in');
const notManager = errorResponse("Not one of this NGO's managers");
const noSuchReport = errorResponse('No visible impact report has this id');

export const listNgoImpactReports = defineEndpoint({
  ...API_ROUTES.listNgoImpactReports,
  summary: "An NGO's impact reports, newest first (the 50 most recent; hidden ones left out)",
  request: { params: ngoParams },
  responses: {
    200: jsonResponse('The reports', z.object({ reports: z.array(impactReportSchema) })),
    400: errorResponse('`id` is not an NGO id'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const createImpactReport = defineEndpoint({
  ...API_ROUTES.createImpactReport,
  summary: 'Publish an impact report for an NGO: its managers only',
  request: { params: ngoParams, body: jsonBody(impactReportInputSchema) },
  responses: {
    201: jsonResponse('Published', z.object({ report: impactReportSchema })),
    400: refusedInput,
    401: notSignedIn,
    403: notManager,
    404: errorResponse('No NGO in the directory has this id'),
    429: errorResponse('Too many reports from this account for now (Retry-After says when to try again)'),
  },
});

export const getImpactReport = defineEndpoint({
  ...API_ROUTES.getImpactReport,
  summary: 'One impact report (hidden ones are gone)',
  request: { params: reportParams },
  responses: {
    200: jsonResponse('The report', z.object({ report: impactReportSchema })),
    400: errorResponse('`id` is not a report id'),
    404: noSuchReport,
  },
});

export const updateImpactReport = defineEndpoint({
  ...API_ROUTES.updateImpactReport,
  summary: 'Replace every field of an impact report: its NGO managers only',
  request: { params: reportParams, body: jsonBody(impactReportInputSchema) },
  responses: {
    200: jsonResponse('Updated', z.object({ report: impactReportSchema })),
    400: refusedInput,
    401: notSignedIn,
    403: notManager,
    404: noSuchReport,
  },
});

export const deleteImpactReport = defineEndpoint({
  ...API_ROUTES.deleteImpactReport,
  summary: 'Delete an impact report: its NGO managers only',
  request: { params: reportParams },
  responses: {
    200: jsonResponse('Deleted', z.object({ deleted: z.literal(true) })),
    400: errorResponse('`id` is not a report id'),
    401: notSignedIn,
    403: notManager,
    404: noSuchReport,
  },
});

export const listMyPledgeImpactReports = defineEndpoint({
  ...API_ROUTES.listMyPledgeImpactReports,
  summary:
    "For each of the signed-in person's pledges (the 100 newest), the NGO's impact reports published after it (up to 10 each, newest first)",
  responses: {
    200: jsonResponse(
      'Reports per pledge (pledges with none are left out)',
      z.object({
        pledges: z.array(z.object({ pledgeId: itemIdSchema, reports: z.array(impactReportLinkSchema) })),
      }),
    ),
    401: notSignedIn,
  },
});
