import { z } from 'zod';
import { CAUSE_IDS } from '../causes.ts';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { cursorSchema, isoDateTimeSchema, userText } from './fields.ts';

/**
 * Volunteering: NGOs' managers post opportunities, signed-in people sign up, managers follow
 * them up. The value lists below are the database's too: db/schema.ts keeps its own copies for
 * its column types, and the handlers pass values between the two, so tsc fails if they differ.
 */
export const OPPORTUNITY_STATUSES = ['open', 'closed'] as const;
export const SIGNUP_STATUSES = ['new', 'contacted'] as const;

const ngoParams = z.object({ id: ngoIdSchema.describe('The NGO.') });
const opportunityParams = z.object({ id: itemIdSchema.describe('The opportunity.') });
const signupParams = z.object({ id: itemIdSchema.describe('The sign-up.') });

const PLACE_OR_REMOTE = { message: 'say where, or mark it remote', path: ['place'] };

const opportunityFields = {
  /** What the role is, in a few words. */
  title: userText(3, 140),
  /** What the volunteer does, for whom, and what they get from it. */
  description: userText(10, 3000),
  /** Where it happens, e.g. "Belfast, BT1"; may be empty or null for remote-only roles. */
  place: userText(0, 120).nullish(),
  /** Whether it can be done from anywhere. */
  remote: z.boolean(),
  /** e.g. "3 hours a week", "one weekend in May". */
  commitment: userText(2, 120),
  /** What helps, e.g. "Driving licence"; empty or null for none. */
  skills: userText(0, 300).nullish(),
  /** Last day to sign up (YYYY-MM-DD), or null for no closing date. */
  closesOn: z.iso.date('a date such as "2026-05-31"').nullish(),
};

/** A new opportunity: every field but place, skills and closesOn is required. */
export const newOpportunitySchema = z
  .strictObject(opportunityFields)
  .refine((o) => o.remote || Boolean(o.place), PLACE_OR_REMOTE);

