import type { Context } from 'hono';
import type { HonoEnv } from '../context.ts';
import { setSessionCookie } from './cookies.ts';
import { createSession } from './session.ts';

/** Start a session for a user who just proved who they are, and hand the browser its cookie. */
export async function startUserSession(c: Context<HonoEnv>, userId: string): Promise<void> {
  const { token } = await createSession(c.var.getDb(), userId, c.var.now());
  setSessionCookie(c, token, c.var.sessionPolicy.inactivityTimeoutSeconds);
}

/** Why a browser sign-in failed, as shown by /signin-error/. */
export type SignInFailure = 'cancelled' | 'state' | 'facebook' | 'network' | 'unavailable' | 'error';

/** Sign-in is a browser navigation: failures go to a friendly page, never to JSON or a trace. */
export function redirectToSignInError(c: Context, reason: SignInFailure): Response {
  return c.redirect(`/signin-error/?reason=${reason}`, 302);
}
