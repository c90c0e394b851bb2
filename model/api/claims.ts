import { z } from 'zod';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { isoDateTimeSchema, userText } from './fields.ts';

/**
 * Claiming an NGO page, the admins' review of claims, and who manages a page. A claim approved
 * by a site admin makes the claimant a manager; managers add others and may release the page.
 */

/** db/schema.ts keeps its own copy for the column type; the handlers pass values between them, so tsc catches a difference. */
export const CLAIM_STATUSES = ['pending', 'approved', 'rejected'] as const;

const ngoParams = z.object({ id: ngoIdSchema.describe('The NGO whose page this is.') });

export const newClaimSchema = z.strictObject({
  /** The claimant's role at the NGO ("Director", "Volunteer coordinator"). */
  role: userText(2, 80).describe('The role at the NGO, 2 to 80 characters.'),
  /** Where the admin can check the claimant works there; a match with the website is a strong signal. */
  workEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email('an email address such as name@organisation.org'))
    .describe('A work address; one at the NGO’s website domain is the strongest signal.'),
  /** Anything that helps the review (a phone number, a link to a staff page). */
  note: userText(0, 1000).optional().describe('Anything that helps the review, up to 1,000 characters.'),
});

export const claimDecisionSchema = z.strictObject({
  /** `approve` makes the claimant a manager; either way the claim is settled for good. */
  decision: z.enum(['approve', 'reject']),
});

export const addManagerSchema = z.strictObject({
  /** The person to add, by the id their account page shows. */
  userId: itemIdSchema,
});

/** A claim as its claimant and the admins see it. */
export const claimSchema = z.object({
  id: itemIdSchema,
  ngoId: ngoIdSchema,
  role: z.string(),
  /** Lower-cased. */
  workEmail: z.string(),
  note: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  createdAt: isoDateTimeSchema,
  /** When an admin approved or rejected it; null while pending. */
  decidedAt: isoDateTimeSchema.nullable(),
});
export type ClaimJson = z.infer<typeof claimSchema>;

/** A claim in the admins' queue, with what they need to judge it. */
export const claimForReviewSchema = claimSchema.extend({
  /** The claimant. */
  user: z.object({ id: itemIdSchema, name: z.string() }),
  /** The NGO from the directory; name, slug and host are null if it has left the directory since. */
  ngo: z.object({
    id: ngoIdSchema,
    name: z.string().nullable(),
    slug: z.string().nullable(),
    /** The website's host without `www.`, or null when the NGO lists no website. */
    websiteHost: z.string().nullable(),
  }),
  /** The work email's domain is the NGO's website host (or a subdomain): a strong signal. */
  emailMatchesWebsite: z.boolean(),
});

const claimAnswerSchema = z.object({ claim: claimSchema });

