import type { Database } from './client.ts';
import { toSqlSeconds } from './read-statements.ts';

/**
 * A person's email address, its confirmation tokens and preferences (tables of migration 0007).
 * Addresses are not unique across accounts: the confirmation proves the mailbox, and refusing
 * a second account's address would tell that account the first one exists.
 */

export type EmailSettings = {
  address: string | null;
  confirmedAt: Date | null;
  digest: 'weekly' | 'off';
  status: 'ok' | 'failing';
  instant: string[];
};

/** Confirmation links work this long. */
export const EMAIL_TOKEN_TTL_SECONDS = 48 * 3600;

const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value) * 1000));

export async function getEmailSettings(db: Database, userId: string): Promise<EmailSettings> {
  const [address, instant] = await db.$client.batch(
    [
      { sql: 'SELECT address, confirmed_at, digest, status FROM email_addresses WHERE user_id = ?', args: [userId] },
      { sql: 'SELECT ngo_id FROM ngo_instant_emails WHERE user_id = ? ORDER BY ngo_id', args: [userId] },
    ],
    'read',
  );
  const row = address!.rows[0];
  return {
    address: row ? String(row.address) : null,
    confirmedAt: row ? toDate(row.confirmed_at) : null,
    digest: row ? (row.digest as 'weekly' | 'off') : 'weekly',
    status: row ? (row.status as 'ok' | 'failing') : 'ok',
    instant: instant!.rows.map((r) => String(r.ngo_id)),
  };
}

/**
 * Store `address` for the user. The same address again (compared lower-cased) changes nothing
 * and reports `unchanged`, confirmed or not; a new one starts unconfirmed and clears a failing
 * status. Tokens sent to the old address stay (they count against the hourly limit) but no
 * longer confirm anything: a token confirms only the address it was sent to, if still current.
 */
export async function setEmailAddress(
  db: Database,
  userId: string,
  address: string,
  now: Date,
): Promise<'unchanged' | 'changed'> {
  const current = await db.$client.execute({
    sql: 'SELECT address FROM email_addresses WHERE user_id = ?',
    args: [userId],
  });
  const existing = current.rows[0]?.address;
  if (typeof existing === 'string' && existing.toLowerCase() === address.toLowerCase()) return 'unchanged';
  await db.$client.batch(
    [
      {
        sql: `INSERT INTO email_addresses (user_id, address, confirmed_at, digest, status, hard_bounces, digest_cursor_at, created_at, updated_at)
          VALUES (?1, ?2, NULL, 'weekly', 'ok', 0, NULL, ?3, ?3)
          ON CONFLICT (user_id) DO UPDATE SET address = ?2, confirmed_at = NULL, status = 'ok', hard_bounces = 0,
            digest_cursor_at = NULL, updated_at = ?3`,
        args: [userId, address, toSqlSeconds(now)],
      },
    ],
    'write',
  );
  return 'changed';
}

/**
 * An address Facebook gave at sign-in, stored unconfirmed (nothing is sent to it until the person
 * asks for the link in My Jumo), and only when the person has no address here: never replaces one.
 */
export async function prefillEmailAddress(db: Database, userId: string, address: string, now: Date): Promise<void> {
  await db.$client.execute({
    sql: `INSERT INTO email_addresses (user_id, address, confirmed_at, digest, status, hard_bounces, digest_cursor_at, created_at, updated_at)
      VALUES (?1, ?2, NULL, 'weekly', 'ok', 0, NULL, ?3, ?3)
      ON CONFLICT (user_id) DO NOTHING`,
    args: [userId, address, toSqlSeconds(now)],
  });
}

/** Whether the user's address is confirmed (the same address re-entered sends no new link then). */
export async function isEmailConfirmed(db: Database, userId: string): Promise<boolean> {
  const result = await db.$client.execute({
    sql: 'SELECT confirmed_at IS NOT NULL AS c FROM email_addresses WHERE user_id = ?',
    args: [userId],
  });
  return Number(result.rows[0]?.c ?? 0) === 1;
}

/** Confirmation tokens issued since `since`, for one user or one address (any account's). */
export async function countEmailTokensSince(
  db: Database,
  by: { userId: string } | { address: string },
  since: Date,
): Promise<number> {
  const result =
    'userId' in by
      ? await db.$client.execute({
          sql: 'SELECT count(*) AS n FROM email_tokens WHERE user_id = ? AND created_at >= ?',
          args: [by.userId, toSqlSeconds(since)],
        })
      : await db.$client.execute({
          sql: 'SELECT count(*) AS n FROM email_tokens WHERE lower(address) = lower(?) AND created_at >= ?',
          args: [by.address, toSqlSeconds(since)],
        });
  return Number(result.rows[0]?.n ?? 0);
}

