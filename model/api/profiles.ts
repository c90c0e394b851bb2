import { z } from 'zod';
import { itemIdSchema, ngoIdSchema } from '../ids.ts';
import { ngoProfileDataSchema, ngoProfileInputSchema } from '../ngo-profile.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonBody, jsonResponse } from './contract.ts';
import { isoDateTimeSchema } from './fields.ts';

/**
 * NGO-provided profiles: what managers add to their page beyond the registers (model/ngo-profile.ts).
 * Saved here, published by the export step (`npm run export`) and the next build: pages never
 * read the database.
 */

const ngoParams = z.object({ id: ngoIdSchema.describe('The NGO whose profile this is.') });

export const profileViewSchema = z.object({
  ngoId: ngoIdSchema,
  /** The saved profile, or null while the NGO has never saved one. */
  profile: ngoProfileDataSchema.nullable(),
  /** When it was last saved (null: never). The page shows it from the next publish on. */
  updatedAt: isoDateTimeSchema.nullable(),
  /** Who saved it last (null: never saved, or that account is gone). */
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Where the logo is served, when there is one. */
  logoUrl: z.string().nullable(),
});
export type ProfileViewJson = z.infer<typeof profileViewSchema>;

export const profileRevisionSchema = z.object({
  id: itemIdSchema,
  /** `edit`: a manager saved; `revert`: an admin restored an earlier revision (`revertedTo`). */
  action: z.enum(['edit', 'revert']),
  revertedTo: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: isoDateTimeSchema,
  /** The whole profile as this change left it. */
  profile: ngoProfileDataSchema,
});
export type ProfileRevisionJson = z.infer<typeof profileRevisionSchema>;

export const getNgoProfile = defineEndpoint({
  ...API_ROUTES.getNgoProfile,
  summary: "An NGO's saved profile, for its managers and site admins (the public sees it on the page once published)",
  request: { params: ngoParams },
  responses: {
    200: jsonResponse('The profile', profileViewSchema),
    400: errorResponse('`id` is not an NGO id'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers nor a site admin"),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const saveNgoProfile = defineEndpoint({
  ...API_ROUTES.saveNgoProfile,
  summary:
    "Replace an NGO's profile (every field; null or absent clears one): its managers only. Kept in the history; live on the page after the next publish",
  request: { params: ngoParams, body: jsonBody(ngoProfileInputSchema) },
  responses: {
    200: jsonResponse('Saved', profileViewSchema),
    400: errorResponse('A field is invalid (named in `field`), or the body is not JSON'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Not one of this NGO's managers"),
    404: errorResponse('No NGO in the directory has this id'),
    429: errorResponse('Too many saves from this account for now (Retry-After says when to try again)'),
  },
});

export const listProfileRevisions = defineEndpoint({
  ...API_ROUTES.listProfileRevisions,
  summary: "An NGO profile's history, newest first (the 100 latest changes): site admins only",
  request: { params: ngoParams },
  responses: {
    200: jsonResponse('The history', z.object({ revisions: z.array(profileRevisionSchema) })),
    400: errorResponse('`id` is not an NGO id'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const revertNgoProfile = defineEndpoint({
  ...API_ROUTES.revertNgoProfile,
  summary:
    'Restore an earlier revision of an NGO profile: site admins only. Writes a new revision (action `revert`); nothing is lost',
  request: {
    params: ngoParams.extend({ revisionId: itemIdSchema.describe('The revision to restore.') }),
  },
  responses: {
    200: jsonResponse('Restored', profileViewSchema),
    400: errorResponse('`id` or `revisionId` is malformed'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a site admin'),
    404: errorResponse('No NGO has this id, or it has no revision `revisionId`'),
  },
});
