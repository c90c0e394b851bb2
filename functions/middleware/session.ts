import type { MiddlewareHandler } from 'hono';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../auth/cookies.ts';
import { validateSessionToken } from '../auth/session.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';

/**
 * Routes behind it have `c.get('auth')`. A stale or forged cookie is cleared; a session past its
 * activity interval gets its cookie re-sent with a full Max-Age (sliding expiry).
 */
export function requireSession(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const token = readSessionToken(c);
    if (!token) return respondError(c, 401, 'unauthenticated', 'Sign in first.');
    const result = await validateSessionToken(
      c.get('getDb')(),
      token,
      c.get('now')(),
      c.get('sessionPolicy'),
      c.get('sessionCache'),
    );
    if (result.status === 'invalid') {
      clearSessionCookie(c);
      return respondError(c, 401, 'unauthenticated', 'Your session has ended. Sign in again.');
    }
    if (result.renewed) setSessionCookie(c, token, c.get('sessionPolicy').inactivityTimeoutSeconds);
    c.set('auth', { session: result.session, user: result.user });
    return next();
  };
}

/**
 * For routes that answer everyone but say more to a signed-in viewer: sets `viewer` to the
 * user or null, never refuses. A dead cookie is cleared like in requireSession.
 */
export function loadViewer(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const token = readSessionToken(c);
    c.set('viewer', null);
    if (token) {
      const result = await validateSessionToken(
        c.get('getDb')(),
        token,
        c.get('now')(),
        c.get('sessionPolicy'),
        c.get('sessionCache'),
      );
      if (result.status === 'invalid') clearSessionCookie(c);
      else {
        if (result.renewed) setSessionCookie(c, token, c.get('sessionPolicy').inactivityTimeoutSeconds);
        c.set('viewer', result.user);
      }
    }
    return next();
  };
}