export const getNgoAccess = defineEndpoint({
  ...API_ROUTES.getNgoAccess,
  summary:
    'What the viewer may do on an NGO page (drives its "Manage" or "Claim" link); answers signed-out visitors too',
  request: { params: ngoParams },
  responses: {
    200: jsonResponse(
      'The NGO and the viewer’s rights on it',
      z.object({
        ngo: z.object({ id: ngoIdSchema, name: z.string(), slug: z.string() }),
        /** False for a visitor without a session; every right below is then false. */
        signedIn: z.boolean(),
        /** The viewer manages this page. */
        manager: z.boolean(),
        /** The viewer is a site admin. */
        admin: z.boolean(),
        /** The viewer's latest claim on this page, or null. */
        claim: z.object({ id: itemIdSchema, status: z.enum(CLAIM_STATUSES) }).nullable(),
      }),
    ),
    400: errorResponse('`id` is not an NGO id'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const createClaim = defineEndpoint({
  ...API_ROUTES.createClaim,
  summary: 'Ask to manage an NGO page; an admin reviews the claim (one pending claim per person and page)',
  request: { params: ngoParams, body: jsonBody(newClaimSchema) },
  responses: {
    201: jsonResponse('Claim recorded, pending review', claimAnswerSchema),
    200: jsonResponse('The person already has a pending claim on this page: that claim', claimAnswerSchema),
    400: errorResponse('A field is invalid (`error.field` names it)'),
    401: errorResponse('Not signed in'),
    404: errorResponse('No NGO in the directory has this id'),
    409: errorResponse('The person already manages this page (`already_manager`)'),
    429: errorResponse('Too many new items from this account (`rate_limited`, with Retry-After)'),
  },
});

export const listMyClaims = defineEndpoint({
  ...API_ROUTES.listMyClaims,
  summary: "The signed-in person's claims, newest first (at most 50)",
  responses: {
    200: jsonResponse('The claims', z.object({ claims: z.array(claimSchema) })),
    401: errorResponse('Not signed in'),
  },
});

export const listManagedNgos = defineEndpoint({
  ...API_ROUTES.listManagedNgos,
  summary: 'The NGO pages the signed-in person manages, and whether they are a site admin (for /manage/ and /admin/)',
  responses: {
    200: jsonResponse(
      'The pages, oldest role first',
      z.object({
        /** Name and slug are null for an NGO that has left the directory since. */
        ngos: z.array(z.object({ id: ngoIdSchema, name: z.string().nullable(), slug: z.string().nullable() })),
        admin: z.boolean(),
      }),
    ),
    401: errorResponse('Not signed in'),
  },
});

export const listClaims = defineEndpoint({
  ...API_ROUTES.listClaims,
  summary: 'The admins’ review queue: claims of one status, oldest first (at most 200)',
  request: {
    query: z.object({
      status: z.enum(CLAIM_STATUSES).optional().describe('Which claims; `pending` when absent.'),
    }),
  },
  responses: {
    200: jsonResponse('The claims', z.object({ claims: z.array(claimForReviewSchema) })),
    400: errorResponse('`status` is present but not a claim status'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
  },
});

export const decideClaim = defineEndpoint({
  ...API_ROUTES.decideClaim,
  summary: 'Approve (the claimant becomes a manager) or reject a pending claim: site admins only',
  request: { params: z.object({ id: itemIdSchema.describe('The claim.') }), body: jsonBody(claimDecisionSchema) },
  responses: {
    200: jsonResponse('Decided', claimAnswerSchema),
    400: errorResponse('A field is invalid (`error.field` names it)'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
    404: errorResponse('No claim has this id'),
    409: errorResponse('The claim was already decided (`claim_decided`)'),
  },
});

export const listManagers = defineEndpoint({
  ...API_ROUTES.listManagers,
  summary: "An NGO page's managers, longest-serving first: its managers and site admins only",
  request: { params: ngoParams },
  responses: {
    200: jsonResponse(
      'The managers',
      z.object({ managers: z.array(z.object({ userId: itemIdSchema, name: z.string(), addedAt: isoDateTimeSchema })) }),
    ),
    400: errorResponse('`id` is not an NGO id'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Neither a manager of this page nor a site admin'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const addManager = defineEndpoint({
  ...API_ROUTES.addManager,
  summary: 'Add a manager to an NGO page by user id: its managers and site admins only',
  request: { params: ngoParams, body: jsonBody(addManagerSchema) },
  responses: {
    201: jsonResponse('Added', z.object({ added: z.literal(true) })),
    200: jsonResponse('The person already managed the page', z.object({ added: z.literal(false) })),
    400: errorResponse('A field is invalid (`error.field` names it)'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Neither a manager of this page nor a site admin'),
    404: errorResponse('No NGO in the directory has this id, or no user has this `userId`'),
  },
});

export const removeManager = defineEndpoint({
  ...API_ROUTES.removeManager,
  summary:
    'Remove a manager (oneself included) from an NGO page, never its last one: its managers and site admins only',
  request: {
    params: z.object({
      id: ngoIdSchema.describe('The NGO whose page this is.'),
      userId: itemIdSchema.describe('The manager to remove.'),
    }),
  },
  responses: {
    200: jsonResponse('Removed', z.object({ removed: z.literal(true) })),
    400: errorResponse('`id` or `userId` is malformed'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Neither a manager of this page nor a site admin'),
    404: errorResponse('No NGO in the directory has this id, or this user does not manage the page'),
    409: errorResponse(
      'The only manager cannot leave (`last_manager`, with `ngos`): add another manager or release the page',
    ),
  },
});

export const releaseNgo = defineEndpoint({
  ...API_ROUTES.releaseNgo,
  summary:
    'Give an NGO page back to unclaimed (every manager removed; news and opportunities stay): its only manager, or a site admin',
  request: { params: ngoParams },
  responses: {
    200: jsonResponse(
      'Released',
      z.object({ released: z.literal(true), /** How many manager roles ended. */ managersRemoved: z.number().int() }),
    ),
    400: errorResponse('`id` is not an NGO id'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Neither a manager of this page nor a site admin'),
    404: errorResponse('No NGO in the directory has this id'),
    409: errorResponse('Other people manage the page too (`other_managers`): leave it under Managers instead'),
  },
});
