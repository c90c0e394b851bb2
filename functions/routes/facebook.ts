import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isDatabaseError } from '../../db/client.ts';
import { findDeletionRequest, insertDeletionRequest } from '../../db/deletion-requests.ts';
import { generateSecureRandomString } from '../../db/ids.ts';
import { consumeOAuthState, insertOAuthState } from '../../db/oauth-states.ts';
import { replaceUserFriends } from '../../db/social.ts';
import { deleteUserAndData, findUserByProvider, upsertUser } from '../../db/users.ts';
import {
  clearOAuthStateCookie,
  OAUTH_STATE_MAX_AGE_SECONDS,
  readOAuthStateCookie,
  setOAuthStateCookie,
} from '../auth/cookies.ts';
import {
  createAuthorizationUrl,
  fetchProfileWithCode,
  generateOAuthState,
  hashOAuthState,
  verifySignedRequest,
  type FacebookConfig,
} from '../auth/facebook.ts';
import { sanitizeNextPath } from '../auth/safe-redirect.ts';
import { redirectToSignInError, startUserSession, type SignInFailure } from '../auth/sign-in.ts';
import type { HonoEnv } from '../context.ts';
import { isFacebookConfigured, type AppEnv } from '../env.ts';
import { DatabaseUnavailableError, respondError } from '../errors.ts';

export const DATA_DELETION_PATH = '/api/auth/facebook/data-deletion';

function resolvePublicOrigin(c: Context<HonoEnv>): string {
  return c.get('env').PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
}

function readFacebookConfig(c: Context<HonoEnv>): FacebookConfig | null {
  const env: AppEnv = c.get('env');
  if (!isFacebookConfigured(env)) return null;
  return {
    appId: env.FACEBOOK_APP_ID,
    appSecret: env.FACEBOOK_APP_SECRET,
    graphVersion: env.FACEBOOK_GRAPH_VERSION,
    redirectUri: `${resolvePublicOrigin(c)}/api/auth/facebook/callback`,
  };
}

/** Browser sign-in steps catch everything: the person sees /signin-error/, never JSON or a trace. */
async function handleSignInStep(c: Context<HonoEnv>, step: () => Promise<Response | SignInFailure>): Promise<Response> {
  const next = sanitizeNextPath(c.req.query('next'));
  try {
    const outcome = await step();
    return typeof outcome === 'string' ? redirectToSignInError(c, outcome, next) : outcome;
  } catch (error) {
    const unavailable = error instanceof DatabaseUnavailableError || isDatabaseError(error);
    if (!unavailable) console.error('sign-in failed', error);
    return redirectToSignInError(c, unavailable ? 'unavailable' : 'unknown', next);
  }
}

/** Equal-length strings compared without an early exit. */
function isEqualInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const callbackQuerySchema = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(256).optional(),
  error: z.string().max(256).optional(),
});

const dataDeletionBodySchema = z.object({ signed_request: z.string().min(3).max(8192) });
const confirmationCodeSchema = z.string().regex(/^[a-z2-9]{24}$/);

