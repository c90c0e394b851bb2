import { z } from 'zod';
import { CAUSE_IDS } from '../causes.ts';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { checkRegistrationNumber, NOT_REGISTERED, REGISTER_CHOICES } from '../registers.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { httpsUrlSchema, isoDateTimeSchema, userText } from './fields.ts';

/**
 * "Add your NGO": a signed-in person proposes an organisation that is on none of the registers
 * the directory is imported from, from any country; a site admin reviews it with the signals
 * (work email confirmed, its domain the website's, possible duplicates) and approves it into
 * the directory, the proposer becoming its manager, or rejects it with a reason.
 */

/** db/schema.ts keeps its own copy for the column type; the handlers pass values between them, so tsc catches a difference. */
export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
/**
 * Region codes Intl names that are no ISO 3166-1 country: groupings (EU, UN, QO), CLDR's
 * extra regions (Ascension, Canary Islands, Sark…) and pseudo-locales. Kosovo (XK) stays: the
 * registers use it.
 */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'CQ', 'XA', 'XB']);

function isKnownCountry(code: string): boolean {
  // Runs after a failed regex too (zod reports every issue), where of() would throw.
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  // Withdrawn codes (DD, ZR, BU) are named after their successors: only a current code is its own canonical form.
  if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) return false;
  return regionNames.of(code) !== undefined;
}

/** An ISO 3166-1 alpha-2 code the runtime knows as a country or territory (any of them). */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a two-letter country code such as "FR" or "IN"')
  .refine(isKnownCountry, 'not a country we know (ISO 3166-1)');

const workEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('an email address such as name@organisation.org'));

export const newProposalSchema = z
  .strictObject({
    /** The organisation's name as it writes it. */
    name: userText(2, 200).describe('The organisation’s name, 2 to 200 characters.'),
    country: countryCodeSchema.describe('Where it is based: an ISO 3166-1 alpha-2 code.'),
    city: userText(1, 80).optional().describe('Its town or city, up to 80 characters.'),
    /** A code of model/registers.ts, or `none`. */
    register: z
      .enum(REGISTER_CHOICES)
      .describe('The register it is on (an org-id.guide code from our list), or `none`.'),
    registrationNumber: userText(1, 60)
      .optional()
      .describe('Its number on that register; required with a register, checked against its format.'),
    website: httpsUrlSchema.optional().describe('Its website, an https:// address.'),
    mission: userText(20, 2000).describe('What it does, in its own words: 20 to 2,000 characters.'),
    causes: z
      .array(z.enum(CAUSE_IDS))
      .min(1, 'choose at least one cause')
      .max(3, 'at most 3 causes')
      .refine((list) => new Set(list).size === list.length, 'each cause once')
      .describe('One to three causes of our taxonomy, most specific first.'),
    role: userText(2, 80).describe('The proposer’s role there, 2 to 80 characters.'),
    workEmail: workEmailSchema.describe('The proposer’s work address; a confirmation link is sent to it.'),
  })
  .superRefine((value, ctx) => {
    if (value.register === NOT_REGISTERED) {
      if (value.registrationNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['registrationNumber'],
          message: 'leave it empty for an organisation on no register, or choose the register',
        });
      }
      return;
    }
    if (!value.registrationNumber) {
      ctx.addIssue({ code: 'custom', path: ['registrationNumber'], message: 'required with a register' });
      return;
    }
    const problem = checkRegistrationNumber(value.register, value.registrationNumber);
    if (problem) ctx.addIssue({ code: 'custom', path: ['registrationNumber'], message: problem });
  });
export type NewProposal = z.infer<typeof newProposalSchema>;

export const proposalDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    /** Shown to the proposer on the join page and emailed to them: required to reject. */
    reason: userText(0, 1000).optional().describe('Why, for the proposer: required to reject (5 to 1,000 characters).'),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && (value.reason ?? '').length < 5) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why, in at least 5 characters' });
    }
  });

/** A proposal as its proposer sees it. */
export const proposalSchema = z.object({
  id: itemIdSchema,
  name: z.string(),
  country: z.string(),
  city: z.string().nullable(),
  /** A register code, or null for none. */
  register: z.string().nullable(),
  /** Normalised (upper case, no spaces). */
  registrationNumber: z.string().nullable(),
  website: z.string().nullable(),
  mission: z.string(),
  causes: z.array(z.string()),
  role: z.string(),
  workEmail: z.string(),
  /** The link sent to the work email was opened. */
  emailConfirmed: z.boolean(),
  /** Until when the last link sent works; null when none is waiting (used, never sent, or not delivered). */
  confirmationLinkExpiresAt: isoDateTimeSchema.nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  /** Once approved: the NGO's id and page slug. */
  ngo: z.object({ id: ngoIdSchema, slug: z.string() }).nullable(),
  /** The admin's reason when rejected. */
  decisionReason: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
});
export type ProposalJson = z.infer<typeof proposalSchema>;

