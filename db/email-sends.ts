import type { Database } from './client.ts';
import { toSqlSeconds } from './read-statements.ts';

/**
 * The outbox: one email_sends row per message that must go out at most once, keyed by
 * (kind, user, ref). Whoever inserts or updates a row into "pending, not before now + lease"
 * owns it for the lease: SQLite runs each statement alone, so two overlapping runs can never
 * both claim a row, and a process that dies mid-send leaves a row that becomes due again.
 */

/** How long a claim lasts before another run may take the row over (a crashed sender). */
export const SEND_LEASE_SECONDS = 600;
/** Transient failures are retried this many times in all, with exponential backoff. */
export const MAX_SEND_ATTEMPTS = 5;
/** Hard bounces (5xx) in a row after which the address is marked failing. */
export const HARD_BOUNCE_LIMIT = 3;
/** First retry after 5 minutes, then 10, 20, 40. */
export const RETRY_BASE_SECONDS = 300;

export type SendKind = 'digest' | 'instant';
export type ClaimedSend = { id: string; kind: SendKind; userId: string; ref: string; attempts: number };

/** ISO 8601 week of `date` in UTC, `2027-W11`: the digest's idempotency key. */
export function formatIsoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const DIGEST_WANTED = "digest = 'weekly' AND status = 'ok' AND confirmed_at IS NOT NULL";

/** The last user id of the next page of digest subscribers after `afterUserId`, or null at the end. */
export async function findDigestPageEnd(db: Database, afterUserId: string, limit: number): Promise<string | null> {
  const page = await db.$client.execute({
    sql: `SELECT max(user_id) AS last FROM (SELECT user_id FROM email_addresses WHERE ${DIGEST_WANTED} AND user_id > ?
      ORDER BY user_id LIMIT ?)`,
    args: [afterUserId, limit],
  });
  const last = page.rows[0]?.last;
  return typeof last === 'string' ? last : null;
}

/**
 * Claim `week`'s digest for the subscribers with ids in (afterUserId, lastUserId], in one
 * statement: a subscriber whose digest for the week another run claimed or sent is skipped.
 */
export async function claimDigestRange(
  db: Database,
  options: { week: string; afterUserId: string; lastUserId: string; now: Date },
): Promise<ClaimedSend[]> {
  const now = toSqlSeconds(options.now);
  const inserted = await db.$client.execute({
    sql: `INSERT INTO email_sends (id, kind, user_id, ref, status, attempts, next_attempt_at, created_at)
      SELECT lower(hex(randomblob(12))), 'digest', user_id, ?1, 'pending', 0, ?2, ?3 FROM email_addresses
      WHERE ${DIGEST_WANTED} AND user_id > ?4 AND user_id <= ?5
      ON CONFLICT (kind, user_id, ref) DO NOTHING
      RETURNING id, user_id`,
    args: [options.week, now + SEND_LEASE_SECONDS, now, options.afterUserId, options.lastUserId],
  });
  return inserted.rows.map((r) => ({
    id: String(r.id),
    kind: 'digest',
    userId: String(r.user_id),
    ref: options.week,
    attempts: 0,
  }));
}

/** Pending messages whose time has come (retries, instant emails), claimed for this run. */
export async function claimDueSends(db: Database, options: { now: Date; limit: number }): Promise<ClaimedSend[]> {
  const now = toSqlSeconds(options.now);
  const claimed = await db.$client.execute({
    sql: `UPDATE email_sends SET next_attempt_at = ?1
      WHERE id IN (SELECT id FROM email_sends WHERE status = 'pending' AND next_attempt_at <= ?2
        AND kind IN ('digest', 'instant') ORDER BY next_attempt_at LIMIT ?3)
      RETURNING id, kind, user_id, ref, attempts`,
    args: [now + SEND_LEASE_SECONDS, now, options.limit],
  });
  return claimed.rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as SendKind,
    userId: String(r.user_id),
    ref: String(r.ref),
    attempts: Number(r.attempts),
  }));
}

/**
 * One instant email per person who asked for this NGO's news by email and has a confirmed,
 * working address; the unique key makes a repeated call (a retried request) add nothing.
 * Called where news, a volunteer call or an impact report is created; the sender loop sends.
 */
export async function enqueueInstantEmails(
  db: Database,
  item: { ngoId: string; kind: 'post' | 'opportunity' | 'report'; itemId: string; now: Date },
): Promise<number> {
  const result = await db.$client.execute({
    sql: `INSERT INTO email_sends (id, kind, user_id, ref, status, attempts, next_attempt_at, created_at)
      SELECT lower(hex(randomblob(12))), 'instant', i.user_id, ?2, 'pending', 0, ?3, ?3
      FROM ngo_instant_emails AS i JOIN email_addresses AS a ON a.user_id = i.user_id
      WHERE i.ngo_id = ?1 AND a.confirmed_at IS NOT NULL AND a.status = 'ok'
      ON CONFLICT (kind, user_id, ref) DO NOTHING`,
    args: [item.ngoId, `${item.kind}:${item.itemId}`, toSqlSeconds(item.now)],
  });
  return result.rowsAffected;
}

export type Recipient = {
  address: string;
  digest: 'weekly' | 'off';
  /** Items after this go into the next digest. */
  cursorAt: Date;
};

