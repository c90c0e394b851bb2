import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { ngoDirectory, ngoManagers, users } from './schema.ts';

export async function isManager(db: Database, ngoId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: ngoManagers.userId })
    .from(ngoManagers)
    .where(and(eq(ngoManagers.ngoId, ngoId), eq(ngoManagers.userId, userId)));
  return row !== undefined;
}

export async function listManagers(db: Database, ngoId: string) {
  return db
    .select({ userId: ngoManagers.userId, name: users.name, addedAt: ngoManagers.addedAt })
    .from(ngoManagers)
    .innerJoin(users, eq(users.id, ngoManagers.userId))
    .where(eq(ngoManagers.ngoId, ngoId))
    .orderBy(ngoManagers.addedAt, ngoManagers.userId);
}

/** The NGOs a user manages, with their names and pages (for /manage/ and My Jumo). */
export async function listManagedNgos(db: Database, userId: string) {
  return db
    .select({ id: ngoManagers.ngoId, name: ngoDirectory.name, slug: ngoDirectory.slug })
    .from(ngoManagers)
    .leftJoin(ngoDirectory, eq(ngoDirectory.id, ngoManagers.ngoId))
    .where(eq(ngoManagers.userId, userId))
    .orderBy(ngoManagers.addedAt);
}

export type AddManagerResult =
  { status: 'added' } | { status: 'already_manager' } | { status: 'no_such_user' } | { status: 'no_such_ngo' };

export async function addManager(
  db: Database,
  ngoId: string,
  userId: string,
  addedBy: string | null,
  now: Date,
): Promise<AddManagerResult> {
  // An admin passes canManage for any well-formed id: only directory NGOs can have managers.
  const [[ngo], [user]] = await db.batch([
    db.select({ id: ngoDirectory.id }).from(ngoDirectory).where(eq(ngoDirectory.id, ngoId)),
    db.select({ id: users.id }).from(users).where(eq(users.id, userId)),
  ]);
  if (!ngo) return { status: 'no_such_ngo' };
  if (!user) return { status: 'no_such_user' };
  const rows = await db
    .insert(ngoManagers)
    .values({ ngoId, userId, addedAt: now, addedBy })
    .onConflictDoNothing()
    .returning({ userId: ngoManagers.userId });
  return rows.length > 0 ? { status: 'added' } : { status: 'already_manager' };
}

export type RemoveManagerResult = { status: 'removed' } | { status: 'not_manager' } | { status: 'last_manager' };

/** Remove a manager, never the last one: the condition is inside the DELETE, so two removals cannot race past it. */
export async function removeManager(db: Database, ngoId: string, userId: string): Promise<RemoveManagerResult> {
  const rows = await db
    .delete(ngoManagers)
    .where(
      and(
        eq(ngoManagers.ngoId, ngoId),
        eq(ngoManagers.userId, userId),
        sql`(select count(*) from ${ngoManagers} where ${ngoManagers.ngoId} = ${ngoId}) > 1`,
      ),
    )
    .returning({ userId: ngoManagers.userId });
  if (rows.length > 0) return { status: 'removed' };
  return (await isManager(db, ngoId, userId)) ? { status: 'last_manager' } : { status: 'not_manager' };
}

export type ManagedNgo = { id: string; name: string };

/**
 * True while `userId` is not the only manager of any NGO. Raw SQL with aliases so it can sit
 * inside other statements' WHERE (db/users.ts guards account deletion with it).
 */
export function managesNoNgoAlone(userId: string): SQL {
  return sql`not exists (
    select 1 from ${ngoManagers} m where m.user_id = ${userId}
      and not exists (select 1 from ${ngoManagers} o where o.ngo_id = m.ngo_id and o.user_id <> m.user_id))`;
}

/** The NGOs `userId` is the only manager of, with their directory names (the id if absent). */
export async function listSolelyManagedNgos(db: Database, userId: string): Promise<ManagedNgo[]> {
  return db.all<ManagedNgo>(sql`
    select m.ngo_id as id, coalesce(d.name, m.ngo_id) as name
    from ${ngoManagers} m left join ${ngoDirectory} d on d.id = m.ngo_id
    where m.user_id = ${userId}
      and not exists (select 1 from ${ngoManagers} o where o.ngo_id = m.ngo_id and o.user_id <> m.user_id)
    order by m.added_at, m.ngo_id`);
}

export type ReleaseNgoResult =
  { status: 'released'; removed: number } | { status: 'not_manager' } | { status: 'other_managers' };

/**
 * Give a page back: every manager row of the NGO goes, so it shows as unclaimed and can be
 * claimed anew; its news and opportunities stay. A manager may do it only as the page's only
 * manager, a condition inside the DELETE so a colleague added meanwhile is never removed;
 * `asAdmin` releases it whoever manages it (an abandoned or disputed page).
 */
export async function releaseNgo(
  db: Database,
  ngoId: string,
  userId: string,
  asAdmin: boolean,
): Promise<ReleaseNgoResult> {
  const onlyManager = sql`exists (select 1 from ${ngoManagers} m where m.ngo_id = ${ngoId} and m.user_id = ${userId})
    and not exists (select 1 from ${ngoManagers} o where o.ngo_id = ${ngoId} and o.user_id <> ${userId})`;
  const rows = await db
    .delete(ngoManagers)
    .where(asAdmin ? eq(ngoManagers.ngoId, ngoId) : and(eq(ngoManagers.ngoId, ngoId), onlyManager))
    .returning({ userId: ngoManagers.userId });
  if (rows.length > 0 || asAdmin) return { status: 'released', removed: rows.length };
  return (await isManager(db, ngoId, userId)) ? { status: 'other_managers' } : { status: 'not_manager' };
}
