import { z } from 'zod';
import { ITEM_ID_PATTERN } from '../ids.ts';
import { publicUserSchema } from './account.ts';
import { apiErrorSchema, defineEndpoint, errorResponse, formBody, jsonBody, jsonResponse } from './contract.ts';
import { userText } from './fields.ts';
import { API_ROUTES } from './routes.ts';

/** Sign-in and sign-out: the local demo, Facebook Login, and Facebook's data deletion callback. */

export const getAuthProviders = defineEndpoint(
  {
    ...API_ROUTES.getAuthProviders,
    summary: 'Which ways of signing in would work for this browser',
    responses: {
      200: jsonResponse(
        'The sign-in buttons to offer',
        z.object({
          /** Facebook Login is configured on this server. */
          facebook: z.boolean(),
          /**
           * The demo sign-in would accept this request: the Node entry with the demo on, Facebook
           * not configured, and the request coming from this computer's own browser.
           */
          demo: z.boolean(),
        }),
      ),
    },
  },
  { noDatabase: true },
);

export const signOut = defineEndpoint({
  ...API_ROUTES.signOut,
  summary: "End this browser's session and clear its cookie (harmless without one)",
  responses: {
    200: jsonResponse('Signed out', z.object({ ok: z.literal(true) })),
    403: errorResponse('Not sent by a page of this site (`forbidden_origin`)'),
  },
});

/** A demo name: starts with a letter or digit; then also spaces and . ' _ - (no markup, no control characters). */
const DEMO_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u;

export const demoSignInSchema = z.strictObject({
  /**
   * Shown as the person's name. The same name in any case signs in to the same local account,
   * so a demo user can come back to what they did.
   */
  name: userText(1, 60).regex(
    DEMO_NAME_PATTERN,
    "letters, digits, spaces and . ' _ - only, starting with a letter or digit",
  ),
});

export const signInDemo = defineEndpoint({
  ...API_ROUTES.signInDemo,
  summary:
    'Local demo sign-in by name: the Node entry only, while Facebook Login is not configured, from this computer only',
  request: { body: jsonBody(demoSignInSchema) },
  responses: {
    200: jsonResponse('Signed in; the session cookie is set', z.object({ user: publicUserSchema })),
    400: errorResponse(
      'The name is missing or not allowed (`validation_failed`, naming `name`), or the body is not JSON (`invalid_json`)',
    ),
    403: errorResponse(
      "Not from a browser on this computer (`demo_local_only`), not a same-origin request (`forbidden_origin`), or the name is or was a site administrator's (`demo_admin_refused`)",
    ),
    404: errorResponse(
      'The demo sign-in is off here (Facebook Login is configured, or the server listens beyond this computer)',
    ),
    429: errorResponse('Too many sign-in attempts from this address (`rate_limited`, with Retry-After)'),
  },
});

/**
 * A query parameter given twice counts once, by its first value (as `URLSearchParams.get`
 * reads it): the browser steps of sign-in keep working on whatever URL they are sent to.
 */
function firstQueryValue<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (Array.isArray(value) ? value[0] : value), schema);
}

/** Where to return after signing in; anything that is not a path of this site becomes `/`. */
const nextPathQuery = firstQueryValue(z.string())
  .optional()
  .describe('Path of this site to return to (e.g. `/ngos/us-ein-010674736/`); anything else means the home page');

/** A browser navigation: it always ends in a redirect, never in JSON (see the 302's description). */
const signInRedirect = (description: string) => ({
  description,
  headers: z.object({ Location: z.string().describe('Where the browser goes next') }),
});

const SIGN_IN_ERROR_PAGE =
  '`/signin-error/?reason=…&next=…` when sign-in cannot go on (`unavailable`: Facebook Login not configured or the database down; `state`: a broken, replayed or expired attempt; `cancelled`, `facebook`, `network`, `unknown`). ' +
  'A sign-in step is a browser navigation, so it never answers with JSON: a request this contract refuses ends on that page too.';

/** Sign-in steps are navigations: a browser that asks for HTML gets a short page, a script JSON. */
const tooManySignInAttempts = {
  description: 'Too many sign-in attempts from this address (Retry-After says when to try again)',
  content: {
    'application/json': { schema: apiErrorSchema },
    'text/html': {
      schema: z.string().describe('A short page saying how long to wait, for a browser that asks for HTML'),
    },
  },
};

