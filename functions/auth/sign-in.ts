import type { Context } from 'hono';
import type { HonoEnv } from '../context.ts';
import { setSessionCookie } from './cookies.ts';
import { createSession } from './session.ts';

/** Start a session for a user who just proved who they are, and hand the browser its cookie. */
export async function startUserSession(c: Context<HonoEnv>, userId: string): Promise<void> {
  // Sign-in may have changed the name or picture: cached copies of their sessions are stale.
  c.get('sessionCache')?.deleteUser(userId);
  const { token } = await createSession(c.get('getDb')(), userId, c.get('now')());
  setSessionCookie(c, token, c.get('sessionPolicy').inactivityTimeoutSeconds);
}

/**
 * Why a browser sign-in failed, as explained by src/pages/signin-error.astro: `unavailable` is
 * sign-in being off or the database down, `unknown` anything unexpected.
 */
export type SignInFailure = 'cancelled' | 'state' | 'facebook' | 'network' | 'unavailable' | 'unknown';

/**
 * Sign-in is a browser navigation: failures go to a friendly page, never to JSON or a trace.
 * `next` (already sanitised) lets that page's "try again" link return to where the person was.
 */
export function redirectToSignInError(c: Context, reason: SignInFailure, next?: string): Response {
  const params = new URLSearchParams({ reason });
  if (next && next !== '/') params.set('next', next);
  return c.redirect(`/signin-error/?${params}`, 302);
}
