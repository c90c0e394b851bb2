import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, prepareLocalDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';

export type TestDatabase = { db: Database; url: string; dir: string; cleanup: () => void };

/** A real libSQL file database in a fresh temp directory, migrated with the committed migrations. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'jumo-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const opened = openDatabase({ url });
  if (!opened.ok) throw new Error(opened.reason);
  await prepareLocalDatabase(opened.db);
  await migrateDatabase(opened.db);
  return {
    db: opened.db,
    url,
    dir,
    cleanup: () => {
      opened.db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
