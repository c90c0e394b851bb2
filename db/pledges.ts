import { and, desc, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { toSqlSeconds, type Row } from './read-statements.ts';
import { pledges } from './schema.ts';
import { writeRows } from './write-statements.ts';

export type Pledge = typeof pledges.$inferSelect;
export type NewPledge = Pick<Pledge, 'ngoId' | 'amountMinor' | 'currency' | 'recurrence' | 'visibility' | 'note'>;

export type CreatePledgeResult =
  | { status: 'created'; pledge: Pledge }
  /** The same idempotency key was used before for the same pledge: a retry. */
  | { status: 'replayed'; pledge: Pledge }
  /** The key was used before for a different pledge. */
  | { status: 'conflict'; pledge: Pledge };

function isSamePledge(a: NewPledge, b: Pledge): boolean {
  return (
    a.ngoId === b.ngoId &&
    a.amountMinor === b.amountMinor &&
    a.currency === b.currency &&
    a.recurrence === b.recurrence &&
    a.visibility === b.visibility &&
    (a.note ?? null) === (b.note ?? null)
  );
}

/** The most frequent write with triggers: plain SQL on a statement prepared once (db/write-statements.ts). */
const INSERT_PLEDGE_SQL = `INSERT INTO pledges (id, user_id, ngo_id, amount_minor, currency, recurrence, visibility, note,
    status, idempotency_key, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
  ON CONFLICT (user_id, idempotency_key) DO NOTHING
  RETURNING id, user_id, ngo_id, amount_minor, currency, recurrence, visibility, note, status, idempotency_key,
    created_at, updated_at`;

function toPledge(row: Row): Pledge {
  const [id, userId, ngoId, amountMinor, currency, recurrence, visibility, note, status, key, created, updated] =
    row as [
      string,
      string,
      string,
      number,
      string,
      Pledge['recurrence'],
      Pledge['visibility'],
      string | null,
      Pledge['status'],
      string,
      number,
      number,
    ];
  return {
    id,
    userId,
    ngoId,
    amountMinor,
    currency,
    recurrence,
    visibility,
    note,
    status,
    idempotencyKey: key,
    createdAt: new Date(created * 1000),
    updatedAt: new Date(updated * 1000),
  };
}

/**
 * Record a pledge once per (user, idempotency key): the unique index decides, so two
 * concurrent retries cannot both insert; the loser reads the winner's row.
 */
export async function createPledge(
  db: Database,
  userId: string,
  input: NewPledge,
  idempotencyKey: string,
  now: Date,
): Promise<CreatePledgeResult> {
  const seconds = toSqlSeconds(now);
  const [inserted] = await writeRows(db, INSERT_PLEDGE_SQL, [
    generateSecureRandomString(),
    userId,
    input.ngoId,
    input.amountMinor,
    input.currency,
    input.recurrence,
    input.visibility,
    input.note ?? null,
    idempotencyKey,
    seconds,
    seconds,
  ]);
  if (inserted) return { status: 'created', pledge: toPledge(inserted) };
  const [existing] = await db
    .select()
    .from(pledges)
    .where(and(eq(pledges.userId, userId), eq(pledges.idempotencyKey, idempotencyKey)));
  if (!existing) throw new Error('pledge vanished between insert and read');
  return isSamePledge(input, existing)
    ? { status: 'replayed', pledge: existing }
    : { status: 'conflict', pledge: existing };
}

export async function listUserPledges(db: Database, userId: string, limit: number): Promise<Pledge[]> {
  return db
    .select()
    .from(pledges)
    .where(eq(pledges.userId, userId))
    .orderBy(desc(pledges.createdAt), desc(pledges.id))
    .limit(limit);
}

export type UpdatePledgeStatusResult =
  | { status: 'updated'; pledge: Pledge }
  | { status: 'unchanged'; pledge: Pledge }
  | { status: 'not_found' }
  /** Only an active pledge can be fulfilled or cancelled. */
  | { status: 'not_active'; pledge: Pledge };

export async function updatePledgeStatus(
  db: Database,
  userId: string,
  pledgeId: string,
  next: 'fulfilled' | 'cancelled',
  now: Date,
): Promise<UpdatePledgeStatusResult> {
  // Conditional update: only the owner's pledge, only from active, in one statement.
  const [updated] = await db
    .update(pledges)
    .set({ status: next, updatedAt: now })
    .where(and(eq(pledges.id, pledgeId), eq(pledges.userId, userId), eq(pledges.status, 'active')))
    .returning();
  if (updated) return { status: 'updated', pledge: updated };
  const [current] = await db
    .select()
    .from(pledges)
    .where(and(eq(pledges.id, pledgeId), eq(pledges.userId, userId)));
  if (!current) return { status: 'not_found' };
  return current.status === next ? { status: 'unchanged', pledge: current } : { status: 'not_active', pledge: current };
}
