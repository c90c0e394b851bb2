import { Hono } from 'hono';
import { deleteOwnAccount } from '../../db/users.ts';
import { clearSessionCookie } from '../auth/cookies.ts';
import { toPublicUser } from '../auth/session.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';

export const meRoutes = new Hono<HonoEnv>()
  .get('/me', requireSession(), (c) => c.json({ user: toPublicUser(c.get('auth').user) }))
  /**
   * Self-service account deletion: the user, their sessions, follows and pledges, at once.
   * Refused for an NGO's only manager, like leaving the page (GitHub's rule for an
   * organisation's sole owner), with the way out: add a manager or release the page.
   */
  .delete('/me', requireSession(), async (c) => {
    const result = await deleteOwnAccount(c.get('getDb')(), c.get('auth').user.id);
    if (result.status === 'last_manager') {
      const names = new Intl.ListFormat('en', { type: 'conjunction' }).format(result.ngos.map((n) => n.name));
      const page = result.ngos.length > 1 ? 'each page' : 'the page';
      return respondError(
        c,
        409,
        'last_manager',
        `You are the only manager of ${names || 'an NGO page'}. Before deleting your account, add another manager or release ${page} at /manage/.`,
        { ngos: result.ngos },
      );
    }
    c.get('sessionCache')?.deleteUser(c.get('auth').user.id);
    clearSessionCookie(c);
    return c.json({ deleted: true });
  });
