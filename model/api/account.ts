import { z } from 'zod';
import { itemIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonResponse } from './contract.ts';

/** A person as other people and the person themselves see them: never an email or a token. */
export const publicUserSchema = z.object({
  id: itemIdSchema,
  /** Facebook name, or the name typed into the local demo sign-in. */
  name: z.string(),
  /** Facebook profile picture (https), or null. */
  pictureUrl: z.string().nullable(),
  provider: z.enum(['facebook', 'demo']),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const getHealth = defineEndpoint({
  ...API_ROUTES.getHealth,
  summary: 'Whether the API and its database answer (a real query against the schema)',
  responses: {
    200: jsonResponse('The database answers', z.object({ ok: z.literal(true) })),
    503: errorResponse('The database is unreachable or not a Jumo database'),
  },
});

export const getMe = defineEndpoint({
  ...API_ROUTES.getMe,
  summary: 'The signed-in person',
  responses: {
    200: jsonResponse('Signed in', z.object({ user: publicUserSchema })),
    401: errorResponse('Not signed in'),
  },
});

export const deleteMe = defineEndpoint({
  ...API_ROUTES.deleteMe,
  summary: 'Delete the signed-in account and everything it owns',
  responses: {
    200: jsonResponse('Deleted', z.object({ deleted: z.literal(true) })),
    401: errorResponse('Not signed in'),
    409: errorResponse('The person is the only manager of an NGO page (`last_manager`, with `ngos`)'),
  },
});