/** Changes to an opportunity: any of its fields, and `status` to close or reopen it. */
export const opportunityChangeSchema = z
  .strictObject({
    ...opportunityFields,
    /** `closed` takes it off the public lists; its managers still see it (`?all=1`). */
    status: z.enum(OPPORTUNITY_STATUSES),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, 'nothing to change')
  .refine((o) => !(o.remote === false && o.place !== undefined && !o.place), PLACE_OR_REMOTE);

export const newSignupSchema = z.strictObject({
  /** A word to the NGO (when one can help, how to reach them); shown to its managers only. */
  message: userText(0, 1000).optional(),
});

export const signupStatusChangeSchema = z.strictObject({
  /** `contacted` once a manager got in touch; `new` to undo that. */
  status: z.enum(SIGNUP_STATUSES),
});

export const opportunitySchema = z.object({
  id: itemIdSchema,
  /** The NGO offering it. */
  ngoId: ngoIdSchema,
  title: z.string(),
  description: z.string(),
  /** Where it happens, or null (remote only). */
  place: z.string().nullable(),
  remote: z.boolean(),
  commitment: z.string(),
  /** What helps, or null. */
  skills: z.string().nullable(),
  /** Last day to sign up (YYYY-MM-DD), or null. */
  closesOn: z.string().nullable(),
  /** `closed` ones are listed to their NGO's managers only. */
  status: z.enum(OPPORTUNITY_STATUSES),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type OpportunityJson = z.infer<typeof opportunitySchema>;

export const signupSchema = z.object({
  id: itemIdSchema,
  opportunityId: itemIdSchema,
  /** What the volunteer wrote, verbatim (plain text), or null. */
  message: z.string().nullable(),
  status: z.enum(SIGNUP_STATUSES),
  createdAt: isoDateTimeSchema,
});
export type SignupJson = z.infer<typeof signupSchema>;

export const listOpportunitiesQuerySchema = z.object({
  /** Only NGOs working on this cause. */
  cause: z.enum(CAUSE_IDS, 'a cause id such as "health"').optional(),
  /** Only NGOs based in this country (ISO 3166-1 alpha-2, upper case). */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a country code such as "GB" or "US"')
    .optional(),
  /** `1`: remote roles only. */
  remote: z.literal('1', '1 (remote roles only), or leave it out').optional(),
  /** `nextCursor` of the previous page. */
  cursor: cursorSchema.optional(),
});

export const listOpportunities = defineEndpoint({
  ...API_ROUTES.listOpportunities,
  summary: 'Open opportunities of every NGO, newest first, 20 a page (the /volunteer/ page)',
  request: { query: listOpportunitiesQuerySchema },
  responses: {
    200: jsonResponse(
      'A page of opportunities',
      z.object({
        opportunities: z.array(
          opportunitySchema.extend({
            /** The NGO, as the directory names it. */
            ngo: z.object({ id: ngoIdSchema, name: z.string(), slug: z.string(), country: z.string() }),
          }),
        ),
        /** Pass as `cursor` for the next page; null on the last one. */
        nextCursor: z.string().nullable(),
      }),
    ),
    400: errorResponse('A query value is invalid (named in `field`)'),
  },
});

export const listNgoOpportunities = defineEndpoint({
  ...API_ROUTES.listNgoOpportunities,
  summary: "An NGO's open opportunities; its managers also get closed ones with `?all=1`",
  request: {
    params: ngoParams,
    query: z.object({
      /** `1`: include closed ones (managers of the NGO only; others get the open list). */
      all: z.literal('1', '1 (managers: include closed ones), or leave it out').optional(),
    }),
  },
  responses: {
    200: jsonResponse('The opportunities, newest first', z.object({ opportunities: z.array(opportunitySchema) })),
    400: errorResponse('`id` or `all` is invalid (named in `field`)'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const createOpportunity = defineEndpoint({
  ...API_ROUTES.createOpportunity,
  summary: 'Post an opportunity for an NGO: its managers only',
  request: { params: ngoParams, body: jsonBody(newOpportunitySchema) },
  responses: {
    201: jsonResponse('Posted, open', z.object({ opportunity: opportunitySchema })),
    400: errorResponse('A field is invalid (named in `field`), or the body is not JSON'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No NGO in the directory has this id'),
    429: errorResponse('Too many posts from this account for now (Retry-After says when to try again)'),
  },
});

export const updateOpportunity = defineEndpoint({
  ...API_ROUTES.updateOpportunity,
  summary: 'Edit, close or reopen an opportunity: its NGO managers only',
  request: { params: opportunityParams, body: jsonBody(opportunityChangeSchema) },
  responses: {
    200: jsonResponse('Updated', z.object({ opportunity: opportunitySchema })),
    400: errorResponse(
      'A field is invalid (named in `field`), nothing to change, or the change would leave an on-site role without a place',
    ),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No opportunity has this id'),
  },
});

export const createSignup = defineEndpoint({
  ...API_ROUTES.createSignup,
  summary: 'Sign up for an open opportunity (once: signing up again returns the first sign-up)',
  request: { params: opportunityParams, body: jsonBody(newSignupSchema) },
  responses: {
    200: jsonResponse('Already signed up: the existing sign-up, unchanged', z.object({ signup: signupSchema })),
    201: jsonResponse('Signed up', z.object({ signup: signupSchema })),
    400: errorResponse('A field is invalid (named in `field`), or the body is not JSON'),
    401: errorResponse('Not signed in'),
    404: errorResponse('No visible opportunity has this id'),
    409: errorResponse('The opportunity is closed (`opportunity_closed`)'),
    429: errorResponse('Too many sign-ups from this account for now'),
  },
});

export const listSignups = defineEndpoint({
  ...API_ROUTES.listSignups,
  summary: "Who signed up for an opportunity, oldest first: its NGO's managers only",
  request: { params: opportunityParams },
  responses: {
    200: jsonResponse(
      'The sign-ups',
      z.object({
        signups: z.array(
          signupSchema.extend({
            /** The volunteer: their id and name, nothing else. */
            user: z.object({ id: itemIdSchema, name: z.string() }),
          }),
        ),
      }),
    ),
    400: errorResponse('`id` is not an opportunity id'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No opportunity has this id'),
  },
});

export const updateSignup = defineEndpoint({
  ...API_ROUTES.updateSignup,
  summary: 'Mark a sign-up contacted, or new again: the NGO managers only',
  request: { params: signupParams, body: jsonBody(signupStatusChangeSchema) },
  responses: {
    200: jsonResponse('Updated', z.object({ signup: signupSchema })),
    400: errorResponse('`status` is invalid, or the body is not JSON'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No sign-up has this id'),
  },
});

export const deleteSignup = defineEndpoint({
  ...API_ROUTES.deleteSignup,
  summary: 'Withdraw one of your own sign-ups',
  request: { params: signupParams },
  responses: {
    200: jsonResponse('Withdrawn', z.object({ deleted: z.literal(true) })),
    400: errorResponse('`id` is not a sign-up id'),
    401: errorResponse('Not signed in'),
    404: errorResponse('You have no sign-up with this id'),
  },
});

export const listMySignups = defineEndpoint({
  ...API_ROUTES.listMySignups,
  summary: "The signed-in person's sign-ups, newest first, with each opportunity and NGO",
  responses: {
    200: jsonResponse(
      'The sign-ups (those on hidden opportunities left out)',
      z.object({
        signups: z.array(
          signupSchema.extend({
            opportunity: opportunitySchema,
            /** name and slug are null if the NGO has left the directory. */
            ngo: z.object({ id: ngoIdSchema, name: z.string().nullable(), slug: z.string().nullable() }),
          }),
        ),
      }),
    ),
    401: errorResponse('Not signed in'),
  },
});
