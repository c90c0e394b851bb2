import { createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { isDatabaseError } from '../../db/client.ts';
import { findDeletionRequest, insertDeletionRequest } from '../../db/deletion-requests.ts';
import { generateSecureRandomString } from '../../db/ids.ts';
import { consumeOAuthState, insertOAuthState } from '../../db/oauth-states.ts';
import { replaceUserFriends } from '../../db/social.ts';
import { deleteUserAndData, findUserByProvider, upsertUser } from '../../db/users.ts';
import {
  finishFacebookSignIn,
  getDeletionStatus,
  requestFacebookDataDeletion,
  startFacebookSignIn,
} from '../../model/api/auth.ts';
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
  isSameOAuthState,
  verifySignedRequest,
  type FacebookConfig,
} from '../auth/facebook.ts';
import { sanitizeNextPath } from '../auth/safe-redirect.ts';
import { redirectToSignInError, startUserSession, type SignInFailure } from '../auth/sign-in.ts';
import type { HonoEnv } from '../context.ts';
import { isFacebookConfigured, type AppEnv } from '../env.ts';
import { ApiError, DatabaseUnavailableError } from '../errors.ts';
import { createRouter } from '../openapi.ts';
import { prefillEmailAddress } from '../../db/email-addresses.ts';

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
async function handleSignInStep(
  c: Context<HonoEnv>,
  next: string | undefined,
  step: () => Promise<Response | SignInFailure>,
): Promise<Response> {
  const safeNext = sanitizeNextPath(next);
  try {
    const outcome = await step();
    return typeof outcome === 'string' ? redirectToSignInError(c, outcome, safeNext) : outcome;
  } catch (error) {
    const unavailable = error instanceof DatabaseUnavailableError || isDatabaseError(error);
    if (!unavailable) console.error('sign-in failed', error);
    return redirectToSignInError(c, unavailable ? 'unavailable' : 'unknown', safeNext);
  }
}

/** Whatever happens next, a callback ends the attempt: its cookie goes first. */
function endSignInAttempt(c: Context<HonoEnv>): { cookieState: string | undefined; config: FacebookConfig | null } {
  const cookieState = readOAuthStateCookie(c);
  clearOAuthStateCookie(c);
  return { cookieState, config: readFacebookConfig(c) };
}

/**
 * The validation hook of the browser steps, instead of the JSON 400: a query the contract
 * refuses (an empty state, an overlong code) is a broken attempt, and ends on the error page
 * like one. Only the callback's query can fail; the start's takes any value.
 */
function redirectRefusedSignInQuery(result: { success: boolean }, c: Context<HonoEnv>): Response | undefined {
  if (result.success) return undefined;
  const { config } = endSignInAttempt(c);
  return redirectToSignInError(c, config ? 'state' : 'unavailable', sanitizeNextPath(c.req.query('next')));
}

/** No Facebook Login, no callback: 404, checked before the body is read (as before the contracts). */
function requireFacebookLogin(c: Context<HonoEnv>): FacebookConfig {
  const config = readFacebookConfig(c);
  if (!config) throw new ApiError(404, 'not_found', 'Facebook Login is not configured.');
  return config;
}

/**
 * Facebook posts the data deletion request as a urlencoded form. Any other body is refused here
 * with the field named, rather than by the contract's media-type gate (a bare 415).
 */
const requireDeletionForm: MiddlewareHandler<HonoEnv> = async (c, next) => {
  requireFacebookLogin(c);
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new ApiError(
      400,
      'bad_request',
      'signed_request: send it as a form field (application/x-www-form-urlencoded).',
      {
        field: 'signed_request',
      },
    );
  }
  return next();
};

