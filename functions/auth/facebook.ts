import { sha256, SHA256 } from '@oslojs/crypto/sha2';
import { hmac } from '@oslojs/crypto/hmac';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeHexLowerCase } from '@oslojs/encoding';
import { ArcticFetchError, Facebook, generateState } from 'arctic';
import { z } from 'zod';
import { emailAddressSchema } from '../../model/api/email.ts';

/**
 * Everything Facebook-specific lives here, so replacing Arctic (3.7.0, pinned; unmaintained
 * upstream since 2026) touches one file. Arctic's `Facebook` class builds the dialog URL and
 * exchanges the code, sending client_secret in the body as Facebook documents. Its endpoints
 * name Graph v16.0 (Facebook serves the oldest available version for it); our own Graph calls
 * use a current version from config and are signed with appsecret_proof.
 *
 * Outbound HTTP goes through the global `fetch` at call time (Arctic offers no injection),
 * which is what tests intercept for Facebook's hosts.
 */

export type FacebookConfig = {
  appId: string;
  appSecret: string;
  /** e.g. "v25.0" */
  graphVersion: string;
  /** `https://<host>/api/auth/facebook/callback`, registered in the Facebook app. */
  redirectUri: string;
};

/**
 * The person's friends who also use Jumo (Graph returns only those): `granted` when the
 * user_friends permission is, `not_granted` otherwise, `unavailable` when Facebook did not
 * answer the friends call (sign-in still succeeds; the stored list is left as it was).
 */
export type FacebookFriends =
  { status: 'granted'; facebookIds: string[] } | { status: 'not_granted' } | { status: 'unavailable' };

export type FacebookProfile = {
  facebookId: string;
  name: string;
  pictureUrl: string | null;
  friends: FacebookFriends;
  /** The address Facebook has for the person, when they granted the email permission; null otherwise. */
  email: string | null;
};

export type FetchProfileResult =
  | { ok: true; profile: FacebookProfile }
  /** facebook: Facebook answered with an error or nonsense; network: we could not reach it. */
  | { ok: false; reason: 'facebook' | 'network' };

/** Only the public profile: Jumo shows a name and a picture and needs nothing else. */
const SCOPES = ['public_profile'];
/** Asked for only when the person clicks "See which friends follow NGOs". */
const FRIENDS_SCOPE = 'user_friends';
/** Asked for only when the person clicks "Use my Facebook address" in My Jumo: never required. */
const EMAIL_SCOPE = 'email';
/** Graph pages of friends read at sign-in (100 each): plenty, and bounded. */
const MAX_FRIEND_PAGES = 20;
const GRAPH_TIMEOUT_MS = 8_000;

function createClient(config: FacebookConfig): Facebook {
  return new Facebook(config.appId, config.appSecret, config.redirectUri);
}

export function generateOAuthState(): string {
  return generateState();
}

/** States are stored hashed: a leaked row must not let anyone finish someone's sign-in. */
export function hashOAuthState(state: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(state)));
}

/**
 * Whether the callback's state is the one in this browser's cookie, compared without an early
 * exit so that timing does not tell a guesser how much of a guess was right. Ill-formed text is
 * never equal: UTF-8 encoding turns every lone surrogate into the same U+FFFD.
 */
export function isSameOAuthState(fromQuery: string, fromCookie: string): boolean {
  if (!fromQuery.isWellFormed() || !fromCookie.isWellFormed()) return false;
  const encoder = new TextEncoder();
  return constantTimeEqual(encoder.encode(fromQuery), encoder.encode(fromCookie));
}

/**
 * `askFriends` adds user_friends, `askEmail` email, each with `auth_type=rerequest`: without
 * rerequest, Facebook does not show the dialog again for a permission the person declined before.
 */
export function createAuthorizationUrl(
  config: FacebookConfig,
  state: string,
  options: { askFriends?: boolean; askEmail?: boolean } = {},
): URL {
  const scopes = [
    ...SCOPES,
    ...(options.askFriends ? [FRIENDS_SCOPE] : []),
    ...(options.askEmail ? [EMAIL_SCOPE] : []),
  ];
  const url = createClient(config).createAuthorizationURL(state, scopes);
  if (options.askFriends || options.askEmail) url.searchParams.set('auth_type', 'rerequest');
  return url;
}

/**
 * HMAC-SHA256 of the access token keyed with the app secret, hex: Facebook's proof that a
 * Graph call comes from the app's server and not from someone holding a leaked token.
 */
export function computeAppSecretProof(accessToken: string, appSecret: string): string {
  const encoder = new TextEncoder();
  return encodeHexLowerCase(hmac(SHA256, encoder.encode(appSecret), encoder.encode(accessToken)));
}

