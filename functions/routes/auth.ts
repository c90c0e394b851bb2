import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { findUserByProvider, upsertUser } from '../../db/users.ts';
import { clearSessionCookie, readSessionToken } from '../auth/cookies.ts';
import { isAdminDemoName, isLocalRequest } from '../auth/demo-sign-in.ts';
import { invalidateSession, toPublicUser, validateSessionToken } from '../auth/session.ts';
import { startUserSession } from '../auth/sign-in.ts';
import type { HonoEnv } from '../context.ts';
import { isFacebookConfigured } from '../env.ts';
import { respondError } from '../errors.ts';

const demoSignInSchema = z.object({
  /** Shown as the user's name; letters, digits, spaces and simple punctuation. */
  name: z
    .string()
    .trim()
    .min(1, 'Enter a name.')
    .max(60, 'Use at most 60 characters.')
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u, "Use letters, digits, spaces and . ' _ - only."),
});

/**
 * The demo sign-in: `true` (the Node entry, when it is on) serves only this machine, see
 * functions/auth/demo-sign-in.ts; `'any-client'` skips that check, for tests that drive the app
 * on a made-up origin without a socket (no entry point passes it). The Worker never registers
 * the route, and it answers 404 once Facebook Login is configured.
 */
export type DemoSignInOption = boolean | 'any-client';

export function createAuthRoutes(options: { allowDemoSignIn: DemoSignInOption; getClientIp: (c: Context) => string }) {
  const { allowDemoSignIn } = options;
  const isDemoServed = (c: Context<HonoEnv>) =>
    allowDemoSignIn !== false && !isFacebookConfigured(c.get('env'));
  const isDemoAllowedHere = (c: Context<HonoEnv>) =>
    allowDemoSignIn === 'any-client' || isLocalRequest(c, options.getClientIp(c));

  const routes = new Hono<HonoEnv>()
    .get('/auth/providers', (c) => {
      const facebook = isFacebookConfigured(c.get('env'));
      // The header offers the demo only where signing in would work.
      return c.json({ facebook, demo: isDemoServed(c) && isDemoAllowedHere(c) });
    })
    .post('/auth/logout', async (c) => {
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
      return c.json({ ok: true });
    });

  if (allowDemoSignIn !== false) {
    routes.post('/auth/demo', async (c) => {
      if (!isDemoServed(c)) return respondError(c, 404, 'not_found', 'No such route.');
      if (!isDemoAllowedHere(c)) {
        return respondError(
          c,
          403,
          'demo_local_only',
          'The demo sign-in only works in a browser on this computer, at http://localhost.',
        );
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return respondError(c, 400, 'invalid_json', 'Send a JSON body: { "name": "..." }.');
      }
      const parsed = demoSignInSchema.safeParse(body);
      if (!parsed.success) {
        return respondError(c, 400, 'validation_failed', parsed.error.issues[0]?.message ?? 'Invalid name.');
      }
      const { name } = parsed.data;
      const db = c.get('getDb')();
      // The same name signs in to the same local account, so a demo user can come back.
      const existing = await findUserByProvider(db, 'demo', name.toLowerCase());
      // Typing a name must never hand out (or pass for) administrator rights.
      if (await isAdminDemoName(db, name, existing?.id ?? null)) {
        return respondError(c, 403, 'demo_admin_refused', 'This name belongs to a site administrator; choose another name.');
      }
      const user = await upsertUser(
        db,
        { provider: 'demo', providerUserId: name.toLowerCase(), name, pictureUrl: null },
        c.get('now')(),
      );
      await startUserSession(c, user.id);
      return c.json({ user: toPublicUser(user) });
    });
  }
  return routes;
}
