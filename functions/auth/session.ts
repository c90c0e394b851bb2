import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../../db/client.ts';
import { generateSecureRandomString } from '../../db/ids.ts';
import type { Session, User } from '../../db/schema.ts';
import type { SessionCache } from './session-cache.ts';
import { deleteSession, findSessionWithUser, insertSession, updateSessionLastVerified } from '../../db/sessions.ts';
import { ITEM_ID_PATTERN } from '../../model/ids.ts';

/**
 * Sessions after the Lucia guide (lucia-auth.com, "Basic session implementation" and
 * "Inactivity timeout"): the token is `<id>.<secret>`, the database keeps only SHA-256(secret),
 * and the secret is compared in constant time. A separate id means the lookup itself leaks
 * nothing useful through timing.
 */

export type SessionPolicy = {
  /** A session unused for this long is dead. */
  inactivityTimeoutSeconds: number;
  /** lastVerifiedAt is written at most this often, so reads do not turn into writes. */
  activityCheckIntervalSeconds: number;
};

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  inactivityTimeoutSeconds: 60 * 60 * 24 * 30,
  activityCheckIntervalSeconds: 60 * 60,
};

export type PublicUser = { id: string; name: string; pictureUrl: string | null; provider: User['provider'] };

export type ValidateSessionResult =
  { status: 'valid'; session: Session; user: User; renewed: boolean } | { status: 'invalid' };

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Session rows store seconds; comparing whole seconds keeps Date math and the database in step. */
function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export async function createSession(
  db: Database,
  userId: string,
  now: Date,
): Promise<{ token: string; session: Session }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const at = new Date(toSeconds(now) * 1000);
  const session: Session = {
    id,
    secretHash: encodeHexLowerCase(hashSecret(secret)),
    userId,
    createdAt: at,
    lastVerifiedAt: at,
  };
  await insertSession(db, session);
  return { token: `${id}.${secret}`, session };
}

/**
 * Check a cookie token. Expired sessions are deleted on sight; a live one is renewed (its
 * lastVerifiedAt moved to now) once per activity interval, and `renewed` tells the caller
 * to send the cookie again with a fresh Max-Age: the sliding half of the inactivity timeout.
 */
export async function validateSessionToken(
  db: Database,
  token: string,
  now: Date,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  cache: SessionCache | null = null,
): Promise<ValidateSessionResult> {
  const parts = token.split('.');
  if (parts.length !== 2) return { status: 'invalid' };
  const [id, secret] = parts as [string, string];
  if (!ITEM_ID_PATTERN.test(id) || !ITEM_ID_PATTERN.test(secret)) return { status: 'invalid' };

  const cached = cache?.get(id, now.getTime());
  const found = cached ?? (await findSessionWithUser(db, id));
  if (!found) return { status: 'invalid' };
  const { session, user } = found;

  let storedHash: Uint8Array;
  try {
    storedHash = decodeHex(session.secretHash);
  } catch {
    return { status: 'invalid' };
  }
  if (!constantTimeEqual(hashSecret(secret), storedHash)) return { status: 'invalid' };

  const idleSeconds = toSeconds(now) - toSeconds(session.lastVerifiedAt);
  if (idleSeconds >= policy.inactivityTimeoutSeconds) {
    cache?.delete(session.id);
    await deleteSession(db, session.id);
    return { status: 'invalid' };
  }
  if (idleSeconds >= policy.activityCheckIntervalSeconds) {
    const at = new Date(toSeconds(now) * 1000);
    await updateSessionLastVerified(db, session.id, at);
    const renewed = { ...session, lastVerifiedAt: at };
    cache?.set(session.id, { session: renewed, user }, now.getTime());
    return { status: 'valid', session: renewed, user, renewed: true };
  }
  if (!cached) cache?.set(session.id, found, now.getTime());
  return { status: 'valid', session, user, renewed: false };
}

export async function invalidateSession(
  db: Database,
  sessionId: string,
  cache: SessionCache | null = null,
): Promise<void> {
  cache?.delete(sessionId);
  await deleteSession(db, sessionId);
}

/** What the API shows of a user: never the provider's id. */
export function toPublicUser(user: User): PublicUser {
  return { id: user.id, name: user.name, pictureUrl: user.pictureUrl, provider: user.provider };
}
