import { z } from 'zod';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { currencyCodeSchema, isoDateTimeSchema, userText } from './fields.ts';

/**
 * Pledges: a person's promise of money to an NGO (Jumo never takes payments). The value lists
 * below are the database's too: db/schema.ts keeps its own copies for its column types, and the
 * API's handlers pass values between the two, so tsc fails if they ever differ.
 */
export const PLEDGE_RECURRENCES = ['once', 'monthly'] as const;
export const PLEDGE_VISIBILITIES = ['public', 'anonymous'] as const;
export const PLEDGE_STATUSES = ['active', 'fulfilled', 'cancelled'] as const;

/** A pledge is a personal promise: a billion minor units (10 million dollars or pounds) is plenty. */
export const MAX_PLEDGE_MINOR = 1_000_000_000;

export const newPledgeSchema = z.strictObject({
  /** An NGO of the directory: the form is checked here, its existence by the API (ngo_directory). */
  ngoId: ngoIdSchema,
  /** In the currency's minor unit (cents, pence), a whole number. */
  amount: z
    .number('a number of minor units (cents, pence)')
    .int('a whole number of minor units (cents, pence)')
    .min(1, 'more than zero')
    .max(MAX_PLEDGE_MINOR, `at most ${MAX_PLEDGE_MINOR} minor units`),
  /** ISO 4217 code, upper case. */
  currency: currencyCodeSchema,
  /** Given once, or every month until the person cancels it. */
  recurrence: z.enum(PLEDGE_RECURRENCES),
  /** `anonymous`: counted in the NGO's totals, never listed with the person's name. */
  visibility: z.enum(PLEDGE_VISIBILITIES),
  /** A word to the NGO; no control characters (a NUL used to cut it short in storage). */
  note: userText(0, 500).optional(),
});

/** Client-chosen, so a retried POST (flaky network, double click) records one pledge. */
export const createPledgeHeadersSchema = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, '8 to 100 letters, digits, - or _')
    .optional(),
});

export const pledgeStatusChangeSchema = z.strictObject({
  /** Settles an active pledge; a settled one cannot change again. */
  status: z.enum(['fulfilled', 'cancelled'], '"fulfilled" or "cancelled"'),
});

/** The owner's view of a pledge: never the idempotency key or the user id. */
export const pledgeSchema = z.object({
  id: itemIdSchema,
  ngoId: ngoIdSchema,
  /** Minor units of `currency`. */
  amount: z.number().int(),
  /** ISO 4217 code. */
  currency: z.string(),
  recurrence: z.enum(PLEDGE_RECURRENCES),
  visibility: z.enum(PLEDGE_VISIBILITIES),
  /** The note as sent (trimmed), or null. */
  note: z.string().nullable(),
  /** `active` until the person marks it fulfilled or cancels it; cancelled ones leave the totals. */
  status: z.enum(PLEDGE_STATUSES),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type PledgeJson = z.infer<typeof pledgeSchema>;

const pledgeAnswerSchema = z.object({ pledge: pledgeSchema });

export const createPledge = defineEndpoint({
  ...API_ROUTES.createPledge,
  summary: 'Pledge an amount to an NGO, once or monthly (idempotent with an Idempotency-Key header)',
  request: { headers: createPledgeHeadersSchema, body: jsonBody(newPledgeSchema) },
  responses: {
    201: jsonResponse('Recorded', pledgeAnswerSchema),
    200: jsonResponse(
      'A retry with the same Idempotency-Key and body: the pledge recorded the first time',
      pledgeAnswerSchema,
    ),
    400: errorResponse('A field is invalid (`error.field` names it), or `ngoId` names no NGO in the directory'),
    401: errorResponse('Not signed in'),
    409: errorResponse('The Idempotency-Key was used for a different pledge (`idempotency_conflict`)'),
  },
});

export const listMyPledges = defineEndpoint({
  ...API_ROUTES.listMyPledges,
  summary: "The signed-in person's pledges, newest first (at most 100)",
  responses: {
    200: jsonResponse('The pledges', z.object({ pledges: z.array(pledgeSchema) })),
    401: errorResponse('Not signed in'),
  },
});

export const updatePledge = defineEndpoint({
  ...API_ROUTES.updatePledge,
  summary: 'Mark an active pledge fulfilled or cancel it (repeating the same status changes nothing)',
  request: { params: z.object({ id: itemIdSchema }), body: jsonBody(pledgeStatusChangeSchema) },
  responses: {
    200: jsonResponse('Changed, or already in that status', pledgeAnswerSchema),
    400: errorResponse('A field is invalid (`error.field` names it)'),
    401: errorResponse('Not signed in'),
    404: errorResponse('No pledge of the signed-in person has this id'),
    409: errorResponse('The pledge is already settled (`pledge_not_active`)'),
  },
});