/** An organisation already listed or proposed that looks like this one, and why. */
export const duplicateSchema = z.object({
  /** `directory`: an NGO with a page; `proposal`: another pending proposal. */
  kind: z.enum(['directory', 'proposal']),
  /** The NGO id, or the other proposal's id. */
  id: z.string(),
  name: z.string(),
  /** The NGO page's slug (directory only). */
  slug: z.string().nullable(),
  matchedBy: z.array(z.enum(['name', 'website', 'number'])),
});

/** A proposal in the admins' queue, with the signals to judge it. */
export const proposalForReviewSchema = proposalSchema.extend({
  user: z.object({ id: itemIdSchema, name: z.string() }).nullable(),
  /** The id approval would give (`<register>-<number>`, or null: a new `XX-JUMO-…` id). */
  proposedNgoId: z.string().nullable(),
  /** The work email's domain is the website's host (or a subdomain of it). */
  emailMatchesWebsite: z.boolean(),
  duplicates: z.array(duplicateSchema),
});
export type ProposalForReviewJson = z.infer<typeof proposalForReviewSchema>;

const proposalAnswer = z.object({ proposal: proposalSchema });

export const createProposal = defineEndpoint({
  ...API_ROUTES.createProposal,
  summary:
    'Propose an NGO for the directory (any country, on a register of our list or on none); a confirmation link goes to the work email, and an admin reviews it',
  request: { body: jsonBody(newProposalSchema) },
  responses: {
    201: jsonResponse('Recorded, pending review; the confirmation message is on its way', proposalAnswer),
    400: errorResponse('A field is invalid (`error.field` names it)'),
    401: errorResponse('Not signed in'),
    409: errorResponse(
      'This register number is already in the directory (`already_listed`: claim that page) or in one of the person’s pending proposals (`already_proposed`)',
    ),
    429: errorResponse('Too many proposals from this account (`rate_limited`, with Retry-After)'),
  },
});

export const listMyProposals = defineEndpoint({
  ...API_ROUTES.listMyProposals,
  summary: "The signed-in person's proposals and their status, newest first (at most 50)",
  responses: {
    200: jsonResponse('The proposals', z.object({ proposals: z.array(proposalSchema) })),
    401: errorResponse('Not signed in'),
  },
});

export const resendProposalConfirmation = defineEndpoint({
  ...API_ROUTES.resendProposalConfirmation,
  summary:
    "Send a new confirmation link to the work email of one's own pending proposal; the previous link stops working",
  request: { params: z.object({ id: itemIdSchema.describe('The proposal’s id.') }) },
  responses: {
    200: jsonResponse('Sent', proposalAnswer),
    400: errorResponse('The id is malformed'),
    401: errorResponse('Not signed in'),
    404: errorResponse('The person has no proposal with this id'),
    409: errorResponse('Already decided (`proposal_decided`) or already confirmed (`already_confirmed`)'),
    429: errorResponse('Three links went to that mailbox within the hour (`rate_limited`, with Retry-After)'),
    503: errorResponse('The mail server refused the message (`mail_unavailable`): no link was sent'),
  },
});

export const confirmProposalEmail = defineEndpoint({
  ...API_ROUTES.confirmProposalEmail,
  summary:
    'Confirm the work email of a proposal with the token of the link sent to it (single use, 48 h); no session needed',
  request: {
    body: jsonBody(
      z.strictObject({
        token: z
          .string()
          .regex(/^[a-z2-9]{24}$/, 'not a token from a confirmation link')
          .describe('From the link.'),
      }),
    ),
  },
  responses: {
    200: jsonResponse(
      'Confirmed',
      z.object({ confirmed: z.literal(true), proposal: z.object({ id: itemIdSchema, name: z.string() }) }),
    ),
    400: errorResponse('`token` is unknown, used or expired'),
  },
});

export const listProposals = defineEndpoint({
  ...API_ROUTES.listProposals,
  summary: 'The admins’ review queue of proposed NGOs, with the signals: oldest first (at most 200)',
  request: {
    query: z.object({
      status: z.enum(PROPOSAL_STATUSES).optional().describe('Which proposals; `pending` when absent.'),
    }),
  },
  responses: {
    200: jsonResponse('The proposals', z.object({ proposals: z.array(proposalForReviewSchema) })),
    400: errorResponse('`status` is present but not a proposal status'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
  },
});

export const decideProposal = defineEndpoint({
  ...API_ROUTES.decideProposal,
  summary:
    'Approve (the NGO enters the directory with its id, the proposer manages it) or reject with a reason: site admins only; the proposer is emailed',
  request: { params: z.object({ id: itemIdSchema.describe('The proposal.') }), body: jsonBody(proposalDecisionSchema) },
  responses: {
    200: jsonResponse('Decided', proposalAnswer),
    400: errorResponse('A field is invalid (`error.field` names it)'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
    404: errorResponse('No proposal has this id'),
    409: errorResponse(
      'Already decided (`proposal_decided`), or its id (`already_listed`) or page address (`slug_taken`) is already in the directory',
    ),
  },
});