export const facebookRoutes = createRouter()
  /** Step 1: remember the attempt (DB row + browser cookie) and send the browser to Facebook. */
  .openapi(
    createRoute({ ...startFacebookSignIn }),
    (c) => {
      const { next, friends, email } = c.req.valid('query');
      return handleSignInStep(c, next, async () => {
        const config = readFacebookConfig(c);
        if (!config) return 'unavailable';
        const now = c.get('now')();
        const state = generateOAuthState();
        await insertOAuthState(
          c.get('getDb')(),
          {
            stateHash: hashOAuthState(state),
            nextPath: sanitizeNextPath(next),
            expiresAt: new Date(now.getTime() + OAUTH_STATE_MAX_AGE_SECONDS * 1000),
          },
          now,
        );
        setOAuthStateCookie(c, state);
        return c.redirect(
          createAuthorizationUrl(config, state, { askFriends: friends === '1', askEmail: email === '1' }).toString(),
          302,
        );
      });
    },
    redirectRefusedSignInQuery,
  )
  /** Step 2: Facebook sends the browser back with `code` and `state` (or `error`). */
  .openapi(
    createRoute({ ...finishFacebookSignIn }),
    (c) => {
      const { code, state, error, next } = c.req.valid('query');
      return handleSignInStep(c, next, async () => {
        const { cookieState, config } = endSignInAttempt(c);
        if (!config) return 'unavailable';
        if (error) return error === 'access_denied' ? 'cancelled' : 'facebook';
        if (!code || !state || !cookieState || !isSameOAuthState(state, cookieState)) return 'state';

        const now = c.get('now')();
        const db = c.get('getDb')();
        // Single use: a replayed callback URL (even with the cookie) finds no row.
        const attempt = await consumeOAuthState(db, hashOAuthState(state), now);
        if (!attempt) return 'state';

        const result = await fetchProfileWithCode(config, code);
        if (!result.ok) return result.reason;
        const { facebookId, name, pictureUrl, friends, email } = result.profile;
        const user = await upsertUser(db, { provider: 'facebook', providerUserId: facebookId, name, pictureUrl }, now);
        if (friends.status !== 'unavailable')
          await replaceUserFriends(db, user.id, friends.status === 'granted' ? friends.facebookIds : null, now);
        // A prefill, not a confirmation: stored unconfirmed only when the person has no address yet.
        if (email) await prefillEmailAddress(db, user.id, email, now);
        await startUserSession(c, user.id);
        // Checked again as read back: a row stored by an older, laxer sanitiser must not redirect off-site.
        return c.redirect(sanitizeNextPath(attempt.nextPath), 302);
      });
    },
    redirectRefusedSignInQuery,
  )
  /**
   * Facebook's data deletion request callback (server to server, so exempt from the Origin
   * check; authenticated by the signed_request HMAC). Deletes the person's account and all
   * their data, and answers `{ url, confirmation_code }` as Facebook specifies.
   */
  .openapi(createRoute({ ...requestFacebookDataDeletion, middleware: [requireDeletionForm] }), async (c) => {
    const config = requireFacebookLogin(c);
    const verified = verifySignedRequest(c.req.valid('form').signed_request, config.appSecret);
    if (!verified.ok) {
      throw new ApiError(400, 'invalid_signed_request', 'signed_request: not signed by Facebook for this app.', {
        field: 'signed_request',
      });
    }

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
    return c.json(
      {
        url: `${resolvePublicOrigin(c)}/api/auth/deletion-status?code=${confirmationCode}`,
        confirmation_code: confirmationCode,
      },
      200,
    );
  })
  /** Where the person can check their deletion: JSON, or a short page for a browser. */
  .openapi(createRoute({ ...getDeletionStatus }), async (c) => {
    const { code } = c.req.valid('query');
    const request = await findDeletionRequest(c.get('getDb')(), code);
    if (!request) {
      throw new ApiError(404, 'not_found', 'code: no deletion request has this confirmation code.', { field: 'code' });
    }
    const status = request.completedAt ? ('completed' as const) : ('pending' as const);
    if (c.req.header('Accept')?.includes('text/html')) {
      return c.html(
        `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Data deletion – Jumo</title>` +
          `<h1>Your Jumo data deletion</h1><p>Confirmation code <code>${request.confirmationCode}</code>: ` +
          `${status === 'completed' ? 'your account and all its data have been deleted.' : 'in progress.'}</p><p><a href="/">Back to Jumo</a></p>`,
        200,
      );
    }
    return c.json(
      {
        confirmation_code: request.confirmationCode,
        status,
        requested_at: request.requestedAt.toISOString(),
        completed_at: request.completedAt?.toISOString() ?? null,
      },
      200,
    );
  });
