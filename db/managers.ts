import { and, eq, sql } from 'drizzle-orm';
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

export type AddManagerResult = { status: 'added' } | { status: 'already_manager' } | { status: 'no_such_user' };

export async function addManager(
  db: Database,
  ngoId: string,
  userId: string,
  addedBy: string | null,
  now: Date,
): Promise<AddManagerResult> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
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
