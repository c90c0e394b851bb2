import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { ngoProfileRevisions, ngoProfiles, users } from './schema.ts';

export type NgoProfileRow = typeof ngoProfiles.$inferSelect;
export type ProfileRevision = typeof ngoProfileRevisions.$inferSelect & { authorName: string | null };

export type NgoProfileWithAuthor = NgoProfileRow & { updatedByName: string | null };

export async function getNgoProfile(db: Database, ngoId: string): Promise<NgoProfileWithAuthor | null> {
  const [row] = await db
    .select({
      ngoId: ngoProfiles.ngoId,
      data: ngoProfiles.data,
      updatedAt: ngoProfiles.updatedAt,
      updatedBy: ngoProfiles.updatedBy,
      updatedByName: users.name,
    })
    .from(ngoProfiles)
    .leftJoin(users, eq(users.id, ngoProfiles.updatedBy))
    .where(eq(ngoProfiles.ngoId, ngoId));
  return row ?? null;
}

export type ProfileChange = {
  ngoId: string;
  /** The whole profile as JSON (the model's profile data shape). */
  data: string;
  authorId: string;
  action: 'edit' | 'revert';
  /** For a revert: the revision restored. */
  revertedTo?: string;
};

/** Replace the current profile and keep the change in its history, in one write. */
export async function saveNgoProfile(db: Database, change: ProfileChange, now: Date): Promise<NgoProfileRow> {
  const [[row]] = await db.batch([
    db
      .insert(ngoProfiles)
      .values({ ngoId: change.ngoId, data: change.data, updatedAt: now, updatedBy: change.authorId })
      .onConflictDoUpdate({
        target: ngoProfiles.ngoId,
        set: { data: change.data, updatedAt: now, updatedBy: change.authorId },
      })
      .returning(),
    db.insert(ngoProfileRevisions).values({
      id: generateSecureRandomString(),
      ngoId: change.ngoId,
      data: change.data,
      action: change.action,
      revertedTo: change.revertedTo ?? null,
      authorId: change.authorId,
      createdAt: now,
    }),
  ]);
  return row!;
}

const revisionColumns = {
  id: ngoProfileRevisions.id,
  ngoId: ngoProfileRevisions.ngoId,
  data: ngoProfileRevisions.data,
  action: ngoProfileRevisions.action,
  revertedTo: ngoProfileRevisions.revertedTo,
  authorId: ngoProfileRevisions.authorId,
  createdAt: ngoProfileRevisions.createdAt,
  authorName: users.name,
};

/** A profile's history, newest first. */
export async function listProfileRevisions(db: Database, ngoId: string, limit: number): Promise<ProfileRevision[]> {
  return (
    db
      .select(revisionColumns)
      .from(ngoProfileRevisions)
      .leftJoin(users, eq(users.id, ngoProfileRevisions.authorId))
      .where(eq(ngoProfileRevisions.ngoId, ngoId))
      // Timestamps are whole seconds: insertion order (rowid) breaks ties between quick saves.
      .orderBy(desc(ngoProfileRevisions.createdAt), desc(sql`${ngoProfileRevisions}.rowid`))
      .limit(limit)
  );
}

export async function getProfileRevision(
  db: Database,
  ngoId: string,
  revisionId: string,
): Promise<ProfileRevision | null> {
  const [row] = await db
    .select(revisionColumns)
    .from(ngoProfileRevisions)
    .leftJoin(users, eq(users.id, ngoProfileRevisions.authorId))
    .where(and(eq(ngoProfileRevisions.ngoId, ngoId), eq(ngoProfileRevisions.id, revisionId)));
  return row ?? null;
}

/** Every current profile, by NGO id: what the export step publishes. */
export async function listAllNgoProfiles(db: Database): Promise<NgoProfileRow[]> {
  return db.select().from(ngoProfiles).orderBy(asc(ngoProfiles.ngoId));
}
