import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './client.ts';

/** The committed drizzle-kit output, found relative to this file so any working directory works. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Apply every pending migration (Node only: it reads the SQL files from disk).
 * Used by `npm start` for its local file and by `npm run db:migrate` for Turso.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
