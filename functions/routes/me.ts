import { Hono } from 'hono';
import { deleteUserAndData } from '../../db/users.ts';
import { clearSessionCookie } from '../auth/cookies.ts';
import { toPublicUser } from '../auth/session.ts';
import type { HonoEnv } from '../context.ts';
import { requireSession } from '../middleware/session.ts';

export const meRoutes = new Hono<HonoEnv>()
  .get('/me', requireSession(), (c) => c.json({ user: toPublicUser(c.get('auth').user) }))
  /** Self-service account deletion: the user, their sessions, follows and pledges, at once. */
  .delete('/me', requireSession(), async (c) => {
    await deleteUserAndData(c.get('getDb')(), c.get('auth').user.id);
    c.get('sessionCache')?.deleteUser(c.get('auth').user.id);
    clearSessionCookie(c);
    return c.json({ deleted: true });
  });