export const startFacebookSignIn = defineEndpoint(
  {
    ...API_ROUTES.startFacebookSignIn,
    summary:
      "Start Facebook Login: remember the attempt (state cookie, 10 minutes) and send the browser to Facebook's dialog",
    request: {
      query: z.object({
        next: nextPathQuery,
        /**
         * `1` also asks for the friends list (user_friends, asked again if declined before). Any
         * other value is ignored rather than refused, for the reason the 302 gives.
         */
        friends: firstQueryValue(z.string())
          .optional()
          .describe('`1` also asks Facebook for the friends list (user_friends); any other value is ignored'),
        /** `1` also asks for the person's email address, to prefill My Jumo (never required). */
        email: firstQueryValue(z.string())
          .optional()
          .describe(
            '`1` also asks Facebook for the email address, stored unconfirmed to prefill My Jumo; any other value is ignored',
          ),
      }),
    },
    responses: {
      302: signInRedirect(`To Facebook's login dialog (with \`state\`), or to ${SIGN_IN_ERROR_PAGE}`),
      429: tooManySignInAttempts,
    },
  },
  { navigation: true },
);

export const finishFacebookSignIn = defineEndpoint(
  {
    ...API_ROUTES.finishFacebookSignIn,
    summary: "Facebook's redirect back: check the state against the cookie, exchange the code, start a session",
    request: {
      query: z.object({
        /** Facebook's authorisation code, exchanged once for a token. */
        code: firstQueryValue(z.string().min(1).max(2048)).optional().describe("Facebook's authorisation code"),
        /** Must equal this browser's state cookie and a stored, unexpired, unused attempt. */
        state: firstQueryValue(z.string().min(1).max(256))
          .optional()
          .describe('The state sent to Facebook at the start'),
        /** Set by Facebook instead of `code` when the person cancelled (`access_denied`) or it failed. */
        error: firstQueryValue(z.string().max(256))
          .optional()
          .describe('Set by Facebook instead of `code` (`access_denied`: cancelled)'),
        next: nextPathQuery,
      }),
    },
    responses: {
      302: signInRedirect(
        `Signed in: to the path given at the start (a path of this site only), with the session cookie; otherwise to ${SIGN_IN_ERROR_PAGE}`,
      ),
      429: tooManySignInAttempts,
    },
  },
  { navigation: true },
);

/**
 * Facebook's format (snake_case), not ours. Not a strict object, unlike our own bodies: a field
 * Facebook adds one day must not stop a person's data from being deleted.
 */
export const facebookDataDeletionSchema = z.object({
  /** `<signature>.<payload>` in base64url, HMAC-SHA256 with the app secret; the payload names the Facebook user. */
  signed_request: z.string().min(3).max(8192),
});

const confirmationCodeSchema = z.string().regex(ITEM_ID_PATTERN, 'a confirmation code of 24 letters and digits');

export const requestFacebookDataDeletion = defineEndpoint(
  {
    ...API_ROUTES.requestFacebookDataDeletion,
    summary:
      "Facebook's data deletion callback (server to server, authenticated by the signed_request, no Origin check): deletes the person's account and all its data",
    request: { body: formBody(facebookDataDeletionSchema) },
    responses: {
      200: jsonResponse(
        'Done (also when there was nothing to delete): where the person can check it, as Facebook specifies',
        z.object({
          /** The status page: GET /api/auth/deletion-status?code=… on this site. */
          url: z.string(),
          /** 24 letters and digits, also shown on the status page. */
          confirmation_code: confirmationCodeSchema,
        }),
      ),
      400: errorResponse(
        "No `signed_request` form field (`validation_failed`, `bad_request`), or one not signed with this app's secret (`invalid_signed_request`)",
      ),
      404: errorResponse('Facebook Login is not configured'),
    },
  },
  { crossSite: true },
);

const deletionStatusSchema = z.object({
  confirmation_code: confirmationCodeSchema,
  /** Deletion runs at once, so `pending` is only ever seen for a request still being handled. */
  status: z.enum(['pending', 'completed']),
  /** ISO 8601. */
  requested_at: z.string(),
  /** ISO 8601, or null while pending. */
  completed_at: z.string().nullable(),
});

export const getDeletionStatus = defineEndpoint({
  ...API_ROUTES.getDeletionStatus,
  summary: 'The state of a Facebook data deletion request, by its confirmation code',
  request: {
    query: z.object({ code: confirmationCodeSchema.describe('The `confirmation_code` of the data deletion answer') }),
  },
  responses: {
    200: {
      description: 'The request: JSON, or a short page for a browser that asks for text/html',
      content: {
        'application/json': { schema: deletionStatusSchema },
        'text/html': { schema: z.string() },
      },
    },
    400: errorResponse('`code` is missing or not a confirmation code'),
    404: errorResponse('No deletion request has this code'),
  },
});
