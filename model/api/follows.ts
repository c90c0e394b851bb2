import { z } from 'zod';
import { CAUSE_IDS } from '../causes.ts';
import { ngoIdSchema } from '../ids.ts';
import { cursorSchema } from './fields.ts';
import { impactReportViewSchema } from './impact-reports.ts';
import { postViewSchema } from './news.ts';
import { PLEDGE_RECURRENCES, pledgeSchema } from './pledges.ts';
import { opportunitySchema } from './volunteering.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, jsonResponse } from './contract.ts';

/** Following NGOs and causes, the public counts around them, the feed and the data export. */

const ngoPath = z.object({ id: z.string().describe('NGO id in org-id.guide form, e.g. US-EIN-010674736') });
const causePath = z.object({ cause: z.string().describe(`One of: ${CAUSE_IDS.join(', ')}`) });

/** After a follow or unfollow: the new state and the exact follower count. */
export const followAnswerSchema = z.object({
  following: z.boolean(),
  /** False when the request changed nothing (already following / not following). */
  changed: z.boolean(),
  followers: z.number().int(),
});

export const ngoStatsSchema = z.object({
  followers: z.number().int(),
  /** Distinct people with a standing pledge (anonymous ones included, never named). */
  supporters: z.number().int(),
  pledges: z.object({
    /** Standing (not cancelled) pledges. */
    count: z.number().int(),
    /** Per currency, in minor units: one-off and monthly pledges apart. */
    totals: z.array(z.object({ currency: z.string(), onceMinor: z.number().int(), monthlyMinor: z.number().int() })),
  }),
  /** The newest public standing pledges; the person only as "First L.". */
  recent: z.array(
    z.object({
      name: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
      recurrence: z.enum(PLEDGE_RECURRENCES),
      createdAt: z.string(),
    }),
  ),
  /** null when nobody is signed in. */
  viewerFollows: z.boolean().nullable(),
});
export type NgoStats = z.infer<typeof ngoStatsSchema>;

export const causeStatsSchema = z.object({ followers: z.number().int(), viewerFollows: z.boolean().nullable() });
export type CauseStats = z.infer<typeof causeStatsSchema>;

const notSignedIn = errorResponse('Not signed in');
const unknownNgo = errorResponse('No NGO in the directory has this id (`not_found`, field `id`)');
const unknownCause = errorResponse('No such cause (`not_found`, field `cause`)');

export const followNgo = defineEndpoint({
  ...API_ROUTES.followNgo,
  summary: 'Follow an NGO (idempotent)',
  request: { params: ngoPath },
  responses: { 200: jsonResponse('Following', followAnswerSchema), 401: notSignedIn, 404: unknownNgo },
});

export const unfollowNgo = defineEndpoint({
  ...API_ROUTES.unfollowNgo,
  summary: 'Stop following an NGO (idempotent)',
  request: { params: ngoPath },
  responses: { 200: jsonResponse('Not following', followAnswerSchema), 401: notSignedIn, 404: unknownNgo },
});

export const followCause = defineEndpoint({
  ...API_ROUTES.followCause,
  summary: 'Follow a cause (idempotent)',
  request: { params: causePath },
  responses: { 200: jsonResponse('Following', followAnswerSchema), 401: notSignedIn, 404: unknownCause },
});

export const unfollowCause = defineEndpoint({
  ...API_ROUTES.unfollowCause,
  summary: 'Stop following a cause (idempotent)',
  request: { params: causePath },
  responses: { 200: jsonResponse('Not following', followAnswerSchema), 401: notSignedIn, 404: unknownCause },
});

export const getNgoStats = defineEndpoint({
  ...API_ROUTES.getNgoStats,
  summary: "An NGO page's public numbers, and whether the viewer follows it",
  request: { params: ngoPath },
  responses: { 200: jsonResponse('The numbers, exact right after any write', ngoStatsSchema), 404: unknownNgo },
});

export const getCauseStats = defineEndpoint({
  ...API_ROUTES.getCauseStats,
  summary: "A cause's followers, and whether the viewer follows it",
  request: { params: causePath },
  responses: { 200: jsonResponse('The numbers', causeStatsSchema), 404: unknownCause },
});

const followedSchema = z.object({ id: z.string(), followedAt: z.string() });

export const listMyFollows = defineEndpoint({
  ...API_ROUTES.listMyFollows,
  summary: "The signed-in person's follows, newest first (ids only: names come from the static /ngo-index/)",
  responses: {
    200: jsonResponse('Follows', z.object({ ngos: z.array(followedSchema), causes: z.array(followedSchema) })),
    401: notSignedIn,
  },
});

export const listNgoFriends = defineEndpoint({
  ...API_ROUTES.listNgoFriends,
  summary: "The viewer's Facebook friends on Jumo who follow this NGO",
  request: { params: ngoPath },
  responses: {
    200: jsonResponse(
      'Friends (empty, enabled false, until the viewer granted user_friends)',
      z.object({
        enabled: z.boolean(),
        count: z.number().int(),
        friends: z.array(z.object({ name: z.string(), pictureUrl: z.string().nullable() })),
      }),
    ),
    401: notSignedIn,
    404: unknownNgo,
  },
});

