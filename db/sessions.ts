import { eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { sessions, users, type Session, type User } from './schema.ts';

export async function insertSession(db: Database, session: Session): Promise<void> {
  await db.insert(sessions).values(session);
}

function prepareFindSessionWithUser(db: Database) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .limit(1)
    .prepare();
}

/**
 * The hottest query (every authenticated request), so its SQL is built once per database
 * handle rather than per call. Keyed weakly by the handle: per-request handles on the Worker
 * are collected with their request; the Node entry's one handle keeps its statement.
 */
const findSessionStatements = new WeakMap<Database, ReturnType<typeof prepareFindSessionWithUser>>();

/** One indexed lookup per authenticated request: the session and its user together. */
export async function findSessionWithUser(
  db: Database,
  sessionId: string,
): Promise<{ session: Session; user: User } | null> {
  let statement = findSessionStatements.get(db);
  if (!statement) {
    statement = prepareFindSessionWithUser(db);
    findSessionStatements.set(db, statement);
  }
  return (await statement.get({ sessionId })) ?? null;
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
