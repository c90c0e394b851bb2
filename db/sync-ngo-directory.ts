import { DEFAULT_CONTENT_DIR, readNgoShards } from '../src/lib/content-shards.ts';
import type { Database } from './client.ts';
import { syncNgoDirectory, type NgoRecordInput } from './ngo-directory.ts';

/**
 * Node only (reads content/ngos): copy the directory facts the API needs into the database.
 * Run with every migration (`npm start`, `npm run db:migrate`); a no-op when nothing changed.
 */
export async function syncNgoDirectoryFromContent(
  db: Database,
  contentDir: string = process.env.CONTENT_DIR ?? DEFAULT_CONTENT_DIR,
): Promise<{ changed: boolean; rows: number }> {
  const records = (await readNgoShards(contentDir)) as unknown as NgoRecordInput[];
  return syncNgoDirectory(db, records, new Date());
}