/** name and slug are null for an NGO that has left the directory since. */
const feedNgoSchema = z.object({ id: ngoIdSchema, name: z.string().nullable(), slug: z.string().nullable() });

export const feedItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('post'), via: z.enum(['ngo', 'cause']), ngo: feedNgoSchema, post: postViewSchema }),
  z.object({
    kind: z.literal('opportunity'),
    via: z.enum(['ngo', 'cause']),
    ngo: feedNgoSchema,
    opportunity: opportunitySchema,
  }),
  z.object({
    kind: z.literal('report'),
    /** `pledge`: shown because the reader has a standing pledge to the NGO (and does not follow it). */
    via: z.enum(['ngo', 'pledge', 'cause']),
    ngo: feedNgoSchema,
    report: impactReportViewSchema,
  }),
]);
export type FeedItem = z.infer<typeof feedItemSchema>;

export const getFeed = defineEndpoint({
  ...API_ROUTES.getFeed,
  summary:
    'News, open volunteer calls and impact reports from followed NGOs and causes, and impact reports of NGOs with a standing pledge from the reader, newest first, 20 a page',
  request: { query: z.object({ cursor: z.union([z.literal(''), cursorSchema]).optional() }) },
  responses: {
    200: jsonResponse(
      'A page of the feed',
      z.object({ items: z.array(feedItemSchema), nextCursor: z.string().nullable() }),
    ),
    400: errorResponse('A cursor that no page handed out (field `cursor`)'),
    401: notSignedIn,
  },
});

const iso = z.string().nullable();
const publishedItem = z.object({ id: z.string(), ngoId: z.string(), createdAt: iso });

export const exportMyData = defineEndpoint({
  ...API_ROUTES.exportMyData,
  summary: 'Everything held about the signed-in person, as a file to keep (jumo-export.json)',
  responses: {
    200: jsonResponse(
      'The export (Content-Disposition: attachment)',
      z.object({
        exportedAt: z.string(),
        account: z
          .object({
            id: z.string(),
            provider: z.string(),
            name: z.string(),
            pictureUrl: z.string().nullable(),
            createdAt: iso,
            updatedAt: iso,
            friendsSyncedAt: iso,
          })
          .nullable(),
        follows: z.object({
          ngos: z.array(z.object({ ngoId: z.string(), followedAt: iso })),
          causes: z.array(z.object({ cause: z.string(), followedAt: iso })),
        }),
        pledges: z.array(
          pledgeSchema.omit({ amount: true }).extend({ amountMinor: z.number().int(), createdAt: iso, updatedAt: iso }),
        ),
        friendsOnJumo: z.array(z.string()),
        /** What the person did beyond follows and pledges (db/user-export.ts); published items by id. */
        activity: z.object({
          claims: z.array(
            z.object({
              id: z.string(),
              ngoId: z.string(),
              role: z.string(),
              workEmail: z.string(),
              note: z.string().nullable(),
              status: z.string(),
              createdAt: iso,
              decidedAt: iso,
            }),
          ),
          managedNgos: z.array(z.object({ ngoId: z.string(), addedAt: iso })),
          volunteerSignups: z.array(
            z.object({
              id: z.string(),
              opportunityId: z.string(),
              message: z.string().nullable(),
              status: z.string(),
              createdAt: iso,
            }),
          ),
          reportsFiled: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              itemId: z.string(),
              reason: z.string(),
              status: z.string(),
              createdAt: iso,
            }),
          ),
          proposals: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              country: z.string(),
              city: z.string().nullable(),
              register: z.string().nullable(),
              registrationNumber: z.string().nullable(),
              website: z.string().nullable(),
              mission: z.string(),
              role: z.string(),
              workEmail: z.string(),
              status: z.string(),
              ngoId: z.string().nullable(),
              decisionReason: z.string().nullable(),
              createdAt: iso,
              decidedAt: iso,
            }),
          ),
          published: z.object({
            posts: z.array(publishedItem),
            opportunities: z.array(publishedItem),
            impactReports: z.array(publishedItem),
            profileEdits: z.array(publishedItem),
          }),
        }),
        /** The email address, preferences and the messages sent or due (no tokens: they are hashes). */
        email: z.object({
          address: z.string().nullable(),
          confirmedAt: z.string().nullable(),
          digest: z.enum(['weekly', 'off']),
          status: z.enum(['ok', 'failing']),
          instantNgoIds: z.array(z.string()),
          messages: z.array(
            z.object({ kind: z.string(), ref: z.string(), status: z.string(), sentAt: z.string().nullable() }),
          ),
        }),
      }),
    ),
    401: notSignedIn,
  },
});
