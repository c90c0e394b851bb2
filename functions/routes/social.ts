import { createRoute } from '@hono/zod-openapi';
import { exportEmailData } from '../../db/email-addresses.ts';
import { exportUserActivity } from '../../db/user-export.ts';
import { exportUserData, getCauseStats, listFriendsFollowingNgo, listUserFollows } from '../../db/social.ts';
import * as contracts from '../../model/api/follows.ts';
import { requireCause } from '../middleware/require-cause.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { loadViewer, requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';

const FRIENDS_LIMIT = 50;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type WithIsoDates<T> = T extends Date ? string : T extends object ? { [K in keyof T]: WithIsoDates<T[K]> } : T;

/** Every Date in the export's rows as ISO 8601 text, at any depth. */
function withIsoDates<T>(value: T): WithIsoDates<T> {
  if (value instanceof Date) return value.toISOString() as WithIsoDates<T>;
  if (Array.isArray(value)) return value.map(withIsoDates) as WithIsoDates<T>;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIsoDates(v)])) as WithIsoDates<T>;
  }
  return value as WithIsoDates<T>;
}

/**
 * The social reads around follows and pledges: cause numbers, My Jumo's list of follows,
 * the data export, and Facebook friends who follow an NGO.
 */
export const socialRoutes = createRouter()
  .openapi(createRoute({ ...contracts.getCauseStats, middleware: [loadViewer(), requireCause()] }), async (c) =>
    c.json(await getCauseStats(c.get('getDb')(), c.req.valid('param').cause, c.get('viewer')?.id ?? null), 200),
  )
  /** Ids only: names are the static site's (My Jumo looks them up in /ngo-index/). */
  .openapi(createRoute({ ...contracts.listMyFollows, middleware: [requireSession()] }), async (c) => {
    const follows = await listUserFollows(c.get('getDb')(), c.get('auth').user.id);
    return c.json(
      {
        ngos: follows.ngos.map((f) => ({ id: f.id, followedAt: f.followedAt.toISOString() })),
        causes: follows.causes.map((f) => ({ id: f.id, followedAt: f.followedAt.toISOString() })),
      },
      200,
    );
  })
  /** Everything we hold about the signed-in person, as a file to keep. */
  .openapi(createRoute({ ...contracts.exportMyData, middleware: [requireSession()] }), async (c) => {
    const data = await exportUserData(c.get('getDb')(), c.get('auth').user.id);
    const body = {
      exportedAt: c.get('now')().toISOString(),
      account: data.user && {
        id: data.user.id,
        provider: data.user.provider,
        name: data.user.name,
        pictureUrl: data.user.pictureUrl,
        createdAt: iso(data.user.createdAt),
        updatedAt: iso(data.user.updatedAt),
        friendsSyncedAt: iso(data.user.friendsSyncedAt),
      },
      follows: {
        ngos: data.ngoFollows.map((f) => ({ ngoId: f.ngoId, followedAt: iso(f.createdAt) })),
        causes: data.causeFollows.map((f) => ({ cause: f.cause, followedAt: iso(f.createdAt) })),
      },
      pledges: data.pledges.map((p) => ({
        id: p.id,
        ngoId: p.ngoId,
        amountMinor: p.amountMinor,
        currency: p.currency,
        recurrence: p.recurrence,
        visibility: p.visibility,
        note: p.note,
        status: p.status,
        createdAt: iso(p.createdAt),
        updatedAt: iso(p.updatedAt),
      })),
      friendsOnJumo: data.friends.map((f) => f.name),
      activity: withIsoDates(await exportUserActivity(c.get('getDb')(), c.get('auth').user.id)),
      email: await exportEmailData(c.get('getDb')(), c.get('auth').user.id),
    };
    c.header('Content-Disposition', 'attachment; filename="jumo-export.json"');
    return c.json(body, 200);
  })
  /** Which of the viewer's Facebook friends follow the NGO (empty unless user_friends was granted). */
  .openapi(createRoute({ ...contracts.listNgoFriends, middleware: [requireSession(), requireNgo()] }), async (c) => {
    const result = await listFriendsFollowingNgo(
      c.get('getDb')(),
      c.get('auth').user.id,
      c.get('ngo').id,
      FRIENDS_LIMIT,
    );
    return c.json({ enabled: result.enabled, count: result.friends.length, friends: result.friends }, 200);
  });
