import { fileURLToPath } from 'node:url';
import { readNgoShards } from '../content/read-ngo-shards.ts';
import type { Database } from './client.ts';
import { syncNgoDirectory, type NgoRecordInput } from './ngo-directory.ts';

/** The committed directory, found from this file so any working directory works (like migrations). */
const PROJECT_CONTENT_DIR = fileURLToPath(new URL('../content/ngos', import.meta.url));

/**
 * Node only (reads content/ngos): copy the directory facts the API needs into the database.
 * Run with every migration (`npm start`, `npm run db:migrate`); a no-op when nothing changed.
 */
export async function syncNgoDirectoryFromContent(
  db: Database,
  contentDir: string = process.env.CONTENT_DIR ?? PROJECT_CONTENT_DIR,
): Promise<{ changed: boolean; rows: number }> {
  const records = (await readNgoShards(contentDir)) as unknown as NgoRecordInput[];
  return syncNgoDirectory(db, records, new Date());
}
