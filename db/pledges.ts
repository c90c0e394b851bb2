import { and, desc, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { pledges } from './schema.ts';

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
  const [inserted] = await db
    .insert(pledges)
    .values({
      id: generateSecureRandomString(),
      userId,
      ...input,
      note: input.note ?? null,
      status: 'active',
      idempotencyKey,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [pledges.userId, pledges.idempotencyKey] })
    .returning();
  if (inserted) return { status: 'created', pledge: inserted };
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
