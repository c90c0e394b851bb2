import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { listSolelyManagedNgos, managesNoNgoAlone, type ManagedNgo } from './managers.ts';
import {
  causeFollows,
  contentReports,
  ngoClaims,
  ngoFollows,
  ngoManagers,
  ngoPosts,
  ngoProposals,
  pledges,
  sessions,
  siteAdmins,
  userFriends,
  users,
  volunteerOpportunities,
  volunteerSignups,
  type User,
} from './schema.ts';

export type ProviderProfile = {
  provider: User['provider'];
  providerUserId: string;
  name: string;
  pictureUrl: string | null;
};

/**
 * Create the account on first sign-in, refresh name and picture on later ones.
 * One statement (insert … on conflict … returning), so two simultaneous first
 * sign-ins of the same person cannot create two accounts.
 */
export async function upsertUser(db: Database, profile: ProviderProfile, now: Date): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({ id: generateSecureRandomString(), ...profile, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [users.provider, users.providerUserId],
      set: { name: profile.name, pictureUrl: profile.pictureUrl, updatedAt: now },
    })
    .returning();
  if (!user) throw new Error('upsert returned no row');
  return user;
}

export async function findUserByProvider(
  db: Database,
  provider: User['provider'],
  providerUserId: string,
): Promise<User | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.provider, provider), eq(users.providerUserId, providerUserId)))
    .limit(1);
  return user ?? null;
}

/**
 * The statements that delete an account and everything it owns, each limited by `guard` when
 * given. Explicit deletes rather than relying on ON DELETE CASCADE, so the outcome never
 * depends on the connection's foreign_keys pragma.
 */
function buildAccountDeletion(db: Database, userId: string, guard?: SQL) {
  const where = (condition: SQL | undefined) => (guard ? and(condition, guard) : condition);
  return [
    db.delete(ngoFollows).where(where(eq(ngoFollows.userId, userId))),
    db.delete(causeFollows).where(where(eq(causeFollows.userId, userId))),
    db.delete(pledges).where(where(eq(pledges.userId, userId))),
    db.delete(sessions).where(where(eq(sessions.userId, userId))),
    db.delete(userFriends).where(where(or(eq(userFriends.userId, userId), eq(userFriends.friendUserId, userId)))),
    // NGO engagement: their claims, manager roles, sign-ups and admin grant go; news and
    // opportunities they posted stay with the NGO, and their reports stay, both unattributed.
    db.delete(ngoClaims).where(where(eq(ngoClaims.userId, userId))),
    db.delete(ngoManagers).where(where(eq(ngoManagers.userId, userId))),
    db.delete(volunteerSignups).where(where(eq(volunteerSignups.userId, userId))),
    db.delete(siteAdmins).where(where(eq(siteAdmins.userId, userId))),
    db
      .update(ngoPosts)
      .set({ authorId: null })
      .where(where(eq(ngoPosts.authorId, userId))),
    db
      .update(volunteerOpportunities)
      .set({ authorId: null })
      .where(where(eq(volunteerOpportunities.authorId, userId))),
    db
      .update(contentReports)
      .set({ reporterId: null })
      .where(where(eq(contentReports.reporterId, userId))),
    // NGOs they proposed: pending and rejected proposals go; an approved one stays the source of
    // its NGO's page, without the proposer, their role or their work address.
    db.delete(ngoProposals).where(where(and(eq(ngoProposals.userId, userId), ne(ngoProposals.status, 'approved')))),
    db
      .update(ngoProposals)
      .set({ userId: null, role: '', workEmail: '', emailTokenHash: null, emailTokenExpiresAt: null })
      .where(where(eq(ngoProposals.userId, userId))),
    db
      .delete(users)
      .where(where(eq(users.id, userId)))
      .returning({ id: users.id }),
  ] as const;
}

/**
 * Delete an account and everything it owns in one atomic batch: follows (the counter
 * triggers fire), pledges, sessions, then the user. Unconditional: Facebook's data deletion
 * request must be honoured even for an NGO's only manager (the page is left unclaimed).
 */
export async function deleteUserAndData(db: Database, userId: string): Promise<{ deleted: boolean }> {
  const results = await db.batch(buildAccountDeletion(db, userId));
  return { deleted: results[14].length > 0 };
}

export type DeleteOwnAccountResult = { status: 'deleted' } | { status: 'last_manager'; ngos: ManagedNgo[] };

/**
 * Self-service deletion, refused while the person is the only manager of an NGO (they add a
 * manager or release the page first), as removing the last manager is. Every statement of the
 * batch carries that condition: the batch is one transaction, so either all run or none, and
 * two co-managers deleting their accounts at once cannot leave an NGO with nobody.
 */
export async function deleteOwnAccount(db: Database, userId: string): Promise<DeleteOwnAccountResult> {
  // A few rounds only matter when the managers change between the check and the batch.
  for (let attempt = 0; ; attempt++) {
    const ngos = await listSolelyManagedNgos(db, userId);
    if (ngos.length > 0 || attempt === 3) return { status: 'last_manager', ngos };
    const results = await db.batch(buildAccountDeletion(db, userId, managesNoNgoAlone(userId)));
    if (results[14].length > 0) return { status: 'deleted' };
    const [still] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!still) return { status: 'deleted' };
  }
}

/** How many rows of a user's data remain (tests and the deletion status use it). */
export async function countUserData(db: Database, userId: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`
    select (select count(*) from ${users} where ${users.id} = ${userId})
         + (select count(*) from ${sessions} where ${sessions.userId} = ${userId})
         + (select count(*) from ${ngoFollows} where ${ngoFollows.userId} = ${userId})
         + (select count(*) from ${causeFollows} where ${causeFollows.userId} = ${userId})
         + (select count(*) from ${pledges} where ${pledges.userId} = ${userId})
         + (select count(*) from ${userFriends}
            where ${userFriends.userId} = ${userId} or ${userFriends.friendUserId} = ${userId})
         + (select count(*) from ${ngoClaims} where ${ngoClaims.userId} = ${userId})
         + (select count(*) from ${ngoManagers} where ${ngoManagers.userId} = ${userId})
         + (select count(*) from ${volunteerSignups} where ${volunteerSignups.userId} = ${userId})
         + (select count(*) from ${siteAdmins} where ${siteAdmins.userId} = ${userId})
         + (select count(*) from ${ngoPosts} where ${ngoPosts.authorId} = ${userId})
         + (select count(*) from ${volunteerOpportunities} where ${volunteerOpportunities.authorId} = ${userId})
         + (select count(*) from ${contentReports} where ${contentReports.reporterId} = ${userId})
         + (select count(*) from ${ngoProposals} where ${ngoProposals.userId} = ${userId}) as n`);
  return Number(row?.n ?? 0);
}