const meSchema = z.object({
  /** App-scoped user id: stable for this app, meaningless to others. */
  id: z.string().regex(/^\d{1,32}$/),
  name: z.string().min(1).max(200),
  picture: z
    .object({
      data: z.object({ url: z.url({ protocol: /^https$/ }).optional(), is_silhouette: z.boolean().optional() }),
    })
    .optional(),
  /** The permissions the person granted to the app (field expansion of /me/permissions). */
  permissions: z.object({ data: z.array(z.object({ permission: z.string(), status: z.string() })) }).optional(),
  /** Present only when the email permission is granted; checked like an address typed in My Jumo. */
  email: z.unknown().optional(),
});

const friendsPageSchema = z.object({
  data: z.array(z.object({ id: z.string().regex(/^\d{1,32}$/) })),
  paging: z.object({ next: z.url({ protocol: /^https$/ }).optional() }).optional(),
});

/** `/me/friends`: only friends who also use the app and granted user_friends themselves. */
async function fetchFriendIds(config: FacebookConfig, accessToken: string): Promise<FacebookFriends> {
  const first = new URL(`https://graph.facebook.com/${config.graphVersion}/me/friends`);
  first.searchParams.set('fields', 'id');
  first.searchParams.set('limit', '100');
  first.searchParams.set('appsecret_proof', computeAppSecretProof(accessToken, config.appSecret));
  const ids: string[] = [];
  let next: URL | null = first;
  for (let page = 0; next && page < MAX_FRIEND_PAGES; page++) {
    // Paging links come from Facebook; never send the token anywhere else.
    if (next.hostname !== 'graph.facebook.com') break;
    try {
      const response: Response = await fetch(next, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
      });
      if (!response.ok) {
        await response.body?.cancel();
        return { status: 'unavailable' };
      }
      const parsed = friendsPageSchema.safeParse(await response.json());
      if (!parsed.success) return { status: 'unavailable' };
      ids.push(...parsed.data.data.map((f) => f.id));
      next = parsed.data.paging?.next && parsed.data.data.length > 0 ? new URL(parsed.data.paging.next) : null;
    } catch {
      return { status: 'unavailable' };
    }
  }
  return { status: 'granted', facebookIds: [...new Set(ids)] };
}

/** Exchange the authorization code for a token, then read `/me` (id, name, picture). */
export async function fetchProfileWithCode(config: FacebookConfig, code: string): Promise<FetchProfileResult> {
  let accessToken: string;
  try {
    const tokens = await createClient(config).validateAuthorizationCode(code);
    accessToken = tokens.accessToken();
  } catch (error) {
    return { ok: false, reason: error instanceof ArcticFetchError ? 'network' : 'facebook' };
  }

  const url = new URL(`https://graph.facebook.com/${config.graphVersion}/me`);
  url.searchParams.set('fields', 'id,name,picture.width(200).height(200),permissions,email');
  url.searchParams.set('appsecret_proof', computeAppSecretProof(accessToken, config.appSecret));
  let response: Response;
  try {
    // The token goes in a header, not the URL, so it stays out of access logs.
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, reason: 'facebook' };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, reason: 'facebook' };
  }
  const parsed = meSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'facebook' };
  const picture = parsed.data.picture?.data;
  const friendsGranted = (parsed.data.permissions?.data ?? []).some(
    (p) => p.permission === FRIENDS_SCOPE && p.status === 'granted',
  );
  const friends: FacebookFriends = friendsGranted
    ? await fetchFriendIds(config, accessToken)
    : { status: 'not_granted' };
  return {
    ok: true,
    profile: {
      facebookId: parsed.data.id,
      name: parsed.data.name,
      pictureUrl: picture?.url && !picture.is_silhouette ? picture.url : null,
      friends,
      email: emailAddressSchema.safeParse(parsed.data.email).data ?? null,
    },
  };
}

export type SignedRequestResult = { ok: true; facebookUserId: string } | { ok: false; reason: string };

const signedRequestPayloadSchema = z.object({
  algorithm: z.string(),
  user_id: z.string().regex(/^\d{1,32}$/),
  issued_at: z.number().optional(),
});

/**
 * Verify a `signed_request` (Facebook's data deletion callback): `<sig>.<payload>`, both
 * base64url, where sig = HMAC-SHA256(payload as sent, app secret). Compared in constant time.
 */
export function verifySignedRequest(signedRequest: string, appSecret: string): SignedRequestResult {
  const parts = signedRequest.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [encodedSignature, encodedPayload] = parts as [string, string];
  let signature: Uint8Array;
  let payloadJson: string;
  try {
    signature = decodeBase64urlIgnorePadding(encodedSignature);
    payloadJson = new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64urlIgnorePadding(encodedPayload));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const encoder = new TextEncoder();
  const expected = hmac(SHA256, encoder.encode(appSecret), encoder.encode(encodedPayload));
  if (!constantTimeEqual(signature, expected)) return { ok: false, reason: 'bad_signature' };

  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = signedRequestPayloadSchema.safeParse(payload);
  if (!parsed.success || parsed.data.algorithm.toUpperCase() !== 'HMAC-SHA256')
    return { ok: false, reason: 'malformed' };
  return { ok: true, facebookUserId: parsed.data.user_id };
}
