import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { sessions, users, type Session, type User } from './schema.ts';

export async function insertSession(db: Database, session: Session): Promise<void> {
  await db.insert(sessions).values(session);
}

/** One indexed lookup per authenticated request: the session and its user together. */
export async function findSessionWithUser(
  db: Database,
  sessionId: string,
): Promise<{ session: Session; user: User } | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row ?? null;
}

export async function updateSessionLastVerified(db: Database, sessionId: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastVerifiedAt: at }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Database, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
