import { z } from 'zod';
import { CAUSE_IDS } from '../causes.ts';
import { ngoIdSchema } from '../ids.ts';
import { ngoSchema } from '../ngo.ts';
import { isKnownPlaceCode } from '../places.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonResponse } from './contract.ts';
import { positionCursorSchema } from './fields.ts';

/**
 * The public directory API (`/api/v1/`): what anyone may read about the NGOs of the directory,
 * from any origin. This is a published contract: it changes only by adding fields or
 * parameters, never by removing or renaming one (docs/api.md).
 */

const shape = ngoSchema.shape;

/** The directory record (model/ngo.ts), every field described for readers of the contract. */
export const publicNgoRecordSchema = ngoSchema.extend({
  id: shape.id.describe('Stable identifier in org-id.guide form: `US-EIN-010674736`, `GB-NIC-100002`, `XX-JUMO-…`.'),
  slug: shape.slug.describe('Path segment of its page on the site: `/ngos/<slug>/`.'),
  name: shape.name.describe('Its name as the register gives it (IRS names title-cased).'),
  summary: shape.summary.describe('One or two sentences built only from the record’s facts.'),
  causes: shape.causes.describe('Cause ids, most specific first (the site’s /causes/ pages); at least one.'),
  location: shape.location.describe(
    'Where it is registered: `country` (ISO 3166-1 alpha-2), `region` (ISO 3166-2: a US state or UK nation), ' +
      '`area` (a region of a UK nation: `GB-ENG-LON`), `city` and `postcode` when the register gives them.',
  ),
  countriesServed: shape.countriesServed.describe('Countries it is known to work in (ISO 3166-1 alpha-2).'),
  beneficiaries: shape.beneficiaries.describe('Who it helps, in the regulator’s own categories (NI register).'),
  activities: shape.activities.describe('How it works, in the regulator’s own categories (NI register).'),
  website: shape.website.describe('Its website as the register gives it, normalised to https.'),
  registry: shape.registry.describe(
    'The register it is on: its `name` (as org-id.guide lists it), the `number` there and the `url` of its public ' +
      'record; absent for an NGO that joined Jumo while on no register.',
  ),
  ownWords: shape.ownWords.describe(
    'Its own description of what it does (`text`) and where that text comes from (`source`).',
  ),
  tags: shape.tags.describe('Activity tags of the UK-CAT classification: `scheme`, `code` and `label`.'),
  classification: shape.classification.describe('Its NTEE code (`scheme`, `code`, `label`) as the IRS gives it.'),
  financials: shape.financials.describe(
    'Figures the registers publish, newest period first, in whole units of `currency`: `periodEnd` (YYYY-MM, last ' +
      'month of the year reported), `income`, `spending`, `revenue`, `assets` when given, and their `source`.',
  ),
  sources: shape.sources.describe(
    'For a record built from several register files: each file (`name`, extract `date`) and the `fields` taken from it.',
  ),
  updated: shape.updated.describe('When its register data last changed (YYYY-MM-DD).'),
  registeredYear: shape.registeredYear.describe('Year it was registered (NI) or granted tax exemption (IRS).'),
  registeredOn: shape.registeredOn.describe('Day it was registered (YYYY-MM-DD), when the register gives the day.'),
});

/** What the NGO's managers added to its page, as the page shows it (Markdown already rendered). */
export const publicNgoProfileSchema = z.object({
  missionHtml: z
    .string()
    .optional()
    .describe(
      'What it is for, in its own words, as inert HTML (our own tags only; links rel="nofollow ugc noopener").',
    ),
  descriptionHtml: z.string().optional().describe('What it does and how, as inert HTML (as `missionHtml`).'),
  website: z.string().optional().describe('Its website (https), which wins over the register’s on its page.'),
  donationUrl: z.string().optional().describe('Its own donation page (https).'),
  social: z
    .record(z.string(), z.string())
    .optional()
    .describe(
      'Its pages on social networks by network: `facebook`, `instagram`, `x`, `linkedin`, `youtube`, `tiktok`.',
    ),
  contactEmail: z.string().optional().describe('A public contact address.'),
  languages: z.array(z.string()).optional().describe('Languages it works in (ISO 639 codes).'),
  countriesServed: z.array(z.string()).optional().describe('Countries it works in (ISO 3166-1 alpha-2), as it says.'),
  yearFounded: z.number().int().optional().describe('Year founded.'),
  logoUrl: z.string().optional().describe('Its logo: an absolute URL of an image on this site.'),
  updatedAt: z.string().describe('When the profile last changed (ISO 8601).'),
});
export type PublicNgoProfileJson = z.infer<typeof publicNgoProfileSchema>;

