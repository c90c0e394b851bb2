import { createRoute } from '@hono/zod-openapi';
import { deleteOwnAccount } from '../../db/users.ts';
import { deleteMe, getMe } from '../../model/api/account.ts';
import { clearSessionCookie } from '../auth/cookies.ts';
import { toPublicUser } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';

export const meRoutes = createRouter()
  .openapi(createRoute({ ...getMe, middleware: [requireSession()] }), (c) =>
    c.json({ user: toPublicUser(c.get('auth').user) }, 200),
  )
  /**
   * Self-service account deletion: the user, their sessions, follows and pledges, at once.
   * Refused for an NGO's only manager, like leaving the page (GitHub's rule for an
   * organisation's sole owner), with the way out: add a manager or release the page.
   */
  .openapi(createRoute({ ...deleteMe, middleware: [requireSession()] }), async (c) => {
    const result = await deleteOwnAccount(c.get('getDb')(), c.get('auth').user.id);
    if (result.status === 'last_manager') {
      const names = new Intl.ListFormat('en', { type: 'conjunction' }).format(result.ngos.map((n) => n.name));
      const page = result.ngos.length > 1 ? 'each page' : 'the page';
      throw new ApiError(
        409,
        'last_manager',
        `You are the only manager of ${names || 'an NGO page'}. Before deleting your account, add another manager or release ${page} at /manage/.`,
        { ngos: result.ngos },
      );
    }
    c.get('sessionCache')?.deleteUser(c.get('auth').user.id);
    clearSessionCookie(c);
    return c.json({ deleted: true as const }, 200);
  });
