import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { siteAdmins, users } from './schema.ts';

export type GrantResult = { status: 'granted' } | { status: 'already_admin' } | { status: 'no_such_user' };

export async function grantAdmin(db: Database, userId: string, now: Date): Promise<GrantResult> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) return { status: 'no_such_user' };
  const rows = await db
    .insert(siteAdmins)
    .values({ userId, grantedAt: now })
    .onConflictDoNothing()
    .returning({ userId: siteAdmins.userId });
  return rows.length > 0 ? { status: 'granted' } : { status: 'already_admin' };
}

export async function revokeAdmin(db: Database, userId: string): Promise<{ revoked: boolean }> {
  const rows = await db
    .delete(siteAdmins)
    .where(eq(siteAdmins.userId, userId))
    .returning({ userId: siteAdmins.userId });
  return { revoked: rows.length > 0 };
}

export async function listAdmins(db: Database): Promise<{ userId: string; name: string; grantedAt: Date }[]> {
  return db
    .select({ userId: siteAdmins.userId, name: users.name, grantedAt: siteAdmins.grantedAt })
    .from(siteAdmins)
    .innerJoin(users, eq(users.id, siteAdmins.userId))
    .orderBy(siteAdmins.grantedAt);
}

export async function isAdmin(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: siteAdmins.userId }).from(siteAdmins).where(eq(siteAdmins.userId, userId));
  return row !== undefined;
}
