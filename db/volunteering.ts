import { and, desc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { ngoDirectory, users, volunteerOpportunities, volunteerSignups } from './schema.ts';

export type Opportunity = typeof volunteerOpportunities.$inferSelect;
export type OpportunityContent = Pick<
  Opportunity,
  'title' | 'description' | 'place' | 'remote' | 'commitment' | 'skills' | 'closesOn'
>;
export type Signup = typeof volunteerSignups.$inferSelect;

export async function createOpportunity(
  db: Database,
  ngoId: string,
  authorId: string,
  content: OpportunityContent,
  now: Date,
): Promise<Opportunity> {
  const [row] = await db
    .insert(volunteerOpportunities)
    .values({
      id: generateSecureRandomString(),
      ngoId,
      authorId,
      ...content,
      status: 'open',
      hidden: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function getOpportunity(db: Database, id: string): Promise<Opportunity | null> {
  const [row] = await db.select().from(volunteerOpportunities).where(eq(volunteerOpportunities.id, id));
  return row ?? null;
}

export type UpdateOpportunityResult =
  { status: 'updated'; opportunity: Opportunity } | { status: 'not_found' } | { status: 'needs_place' };

/**
 * Apply a partial change, never leaving a role with neither a place nor remote: the rule is
 * checked on the row as it will be (the change over the stored values) inside the UPDATE, so
 * `{ remote: false }` on a remote role without a place, or two edits racing, cannot slip past.
 */
export async function updateOpportunity(
  db: Database,
  id: string,
  change: Partial<OpportunityContent> & { status?: Opportunity['status'] },
  now: Date,
): Promise<UpdateOpportunityResult> {
  const remote = change.remote === undefined ? sql`${volunteerOpportunities.remote}` : sql`${change.remote ? 1 : 0}`;
  const place = change.place === undefined ? sql`${volunteerOpportunities.place}` : sql`${change.place}`;
  const [row] = await db
    .update(volunteerOpportunities)
    .set({ ...change, updatedAt: now })
    .where(and(eq(volunteerOpportunities.id, id), sql`(${remote} = 1 or coalesce(${place}, '') <> '')`))
    .returning();
  if (row) return { status: 'updated', opportunity: row };
  return (await getOpportunity(db, id)) ? { status: 'needs_place' } : { status: 'not_found' };
}

export async function setOpportunityHidden(db: Database, id: string, hidden: boolean, now: Date): Promise<boolean> {
  const rows = await db
    .update(volunteerOpportunities)
    .set({ hidden, updatedAt: now })
    .where(eq(volunteerOpportunities.id, id))
    .returning({ id: volunteerOpportunities.id });
  return rows.length > 0;
}

/** Open means: not closed, not hidden, and the closing date (if any) not past. */
function isOpen(today: string): SQL {
  return and(
    eq(volunteerOpportunities.status, 'open'),
    eq(volunteerOpportunities.hidden, false),
    or(isNull(volunteerOpportunities.closesOn), gte(volunteerOpportunities.closesOn, today)),
  )!;
}

export function toDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** One NGO's opportunities: open ones for everyone, every one (hidden excluded) for its managers. */
export async function listNgoOpportunities(db: Database, ngoId: string, now: Date, includeClosed: boolean) {
  return db
    .select()
    .from(volunteerOpportunities)
    .where(
      and(
        eq(volunteerOpportunities.ngoId, ngoId),
        includeClosed ? eq(volunteerOpportunities.hidden, false) : isOpen(toDay(now)),
      ),
    )
    .orderBy(desc(volunteerOpportunities.createdAt), desc(volunteerOpportunities.id))
    .limit(100);
}

export type OpportunityFilter = {
  cause?: string | undefined;
  country?: string | undefined;
  remote?: boolean | undefined;
  /** Keyset cursor: items strictly older than (createdAt, id). */
  before?: { createdAt: Date; id: string } | undefined;
};

/** Open opportunities across NGOs, filtered by the NGO's cause and country, newest first. */
export async function listOpenOpportunities(db: Database, filter: OpportunityFilter, now: Date, limit: number) {
  const conditions: SQL[] = [isOpen(toDay(now))];
  if (filter.cause) conditions.push(sql`instr(${ngoDirectory.causes}, ${` ${filter.cause} `}) > 0`);
  if (filter.country) conditions.push(eq(ngoDirectory.country, filter.country));
  if (filter.remote) conditions.push(eq(volunteerOpportunities.remote, true));
  if (filter.before) {
    const { createdAt, id } = filter.before;
    conditions.push(
      or(
        lt(volunteerOpportunities.createdAt, createdAt),
        and(eq(volunteerOpportunities.createdAt, createdAt), lt(volunteerOpportunities.id, id)),
      )!,
    );
  }
  return db
    .select({
      opportunity: volunteerOpportunities,
      ngoName: ngoDirectory.name,
      ngoSlug: ngoDirectory.slug,
      ngoCountry: ngoDirectory.country,
    })
    .from(volunteerOpportunities)
    .innerJoin(ngoDirectory, eq(ngoDirectory.id, volunteerOpportunities.ngoId))
    .where(and(...conditions))
    .orderBy(desc(volunteerOpportunities.createdAt), desc(volunteerOpportunities.id))
    .limit(limit);
}

export type SignUpResult = { status: 'created'; signup: Signup } | { status: 'already_signed_up'; signup: Signup };

export async function signUp(
  db: Database,
  opportunityId: string,
  userId: string,
  message: string | null,
  now: Date,
): Promise<SignUpResult> {
  const [created] = await db
    .insert(volunteerSignups)
    .values({ id: generateSecureRandomString(), opportunityId, userId, message, status: 'new', createdAt: now })
    .onConflictDoNothing({ target: [volunteerSignups.opportunityId, volunteerSignups.userId] })
    .returning();
  if (created) return { status: 'created', signup: created };
  const [existing] = await db
    .select()
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.opportunityId, opportunityId), eq(volunteerSignups.userId, userId)));
  return { status: 'already_signed_up', signup: existing! };
}

/** Sign-ups for the NGO's managers: who, their message, whether someone contacted them. */
export async function listSignups(db: Database, opportunityId: string) {
  return db
    .select({ signup: volunteerSignups, userName: users.name })
    .from(volunteerSignups)
    .innerJoin(users, eq(users.id, volunteerSignups.userId))
    .where(eq(volunteerSignups.opportunityId, opportunityId))
    .orderBy(volunteerSignups.createdAt)
    .limit(500);
}

export async function getSignup(db: Database, signupId: string) {
  const [row] = await db
    .select({ signup: volunteerSignups, ngoId: volunteerOpportunities.ngoId })
    .from(volunteerSignups)
    .innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerSignups.opportunityId))
    .where(eq(volunteerSignups.id, signupId));
  return row ?? null;
}

export async function setSignupStatus(
  db: Database,
  signupId: string,
  status: Signup['status'],
): Promise<Signup | null> {
  const [row] = await db.update(volunteerSignups).set({ status }).where(eq(volunteerSignups.id, signupId)).returning();
  return row ?? null;
}

export async function withdrawSignup(db: Database, signupId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(volunteerSignups)
    .where(and(eq(volunteerSignups.id, signupId), eq(volunteerSignups.userId, userId)))
    .returning({ id: volunteerSignups.id });
  return rows.length > 0;
}

/** A volunteer's own sign-ups with the opportunity and NGO (hidden opportunities left out). */
export async function listUserSignups(db: Database, userId: string) {
  return db
    .select({
      signup: volunteerSignups,
      opportunity: volunteerOpportunities,
      ngoName: ngoDirectory.name,
      ngoSlug: ngoDirectory.slug,
    })
    .from(volunteerSignups)
    .innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerSignups.opportunityId))
    .leftJoin(ngoDirectory, eq(ngoDirectory.id, volunteerOpportunities.ngoId))
    .where(and(eq(volunteerSignups.userId, userId), eq(volunteerOpportunities.hidden, false)))
    .orderBy(desc(volunteerSignups.createdAt))
    .limit(100);
}