/**
 * The addresses mail may go to (confirmed and not failing) among these users, in one read:
 * a page of digests costs one query here, not one per person.
 */
export async function getRecipients(db: Database, userIds: string[]): Promise<Map<string, Recipient>> {
  const recipients = new Map<string, Recipient>();
  if (userIds.length === 0) return recipients;
  const result = await db.$client.execute({
    sql: `SELECT user_id, address, digest, coalesce(digest_cursor_at, confirmed_at) AS cursor_at FROM email_addresses
      WHERE user_id IN (SELECT value FROM json_each(?)) AND confirmed_at IS NOT NULL AND status = 'ok'`,
    args: [JSON.stringify(userIds)],
  });
  for (const row of result.rows) {
    recipients.set(String(row.user_id), {
      address: String(row.address),
      digest: row.digest as 'weekly' | 'off',
      cursorAt: new Date(Number(row.cursor_at) * 1000),
    });
  }
  return recipients;
}

/** What became of one claimed message. */
export type SendResult =
  /** Sent: for a digest, the next one starts after `digestCursorAt` (the moment its items were read). */
  | { send: ClaimedSend; result: 'sent'; digestCursorAt?: Date }
  /** Nothing to send after all (no news this week, digest turned off): the claim is let go. */
  | { send: ClaimedSend; result: 'released' }
  /** Given up without sending (the item was removed, the address is gone). */
  | { send: ClaimedSend; result: 'abandoned'; reason: string }
  /**
   * A failed attempt. A hard bounce fails the message at once and counts against the address
   * (failing after HARD_BOUNCE_LIMIT in a row); anything else is retried with backoff until
   * MAX_SEND_ATTEMPTS.
   */
  | { send: ClaimedSend; result: 'failed'; permanent: boolean; error: string };

type Statement = { sql: string; args: (string | number)[] };

function toFailureStatements(outcome: Extract<SendResult, { result: 'failed' }>, now: number): Statement[] {
  const { send } = outcome;
  const attempts = send.attempts + 1;
  if (outcome.permanent) {
    return [
      {
        sql: "UPDATE email_sends SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
        args: [attempts, outcome.error, send.id],
      },
      {
        sql: `UPDATE email_addresses SET hard_bounces = hard_bounces + 1,
          status = CASE WHEN hard_bounces + 1 >= ? THEN 'failing' ELSE status END, updated_at = ? WHERE user_id = ?`,
        args: [HARD_BOUNCE_LIMIT, now, send.userId],
      },
    ];
  }
  const giveUp = attempts >= MAX_SEND_ATTEMPTS;
  return [
    {
      sql: 'UPDATE email_sends SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?',
      args: [
        giveUp ? 'failed' : 'pending',
        attempts,
        outcome.error,
        now + RETRY_BASE_SECONDS * 2 ** (attempts - 1),
        send.id,
      ],
    },
  ];
}

/**
 * Record what became of a page of messages in one write transaction of a few statements:
 * the sent and the released go by lists of ids (json_each), so a page of 200 costs a handful of
 * statements, one commit and one turn at the write lock (which an overlapping run also wants).
 * One statement per message cost the sender ~5 KB of native memory each (the driver prepares
 * every statement anew): 450 MB RSS over a 65,000-subscriber run.
 */
export async function recordSendResults(db: Database, outcomes: SendResult[], now: Date): Promise<void> {
  if (outcomes.length === 0) return;
  const at = toSqlSeconds(now);
  const sentIds: string[] = [];
  const released: string[] = [];
  const instantUsers: string[] = [];
  const digestUsersByCursor = new Map<number, string[]>();
  const statements: Statement[] = [];
  for (const outcome of outcomes) {
    const { send } = outcome;
    if (outcome.result === 'sent') {
      sentIds.push(send.id);
      if (outcome.digestCursorAt) {
        const cursor = toSqlSeconds(outcome.digestCursorAt);
        digestUsersByCursor.set(cursor, [...(digestUsersByCursor.get(cursor) ?? []), send.userId]);
      } else instantUsers.push(send.userId);
    } else if (outcome.result === 'released') released.push(send.id);
    else if (outcome.result === 'abandoned') {
      statements.push({
        sql: "UPDATE email_sends SET status = 'failed', last_error = ? WHERE id = ?",
        args: [outcome.reason, send.id],
      });
    } else statements.push(...toFailureStatements(outcome, at));
  }
  const inList = 'IN (SELECT value FROM json_each(?))';
  if (sentIds.length > 0) {
    statements.push({
      sql: `UPDATE email_sends SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id ${inList}`,
      args: [at, JSON.stringify(sentIds)],
    });
  }
  for (const [cursor, userIds] of digestUsersByCursor) {
    statements.push({
      sql: `UPDATE email_addresses SET hard_bounces = 0, digest_cursor_at = ? WHERE user_id ${inList}`,
      args: [cursor, JSON.stringify(userIds)],
    });
  }
  if (instantUsers.length > 0) {
    statements.push({
      sql: `UPDATE email_addresses SET hard_bounces = 0 WHERE user_id ${inList}`,
      args: [JSON.stringify(instantUsers)],
    });
  }
  if (released.length > 0) {
    statements.push({ sql: `DELETE FROM email_sends WHERE id ${inList}`, args: [JSON.stringify(released)] });
  }
  await db.$client.batch(statements, 'write');
}
