import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { mediaObjects } from './schema.ts';

export type MediaObject = typeof mediaObjects.$inferSelect;

/**
 * Record an uploaded image. The key is its content's hash, so the same bytes uploaded twice
 * (or for two NGOs) are one object: the first row stays.
 */
export async function recordMediaObject(db: Database, object: MediaObject): Promise<void> {
  await db.insert(mediaObjects).values(object).onConflictDoNothing();
}

export async function getMediaObject(db: Database, key: string): Promise<MediaObject | null> {
  const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.key, key));
  return row ?? null;
}
