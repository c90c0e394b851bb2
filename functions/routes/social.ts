import { Hono } from 'hono';
import { z } from 'zod';
import { CAUSE_IDS } from '../../model/causes.ts';
import { ngoSchema } from '../../model/ngo.ts';
import { exportUserData, getCauseStats, listFriendsFollowingNgo, listUserFollows } from '../../db/social.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { loadViewer, requireSession } from '../middleware/session.ts';

const ngoIdSchema = ngoSchema.shape.id;
const causeSchema = z.enum(CAUSE_IDS);
const FRIENDS_LIMIT = 50;

/**
 * The social reads around follows and pledges: cause numbers, My Jumo's list of follows,
 * the data export, and Facebook friends who follow an NGO.
 */
export const socialRoutes = new Hono<HonoEnv>()
  .get('/causes/:cause/stats', loadViewer(), async (c) => {
    const cause = causeSchema.safeParse(c.req.param('cause'));
    if (!cause.success) return respondError(c, 404, 'not_found', 'No such cause.');
    return c.json(await getCauseStats(c.get('getDb')(), cause.data, c.get('viewer')?.id ?? null));
  })
  /** Ids only: names are the static site's (My Jumo looks them up in /ngo-index/). */
  .get('/me/follows', requireSession(), async (c) => {
    const follows = await listUserFollows(c.get('getDb')(), c.get('auth').user.id);
    return c.json({
      ngos: follows.ngos.map((f) => ({ id: f.id, followedAt: f.followedAt.toISOString() })),
      causes: follows.causes.map((f) => ({ id: f.id, followedAt: f.followedAt.toISOString() })),
    });
  })
  /** Everything we hold about the signed-in person, as a file to keep. */
  .get('/me/export', requireSession(), async (c) => {
    const data = await exportUserData(c.get('getDb')(), c.get('auth').user.id);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
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
    };
    c.header('Content-Disposition', 'attachment; filename="jumo-export.json"');
    return c.json(body);
  })
  /** Which of the viewer's Facebook friends follow the NGO (empty unless user_friends was granted). */
  .get('/ngos/:id/friends', requireSession(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    const result = await listFriendsFollowingNgo(c.get('getDb')(), c.get('auth').user.id, ngoId.data, FRIENDS_LIMIT);
    return c.json({ enabled: result.enabled, count: result.friends.length, friends: result.friends });
  });
