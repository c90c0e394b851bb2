import { sha256, SHA256 } from '@oslojs/crypto/sha2';
import { hmac } from '@oslojs/crypto/hmac';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeHexLowerCase } from '@oslojs/encoding';
import { ArcticFetchError, Facebook, generateState } from 'arctic';
import { z } from 'zod';

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

export type FacebookProfile = { facebookId: string; name: string; pictureUrl: string | null };

export type FetchProfileResult =
  | { ok: true; profile: FacebookProfile }
  /** facebook: Facebook answered with an error or nonsense; network: we could not reach it. */
  | { ok: false; reason: 'facebook' | 'network' };

/** Only the public profile: Jumo shows a name and a picture and needs nothing else. */
const SCOPES = ['public_profile'];
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

export function createAuthorizationUrl(config: FacebookConfig, state: string): URL {
  return createClient(config).createAuthorizationURL(state, SCOPES);
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
});

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
  url.searchParams.set('fields', 'id,name,picture.width(200).height(200)');
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
  return {
    ok: true,
    profile: {
      facebookId: parsed.data.id,
      name: parsed.data.name,
      pictureUrl: picture?.url && !picture.is_silhouette ? picture.url : null,
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