export async function insertEmailToken(
  db: Database,
  token: { tokenHash: string; userId: string; address: string; now: Date },
): Promise<void> {
  await db.$client.execute({
    sql: 'INSERT INTO email_tokens (token_hash, user_id, address, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)',
    args: [
      token.tokenHash,
      token.userId,
      token.address,
      toSqlSeconds(token.now),
      toSqlSeconds(token.now) + EMAIL_TOKEN_TTL_SECONDS,
    ],
  });
}

/** Removes a token that was never sent (the mail server refused it). */
export async function deleteEmailToken(db: Database, tokenHash: string): Promise<void> {
  await db.$client.execute({ sql: 'DELETE FROM email_tokens WHERE token_hash = ?', args: [tokenHash] });
}

/**
 * Use a token: one UPDATE marks it used only if it is unused, unexpired and still for the
 * user's current address, so two clicks racing each other confirm once. The digest starts
 * from now: a first digest never lists the past.
 */
export async function confirmEmailToken(
  db: Database,
  tokenHash: string,
  now: Date,
): Promise<{ ok: true; userId: string; address: string } | { ok: false }> {
  const used = await db.$client.execute({
    sql: `UPDATE email_tokens SET used_at = ?2
      WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
        AND EXISTS (SELECT 1 FROM email_addresses a WHERE a.user_id = email_tokens.user_id AND a.address = email_tokens.address)
      RETURNING user_id, address`,
    args: [tokenHash, toSqlSeconds(now)],
  });
  const row = used.rows[0];
  if (!row) return { ok: false };
  const userId = String(row.user_id);
  await db.$client.execute({
    sql: `UPDATE email_addresses SET confirmed_at = coalesce(confirmed_at, ?2), digest_cursor_at = coalesce(digest_cursor_at, ?2),
      status = 'ok', hard_bounces = 0, updated_at = ?2 WHERE user_id = ?1`,
    args: [userId, toSqlSeconds(now)],
  });
  return { ok: true, userId, address: String(row.address) };
}

/** False when the user has no address. */
export async function setDigestFrequency(
  db: Database,
  userId: string,
  digest: 'weekly' | 'off',
  now: Date,
): Promise<boolean> {
  const result = await db.$client.execute({
    sql: 'UPDATE email_addresses SET digest = ?, updated_at = ? WHERE user_id = ?',
    args: [digest, toSqlSeconds(now), userId],
  });
  return result.rowsAffected > 0;
}

/** The address, its tokens and its pending messages go; instant choices stay for a next address. */
export async function deleteEmailAddress(db: Database, userId: string): Promise<void> {
  await db.$client.batch(
    [
      { sql: 'DELETE FROM email_addresses WHERE user_id = ?', args: [userId] },
      { sql: 'DELETE FROM email_tokens WHERE user_id = ?', args: [userId] },
      { sql: "DELETE FROM email_sends WHERE user_id = ? AND status = 'pending'", args: [userId] },
    ],
    'write',
  );
}

export async function setInstantEmail(db: Database, userId: string, ngoId: string, on: boolean, now: Date) {
  await db.$client.execute(
    on
      ? {
          sql: 'INSERT INTO ngo_instant_emails (user_id, ngo_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          args: [userId, ngoId, toSqlSeconds(now)],
        }
      : { sql: 'DELETE FROM ngo_instant_emails WHERE user_id = ? AND ngo_id = ?', args: [userId, ngoId] },
  );
}

/** One-click unsubscribe: the digest off and every instant choice dropped, at once. */
export async function unsubscribeFromEmail(db: Database, userId: string, now: Date): Promise<void> {
  await db.$client.batch(
    [
      {
        sql: "UPDATE email_addresses SET digest = 'off', updated_at = ? WHERE user_id = ?",
        args: [toSqlSeconds(now), userId],
      },
      { sql: 'DELETE FROM ngo_instant_emails WHERE user_id = ?', args: [userId] },
      {
        sql: "DELETE FROM email_sends WHERE user_id = ? AND status = 'pending' AND kind IN ('digest', 'instant')",
        args: [userId],
      },
    ],
    'write',
  );
}

/** For /api/me/export. */
export async function exportEmailData(db: Database, userId: string) {
  const settings = await getEmailSettings(db, userId);
  const sends = await db.$client.execute({
    sql: 'SELECT kind, ref, status, sent_at, created_at FROM email_sends WHERE user_id = ? ORDER BY created_at',
    args: [userId],
  });
  return {
    address: settings.address,
    confirmedAt: settings.confirmedAt?.toISOString() ?? null,
    digest: settings.digest,
    status: settings.status,
    instantNgoIds: settings.instant,
    messages: sends.rows.map((r) => ({
      kind: String(r.kind),
      ref: String(r.ref),
      status: String(r.status),
      sentAt: toDate(r.sent_at)?.toISOString() ?? null,
    })),
  };
}
