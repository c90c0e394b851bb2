import { Hono } from 'hono';
import { z } from 'zod';
import { upsertUser } from '../../db/users.ts';
import { clearSessionCookie, readSessionToken } from '../auth/cookies.ts';
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
 * `allowDemoSignIn` is passed only by the Node entry (`npm start`): the Worker never registers
 * the demo route, and even on Node it answers 404 once Facebook Login is configured.
 */
export function createAuthRoutes(options: { allowDemoSignIn: boolean }) {
  const routes = new Hono<HonoEnv>()
    .get('/auth/providers', (c) => {
      const facebook = isFacebookConfigured(c.get('env'));
      return c.json({ facebook, demo: options.allowDemoSignIn && !facebook });
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

  if (options.allowDemoSignIn) {
    routes.post('/auth/demo', async (c) => {
      if (isFacebookConfigured(c.get('env'))) return respondError(c, 404, 'not_found', 'No such route.');
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
      // The same name signs in to the same local account, so a demo user can come back.
      const user = await upsertUser(
        c.get('getDb')(),
        { provider: 'demo', providerUserId: name.toLowerCase(), name, pictureUrl: null },
        c.get('now')(),
      );
      await startUserSession(c, user.id);
      return c.json({ user: toPublicUser(user) });
    });
  }
  return routes;
}