/** Jumo's own figures for the NGO, live. */
export const publicNgoCountsSchema = z.object({
  followers: z.number().int().describe('People following it on Jumo.'),
  supporters: z.number().int().describe('People standing by at least one pledge to it (each counted once).'),
  pledges: z.number().int().describe('Pledges to it that stand (not cancelled).'),
});

export const publicNgoSchema = z.object({
  ngo: publicNgoRecordSchema.describe('The directory record, field for field as the site’s pages are built from it.'),
  places: z
    .array(z.string())
    .describe(
      'Codes of the place pages listing it (`/places/<code>/`): where it is based, then the countries it serves.',
    ),
  url: z.string().describe('Its page on the site (absolute URL).'),
  profile: publicNgoProfileSchema
    .nullable()
    .describe('What its managers added on Jumo, or null when they have added nothing.'),
  counts: publicNgoCountsSchema,
});
export type PublicNgoJson = z.infer<typeof publicNgoSchema>;

/** One NGO in a list: enough to show it and to fetch the whole record. */
export const publicNgoSummarySchema = z.object({
  id: shape.id.describe('Its id: GET /api/v1/ngos/{id} has the whole record.'),
  name: z.string().describe('Its name.'),
  slug: z.string().describe('Path segment of its page on the site.'),
  url: z.string().describe('Its page on the site (absolute URL).'),
  summary: z.string().describe('One or two sentences built from the record’s facts.'),
  causes: z.array(z.enum(CAUSE_IDS)).describe('Cause ids, most specific first.'),
  location: shape.location.describe('Where it is registered, as in the record.'),
});
export type PublicNgoSummaryJson = z.infer<typeof publicNgoSummarySchema>;

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;

export const listPublicNgosQuerySchema = z.object({
  cause: z
    .enum(CAUSE_IDS, 'a cause id such as "health" (the site’s /causes/ pages)')
    .optional()
    .describe('Only NGOs working on this cause.'),
  place: z
    .string()
    .max(12)
    .refine(
      (code) => code === code.toLowerCase() && isKnownPlaceCode(code),
      'a place code as in /places/<code>/, such as "us", "us-ak" or "gb-eng-lon"',
    )
    .optional()
    .describe('Only NGOs listed on this place page: based there, or (a country) working there.'),
  q: z
    .string()
    .max(100, 'at most 100 characters')
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'no control characters')
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'at least one letter or digit')
    .optional()
    .describe(
      'Words of the name in any order, case and accents ignored, each matching a word or its start ("red cro" finds "American Red Cross").',
    ),
  cursor: positionCursorSchema.optional().describe('`next` of the previous page, with the same filters.'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `a whole number from 1 to ${LIST_LIMIT_MAX}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= LIST_LIMIT_MAX, `a whole number from 1 to ${LIST_LIMIT_MAX}`)
    .optional()
    .describe(`NGOs per page, 1 to ${LIST_LIMIT_MAX} (default ${LIST_LIMIT_DEFAULT}).`),
});

const cacheHeaders = z.object({
  'Cache-Control': z.string().describe('public, max-age=60: counts move, a minute is fresh enough.'),
  ETag: z.string().describe('A weak validator of this answer: send it back as If-None-Match to get a 304.'),
  'Access-Control-Allow-Origin': z.string().describe('`*`: any site may read it.'),
});

const notModified = { description: 'Not modified: the If-None-Match sent still holds (no body)' };
const rateLimited = errorResponse('Too many reads from this client for now (Retry-After says when to try again)');

export const getPublicNgo = defineEndpoint({
  ...API_ROUTES.getPublicNgo,
  summary: 'One NGO’s full public record: register facts, its profile on Jumo, causes, places, figures and Jumo counts',
  request: { params: z.object({ id: ngoIdSchema.describe('The NGO’s id.') }) },
  responses: {
    200: { ...jsonResponse('The NGO', publicNgoSchema), headers: cacheHeaders },
    304: notModified,
    400: errorResponse('`id` is not an NGO id'),
    404: errorResponse('No NGO in the directory has this id'),
    429: rateLimited,
  },
});

export const listPublicNgos = defineEndpoint({
  ...API_ROUTES.listPublicNgos,
  summary:
    'The directory, a page at a time, filtered by cause, place and name; in a fixed order (the order NGOs entered the directory), so paging with `next` never repeats or skips one',
  request: { query: listPublicNgosQuerySchema },
  responses: {
    200: {
      ...jsonResponse(
        'A page of NGOs',
        z.object({
          items: z.array(publicNgoSummarySchema).describe('The NGOs of this page, in list order.'),
          next: z
            .string()
            .nullable()
            .describe('Pass as `cursor` (with the same filters) for the next page; null on the last one.'),
        }),
      ),
      headers: cacheHeaders,
    },
    304: notModified,
    400: errorResponse('A query value is invalid (named in `field`)'),
    429: rateLimited,
  },
});
