import { and, desc, eq, gt, gte, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { isCauseId } from '../model/causes.ts';
import { buildJoinedNgoRecord, type OrganisationFacts } from '../model/joined-ngo.ts';
import type { Ngo } from '../model/ngo.ts';
import { toDirectoryRow, toWebsiteHost } from './ngo-directory.ts';
import { ngoDirectory, ngoProposals, users } from './schema.ts';

/**
 * NGOs proposed through "Add your NGO" (table of migration 0011): creation, the work email's
 * confirmation, the admins' queue with duplicate checks, and the decision that puts an approved
 * one into ngo_directory with its proposer as manager.
 */

export type Proposal = typeof ngoProposals.$inferSelect;

export type NewProposal = OrganisationFacts & { role: string; workEmail: string };

/** Confirmation links for a proposal's work email work this long. */
export const PROPOSAL_TOKEN_TTL_SECONDS = 48 * 3600;

/** The id approval gives a proposal on a register: `<code>-<number>` (the number is stored normalised). */
export function toProposedNgoId(proposal: Pick<Proposal, 'register' | 'registrationNumber'>): string | null {
  return proposal.register && proposal.registrationNumber
    ? `${proposal.register}-${proposal.registrationNumber}`
    : null;
}

export type CreateProposalResult =
  | { status: 'created'; proposal: Proposal }
  | { status: 'already_listed'; ngoId: string }
  | { status: 'already_proposed'; proposal: Proposal };

/**
 * Store a pending proposal (its confirmation link comes after: setProposalToken). Refused when its register
 * id is already in the directory (the page exists: claim it) or when the same person already
 * has a pending proposal with that id or name (a double submit).
 */
export async function createProposal(
  db: Database,
  userId: string,
  input: NewProposal,
  now: Date,
): Promise<CreateProposalResult> {
  const ngoId = toProposedNgoId(input);
  if (ngoId) {
    const [listed] = await db.select({ id: ngoDirectory.id }).from(ngoDirectory).where(eq(ngoDirectory.id, ngoId));
    if (listed) return { status: 'already_listed', ngoId };
  }
  const sameOrganisation = [sql`lower(${ngoProposals.name}) = lower(${input.name})`];
  if (input.register && input.registrationNumber) {
    sameOrganisation.push(
      and(eq(ngoProposals.register, input.register), eq(ngoProposals.registrationNumber, input.registrationNumber))!,
    );
  }
  const [pending] = await db
    .select()
    .from(ngoProposals)
    .where(and(eq(ngoProposals.userId, userId), eq(ngoProposals.status, 'pending'), or(...sameOrganisation)));
  if (pending) return { status: 'already_proposed', proposal: pending };
  const [proposal] = await db
    .insert(ngoProposals)
    .values({
      id: generateSecureRandomString(),
      userId,
      name: input.name,
      country: input.country,
      city: input.city,
      register: input.register,
      registrationNumber: input.registrationNumber,
      website: input.website,
      websiteHost: toWebsiteHost(input.website ?? undefined),
      mission: input.mission,
      causes: input.causes.join(' '),
      role: input.role,
      workEmail: input.workEmail,
      status: 'pending',
      createdAt: now,
    })
    .returning();
  return { status: 'created', proposal: proposal! };
}

/** Proposals a person made since `since` (the daily limit). */
export async function countUserProposalsSince(db: Database, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(ngoProposals)
    .where(and(eq(ngoProposals.userId, userId), gte(ngoProposals.createdAt, since)));
  return Number(row?.n ?? 0);
}

/** `Name+Tag@Host` → `name@host`: one mailbox, however its address is tagged. */
export function toMailbox(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at).split('+')[0]}@${address.slice(at + 1)}`.toLowerCase();
}

/**
 * Take one of a mailbox's confirmation links for the hour: false when `limit` went to it in the
 * last hour, whoever asked (nobody can flood a stranger's mailbox). One statement, so two
 * requests at once cannot both take the last one.
 */
export async function claimProposalMail(db: Database, address: string, limit: number, now: Date): Promise<boolean> {
  const mailbox = toMailbox(address);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const hourAgo = nowSeconds - 3600;
  await db.run(sql`DELETE FROM proposal_mails WHERE sent_at <= ${hourAgo}`);
  const claimed = await db.run(sql`INSERT INTO proposal_mails (mailbox, sent_at) SELECT ${mailbox}, ${nowSeconds}
    WHERE (SELECT count(*) FROM proposal_mails WHERE mailbox = ${mailbox} AND sent_at > ${hourAgo}) < ${limit}`);
  return claimed.rowsAffected === 1;
}

/**
 * A new confirmation link for the proposer's own pending, unconfirmed proposal: the previous
 * link stops working. Null when there is no such proposal.
 */
export async function setProposalToken(
  db: Database,
  proposalId: string,
  userId: string,
  token: { hash: string; expiresAt: Date },
): Promise<Proposal | null> {
  const [row] = await db
    .update(ngoProposals)
    .set({ emailTokenHash: token.hash, emailTokenExpiresAt: token.expiresAt })
    .where(
      and(
        eq(ngoProposals.id, proposalId),
        eq(ngoProposals.userId, userId),
        eq(ngoProposals.status, 'pending'),
        isNull(ngoProposals.emailConfirmedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/** The mail server refused the message: the link never existed. */
export async function forgetProposalToken(db: Database, proposalId: string): Promise<void> {
  await db
    .update(ngoProposals)
    .set({ emailTokenHash: null, emailTokenExpiresAt: null })
    .where(eq(ngoProposals.id, proposalId));
}

export async function listUserProposals(db: Database, userId: string): Promise<Proposal[]> {
  return db
    .select()
    .from(ngoProposals)
    .where(eq(ngoProposals.userId, userId))
    .orderBy(desc(ngoProposals.createdAt), desc(ngoProposals.id))
    .limit(50);
}

export async function getProposal(db: Database, id: string): Promise<Proposal | null> {
  const [row] = await db.select().from(ngoProposals).where(eq(ngoProposals.id, id));
  return row ?? null;
}

/** Use a confirmation token once, before it expires: one UPDATE, so two clicks confirm once. */
export async function confirmProposalEmail(db: Database, tokenHash: string, now: Date): Promise<Proposal | null> {
  const [row] = await db
    .update(ngoProposals)
    .set({ emailConfirmedAt: now, emailTokenHash: null, emailTokenExpiresAt: null })
    .where(and(eq(ngoProposals.emailTokenHash, tokenHash), gt(ngoProposals.emailTokenExpiresAt, now)))
    .returning();
  return row ?? null;
}

export async function listProposalsForReview(db: Database, status: Proposal['status'], limit: number) {
  return (
    db
      .select({ proposal: ngoProposals, userName: users.name })
      .from(ngoProposals)
      .leftJoin(users, eq(users.id, ngoProposals.userId))
      .where(eq(ngoProposals.status, status))
      // The queue oldest first (first come, first served); decisions newest first.
      .orderBy(
        ...(status === 'pending'
          ? [ngoProposals.createdAt, ngoProposals.id]
          : [desc(ngoProposals.decidedAt), desc(ngoProposals.id)]),
      )
      .limit(limit)
  );
}

export type Duplicate = {
  kind: 'directory' | 'proposal';
  id: string;
  name: string;
  slug: string | null;
  matchedBy: ('name' | 'website' | 'number')[];
};

const DUPLICATES_PER_KIND = 10;

/**
 * Organisations that look like this proposal: directory NGOs and other pending proposals with
 * the same name (any case), website host or register id. Indexed lookups (migration 0011).
 */
export async function findDuplicates(db: Database, proposal: Proposal): Promise<Duplicate[]> {
  const ngoId = toProposedNgoId(proposal);
  const name = proposal.name.toLowerCase();
  const host = proposal.websiteHost;
  const directoryMatch = [sql`lower(${ngoDirectory.name}) = ${name}`];
  if (host) directoryMatch.push(eq(ngoDirectory.websiteHost, host));
  if (ngoId) directoryMatch.push(eq(ngoDirectory.id, ngoId));
  const proposalMatch = [sql`lower(${ngoProposals.name}) = ${name}`];
  if (host) proposalMatch.push(eq(ngoProposals.websiteHost, host));
  if (proposal.register && proposal.registrationNumber) {
    proposalMatch.push(
      and(
        eq(ngoProposals.register, proposal.register),
        eq(ngoProposals.registrationNumber, proposal.registrationNumber),
      )!,
    );
  }
  const [listed, proposed] = await db.batch([
    db
      .select()
      .from(ngoDirectory)
      .where(or(...directoryMatch))
      .orderBy(ngoDirectory.id)
      .limit(DUPLICATES_PER_KIND),
    db
      .select()
      .from(ngoProposals)
      .where(and(eq(ngoProposals.status, 'pending'), ne(ngoProposals.id, proposal.id), or(...proposalMatch)))
      .orderBy(ngoProposals.createdAt)
      .limit(DUPLICATES_PER_KIND),
  ]);
  const reasons = (other: { name: string; websiteHost: string | null }, sameNumber: boolean) => {
    const matchedBy: Duplicate['matchedBy'] = [];
    if (other.name.toLowerCase() === name) matchedBy.push('name');
    if (host && other.websiteHost === host) matchedBy.push('website');
    if (sameNumber) matchedBy.push('number');
    return matchedBy;
  };
  return [
    ...listed.map((n) => ({
      kind: 'directory' as const,
      id: n.id,
      name: n.name,
      slug: n.slug,
      matchedBy: reasons(n, n.id === ngoId),
    })),
    ...proposed.map((p) => ({
      kind: 'proposal' as const,
      id: p.id,
      name: p.name,
      slug: null,
      matchedBy: reasons(p, ngoId !== null && toProposedNgoId(p) === ngoId),
    })),
  ];
}

export type DecideProposalResult =
  | { status: 'decided'; proposal: Proposal }
  | { status: 'not_found' }
  | { status: 'already_decided'; proposal: Proposal }
  | { status: 'already_listed'; ngoId: string }
  | { status: 'slug_taken'; ngoId: string; slug: string };

/**
 * Approve: in one batch the proposal takes its NGO id, the NGO enters ngo_directory (so
 * follows, pledges and news work at once) and the proposer becomes its manager. Both inserts
 * copy from the proposal row only while it is approved with this very id, so when another
 * decision got there first (a double click, approve and reject at once) they insert nothing;
 * an id already in the directory fails the insert, which rolls the whole batch back.
 */
/**
 * The directory record (model/ngo.ts) of an approved proposal: what the export writes to
 * content/ngos/joined.jsonl and the public API serves. `ngoId` and `approvedAt` for a proposal
 * being approved, whose row does not say them yet.
 */
export function toJoinedNgoRecord(proposal: Proposal, approval?: { ngoId: string; approvedAt: Date }): Ngo {
  return buildJoinedNgoRecord({
    ngoId: approval?.ngoId ?? proposal.ngoId!,
    name: proposal.name,
    country: proposal.country,
    city: proposal.city,
    register: proposal.register,
    registrationNumber: proposal.registrationNumber,
    website: proposal.website,
    mission: proposal.mission,
    causes: proposal.causes.split(' ').filter(isCauseId),
    approvedAt: approval?.approvedAt ?? proposal.decidedAt ?? proposal.createdAt,
  });
}

export async function approveProposal(
  db: Database,
  proposalId: string,
  ngoId: string,
  adminId: string,
  now: Date,
): Promise<DecideProposalResult> {
  const current = await getProposal(db, proposalId);
  if (!current) return { status: 'not_found' };
  if (current.status !== 'pending') return { status: 'already_decided', proposal: current };
  // The page address comes with the record (model/joined-ngo.ts), as the export will write it.
  const row = toDirectoryRow(toJoinedNgoRecord(current, { ngoId, approvedAt: now }));
  const ngo = { id: ngoId, slug: row.slug };
  const [listed] = await db.select({ id: ngoDirectory.id }).from(ngoDirectory).where(eq(ngoDirectory.id, ngo.id));
  if (listed) return { status: 'already_listed', ngoId: ngo.id };
  // Joined slugs end with the whole id, so no register record should have one; an approval
  // never takes another NGO's address all the same (a scan, once per approval).
  const [taken] = await db.select({ id: ngoDirectory.id }).from(ngoDirectory).where(eq(ngoDirectory.slug, ngo.slug));
  if (taken) return { status: 'slug_taken', ngoId: taken.id, slug: ngo.slug };
  const approvedHere = sql`FROM ngo_proposals WHERE id = ${proposalId} AND status = 'approved' AND ngo_id = ${ngo.id}`;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    const [[proposal]] = await db.batch([
      db
        .update(ngoProposals)
        .set({ status: 'approved', ngoId: ngo.id, decidedAt: now, decidedBy: adminId })
        .where(and(eq(ngoProposals.id, proposalId), eq(ngoProposals.status, 'pending')))
        .returning(),
      db.run(sql`INSERT INTO ngo_directory (id, name, slug, website_host, country, causes, record, places, summary)
        SELECT ngo_id, name, ${ngo.slug}, website_host, country, ' ' || causes || ' ', ${row.record}, ${row.places},
          ${row.summary}
        ${approvedHere}`),
      db.run(sql`INSERT OR IGNORE INTO ngo_managers (ngo_id, user_id, added_at, added_by)
        SELECT ngo_id, user_id, ${nowSeconds}, ${adminId} ${approvedHere} AND user_id IS NOT NULL`),
    ]);
    if (proposal) return { status: 'decided', proposal };
  } catch (error) {
    // The id entered the directory since the check above (the same id approved at once).
    if (!/UNIQUE constraint failed: ngo_directory\.id/.test(String((error as Error)?.message ?? error))) throw error;
  }
  const after = (await getProposal(db, proposalId)) ?? current;
  return after.status === 'pending'
    ? { status: 'already_listed', ngoId: ngo.id }
    : { status: 'already_decided', proposal: after };
}

export async function rejectProposal(
  db: Database,
  proposalId: string,
  reason: string,
  adminId: string,
  now: Date,
): Promise<DecideProposalResult> {
  const current = await getProposal(db, proposalId);
  if (!current) return { status: 'not_found' };
  if (current.status !== 'pending') return { status: 'already_decided', proposal: current };
  const [proposal] = await db
    .update(ngoProposals)
    .set({ status: 'rejected', decisionReason: reason, decidedAt: now, decidedBy: adminId })
    .where(and(eq(ngoProposals.id, proposalId), eq(ngoProposals.status, 'pending')))
    .returning();
  return proposal ? { status: 'decided', proposal } : { status: 'already_decided', proposal: current };
}

/** Every approved proposal, by NGO id: what the export writes to content/ngos/joined.jsonl. */
export async function listApprovedProposals(db: Database): Promise<(Proposal & { ngoId: string })[]> {
  const rows = await db
    .select()
    .from(ngoProposals)
    .where(and(eq(ngoProposals.status, 'approved'), isNotNull(ngoProposals.ngoId)))
    .orderBy(ngoProposals.ngoId);
  return rows.filter((row): row is Proposal & { ngoId: string } => row.ngoId !== null);
}

/** The NGO ids the database is the source of (approved proposals): the directory sync leaves them be. */
export async function listJoinedNgoIds(db: Database): Promise<Set<string>> {
  const rows = await db
    .select({ ngoId: ngoProposals.ngoId })
    .from(ngoProposals)
    .where(and(eq(ngoProposals.status, 'approved'), isNotNull(ngoProposals.ngoId)));
  return new Set(rows.map((r) => r.ngoId).filter((id): id is string => id !== null));
}