export const facebookRoutes = new Hono<HonoEnv>()
  /** Step 1: remember the attempt (DB row + browser cookie) and send the browser to Facebook. */
  .get('/auth/facebook', (c) =>
    handleSignInStep(c, async () => {
      const config = readFacebookConfig(c);
      if (!config) return 'unavailable';
      const now = c.get('now')();
      const state = generateOAuthState();
      await insertOAuthState(
        c.get('getDb')(),
        {
          stateHash: hashOAuthState(state),
          nextPath: sanitizeNextPath(c.req.query('next')),
          expiresAt: new Date(now.getTime() + OAUTH_STATE_MAX_AGE_SECONDS * 1000),
        },
        now,
      );
      setOAuthStateCookie(c, state);
      const askFriends = c.req.query('friends') === '1';
      return c.redirect(createAuthorizationUrl(config, state, { askFriends }).toString(), 302);
    }),
  )
  /** Step 2: Facebook sends the browser back with `code` and `state` (or `error`). */
  .get('/auth/facebook/callback', (c) =>
    handleSignInStep(c, async () => {
      const cookieState = readOAuthStateCookie(c);
      // Whatever happens next, this attempt is over.
      clearOAuthStateCookie(c);
      const config = readFacebookConfig(c);
      if (!config) return 'unavailable';
      const query = callbackQuerySchema.safeParse(c.req.query());
      if (!query.success) return 'state';
      const { code, state, error } = query.data;
      if (error) return error === 'access_denied' ? 'cancelled' : 'facebook';
      if (!code || !state || !cookieState || !isEqualInConstantTime(state, cookieState)) return 'state';

      const now = c.get('now')();
      const db = c.get('getDb')();
      // Single use: a replayed callback URL (even with the cookie) finds no row.
      const attempt = await consumeOAuthState(db, hashOAuthState(state), now);
      if (!attempt) return 'state';

      const result = await fetchProfileWithCode(config, code);
      if (!result.ok) return result.reason;
      const { facebookId, name, pictureUrl, friends } = result.profile;
      const user = await upsertUser(db, { provider: 'facebook', providerUserId: facebookId, name, pictureUrl }, now);
      if (friends.status !== 'unavailable')
        await replaceUserFriends(db, user.id, friends.status === 'granted' ? friends.facebookIds : null, now);
      await startUserSession(c, user.id);
      // Checked again as read back: a row stored by an older, laxer sanitiser must not redirect off-site.
      return c.redirect(sanitizeNextPath(attempt.nextPath), 302);
    }),
  )
  /**
   * Facebook's data deletion request callback (server to server, so exempt from the Origin
   * check; authenticated by the signed_request HMAC). Deletes the person's account and all
   * their data, and answers `{ url, confirmation_code }` as Facebook specifies.
   */
  .post('/auth/facebook/data-deletion', async (c) => {
    const config = readFacebookConfig(c);
    if (!config) return respondError(c, 404, 'not_found', 'Facebook Login is not configured.');
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return respondError(c, 400, 'bad_request', 'Send signed_request as a form field.');
    }
    const body = dataDeletionBodySchema.safeParse(form);
    if (!body.success) return respondError(c, 400, 'bad_request', 'Send signed_request as a form field.');
    const verified = verifySignedRequest(body.data.signed_request, config.appSecret);
    if (!verified.ok) return respondError(c, 400, 'invalid_signed_request', 'The signed_request is not valid.');

    const db = c.get('getDb')();
    const now = c.get('now')();
    const user = await findUserByProvider(db, 'facebook', verified.facebookUserId);
    if (user) {
      await deleteUserAndData(db, user.id);
      c.get('sessionCache')?.deleteUser(user.id);
    }
    // A code even when we had no data: Facebook expects one for every request.
    const confirmationCode = generateSecureRandomString();
    await insertDeletionRequest(db, { confirmationCode, requestedAt: now, completedAt: now });
    return c.json({
      url: `${resolvePublicOrigin(c)}/api/auth/deletion-status?code=${confirmationCode}`,
      confirmation_code: confirmationCode,
    });
  })
  /** Where the person can check their deletion: JSON, or a short page for a browser. */
  .get('/auth/deletion-status', async (c) => {
    const code = confirmationCodeSchema.safeParse(c.req.query('code'));
    if (!code.success) return respondError(c, 400, 'bad_request', 'Give the confirmation code: ?code=...');
    const request = await findDeletionRequest(c.get('getDb')(), code.data);
    if (!request) return respondError(c, 404, 'not_found', 'No deletion request has this confirmation code.');
    const status = request.completedAt ? 'completed' : 'pending';
    if (c.req.header('Accept')?.includes('text/html')) {
      return c.html(
        `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Data deletion – Jumo</title>` +
          `<h1>Your Jumo data deletion</h1><p>Confirmation code <code>${request.confirmationCode}</code>: ` +
          `${status === 'completed' ? 'your account and all its data have been deleted.' : 'in progress.'}</p><p><a href="/">Back to Jumo</a></p>`,
      );
    }
    return c.json({
      confirmation_code: request.confirmationCode,
      status,
      requested_at: request.requestedAt.toISOString(),
      completed_at: request.completedAt?.toISOString() ?? null,
    });
  });
