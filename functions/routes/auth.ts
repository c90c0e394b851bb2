import { createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { findUserByProvider, upsertUser } from '../../db/users.ts';
import { getAuthProviders, signInDemo, signOut } from '../../model/api/auth.ts';
import { clearSessionCookie, readSessionToken } from '../auth/cookies.ts';
import { isAdminDemoName, isLocalRequest } from '../auth/demo-sign-in.ts';
import { invalidateSession, toPublicUser, validateSessionToken } from '../auth/session.ts';
import { startUserSession } from '../auth/sign-in.ts';
import type { HonoEnv } from '../context.ts';
import { isFacebookConfigured } from '../env.ts';
import { ApiError } from '../errors.ts';
import { createRouter } from '../openapi.ts';

/**
 * The demo sign-in: `true` (the Node entry, when it is on) serves only this machine, see
 * functions/auth/demo-sign-in.ts; `'any-client'` skips that check, for tests that drive the app
 * on a made-up origin without a socket (no entry point passes it). The Worker never registers
 * the route, and it answers 404 once Facebook Login is configured.
 */
export type DemoSignInOption = boolean | 'any-client';

export function createAuthRoutes(options: { allowDemoSignIn: DemoSignInOption; getClientIp: (c: Context) => string }) {
  const { allowDemoSignIn } = options;
  const isDemoServed = (c: Context<HonoEnv>) => allowDemoSignIn !== false && !isFacebookConfigured(c.get('env'));
  const isDemoAllowedHere = (c: Context<HonoEnv>) =>
    allowDemoSignIn === 'any-client' || isLocalRequest(c, options.getClientIp(c));

  /** A middleware, so these refusals come before the body is read or validated. */
  const requireDemoHere: MiddlewareHandler<HonoEnv> = async (c, next) => {
    if (!isDemoServed(c)) throw new ApiError(404, 'not_found', 'No such route.');
    if (!isDemoAllowedHere(c)) {
      throw new ApiError(
        403,
        'demo_local_only',
        'The demo sign-in only works in a browser on this computer, at http://localhost.',
      );
    }
    return next();
  };

  const routes = createRouter()
    .openapi(createRoute({ ...getAuthProviders }), (c) => {
      const facebook = isFacebookConfigured(c.get('env'));
      // The header offers the demo only where signing in would work.
      return c.json({ facebook, demo: isDemoServed(c) && isDemoAllowedHere(c) }, 200);
    })
    .openapi(createRoute({ ...signOut }), async (c) => {
      const token = readSessionToken(c);
      if (token) {
        const db = c.get('getDb')();
        const result = await validateSessionToken(
          db,
          token,
          c.get('now')(),
          c.get('sessionPolicy'),
          c.get('sessionCache'),
        );
        if (result.status === 'valid') await invalidateSession(db, result.session.id, c.get('sessionCache'));
      }
      clearSessionCookie(c);
      return c.json({ ok: true as const }, 200);
    });

  if (allowDemoSignIn !== false) {
    routes.openapi(createRoute({ ...signInDemo, middleware: [requireDemoHere] }), async (c) => {
      const { name } = c.req.valid('json');
      const db = c.get('getDb')();
      // The same name signs in to the same local account, so a demo user can come back.
      const existing = await findUserByProvider(db, 'demo', name.toLowerCase());
      // Typing a name must never hand out (or pass for) administrator rights.
      if (await isAdminDemoName(db, name, existing?.id ?? null)) {
        throw new ApiError(
          403,
          'demo_admin_refused',
          'This name belongs to a site administrator; choose another name.',
        );
      }
      const user = await upsertUser(
        db,
        { provider: 'demo', providerUserId: name.toLowerCase(), name, pictureUrl: null },
        c.get('now')(),
      );
      await startUserSession(c, user.id);
      return c.json({ user: toPublicUser(user) }, 200);
    });
  }
  return routes;
}
