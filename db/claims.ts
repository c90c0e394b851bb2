import { and, desc, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { ngoClaims, ngoDirectory, ngoManagers, users } from './schema.ts';

export type Claim = typeof ngoClaims.$inferSelect;
export type NewClaim = { ngoId: string; role: string; workEmail: string; note: string | null };

export type CreateClaimResult = { status: 'created'; claim: Claim } | { status: 'already_pending'; claim: Claim };

/** One pending claim per user and NGO: asking again returns the open request. */
export async function createClaim(
  db: Database,
  userId: string,
  input: NewClaim,
  now: Date,
): Promise<CreateClaimResult> {
  const [pending] = await db
    .select()
    .from(ngoClaims)
    .where(and(eq(ngoClaims.userId, userId), eq(ngoClaims.ngoId, input.ngoId), eq(ngoClaims.status, 'pending')));
  if (pending) return { status: 'already_pending', claim: pending };
  const [claim] = await db
    .insert(ngoClaims)
    .values({ id: generateSecureRandomString(), userId, ...input, status: 'pending', createdAt: now })
    .returning();
  return { status: 'created', claim: claim! };
}

export async function listUserClaims(db: Database, userId: string): Promise<Claim[]> {
  return db.select().from(ngoClaims).where(eq(ngoClaims.userId, userId)).orderBy(desc(ngoClaims.createdAt)).limit(50);
}

/** Claims for the admin queue, with the claimant and the NGO's website host for the email check. */
export async function listClaimsForReview(db: Database, status: Claim['status'], limit: number) {
  return db
    .select({
      claim: ngoClaims,
      userName: users.name,
      ngoName: ngoDirectory.name,
      ngoSlug: ngoDirectory.slug,
      websiteHost: ngoDirectory.websiteHost,
    })
    .from(ngoClaims)
    .innerJoin(users, eq(users.id, ngoClaims.userId))
    .leftJoin(ngoDirectory, eq(ngoDirectory.id, ngoClaims.ngoId))
    .where(eq(ngoClaims.status, status))
    .orderBy(ngoClaims.createdAt)
    .limit(limit);
}

export type DecideClaimResult =
  { status: 'decided'; claim: Claim } | { status: 'not_found' } | { status: 'already_decided'; claim: Claim };

/** Approve (the claimant becomes a manager, in the same batch) or reject a pending claim. */
export async function decideClaim(
  db: Database,
  claimId: string,
  decision: 'approved' | 'rejected',
  adminId: string,
  now: Date,
): Promise<DecideClaimResult> {
  const [current] = await db.select().from(ngoClaims).where(eq(ngoClaims.id, claimId));
  if (!current) return { status: 'not_found' };
  if (current.status !== 'pending') return { status: 'already_decided', claim: current };
  const update = db
    .update(ngoClaims)
    .set({ status: decision, decidedAt: now, decidedBy: adminId })
    .where(and(eq(ngoClaims.id, claimId), eq(ngoClaims.status, 'pending')))
    .returning();
  if (decision === 'rejected') {
    const [claim] = await update;
    return claim ? { status: 'decided', claim } : { status: 'already_decided', claim: current };
  }
  const [[claim]] = await db.batch([
    update,
    db
      .insert(ngoManagers)
      .values({ ngoId: current.ngoId, userId: current.userId, addedAt: now, addedBy: adminId })
      .onConflictDoNothing(),
  ]);
  return claim ? { status: 'decided', claim } : { status: 'already_decided', claim: current };
}

/** Whether a work email's domain is the NGO's website host or a subdomain of it. */
export function emailMatchesHost(email: string, host: string | null): boolean {
  if (!host) return false;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  // mail.example.org belongs to example.org; example.org.evil.com does not.
  return domain === host || domain.endsWith(`.${host}`);
}
