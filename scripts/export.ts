// `npm run export`: write the NGO-provided data held in the database (profiles, and the other
// exporters of scripts/export/exporters.ts) into content/, deterministically; the next build
// renders it. Files are rewritten only when their content changed.
//   DATABASE_URL   default file:.data/jumo.db (as npm start); TURSO_DATABASE_URL + TURSO_AUTH_TOKEN
//                  when DATABASE_URL is unset and they are (the production routine)
//   EXPORT_DIR     default content
import { fileURLToPath } from 'node:url';
import { openDatabase, prepareLocalDatabase } from '../db/client.ts';
import { ensureLocalDatabaseDirectory } from '../db/local-file.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { DEFAULT_DATABASE_URL } from '../functions/node-server.ts';
import { runExporters } from './export/exporter.ts';
import { DEFAULT_EXPORT_DIR, EXPORTERS } from './export/exporters.ts';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const url = process.env.DATABASE_URL?.trim() || process.env.TURSO_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
// A local file is migrated first, as npm start does (a fresh checkout exports an empty file);
// a remote database (Turso) is migrated on purpose, with npm run db:migrate.
const isLocal = url.startsWith('file:');
if (isLocal) await ensureLocalDatabaseDirectory(url);
const opened = openDatabase({ url, authToken: isLocal ? undefined : process.env.TURSO_AUTH_TOKEN });
if (!opened.ok) {
  console.error(`cannot open the database at ${url}: ${opened.reason}`);
  process.exit(1);
}
const dir = process.env.EXPORT_DIR?.trim() || DEFAULT_EXPORT_DIR;
try {
  if (isLocal) {
    await prepareLocalDatabase(opened.db);
    await migrateDatabase(opened.db);
  }
  for (const result of await runExporters(opened.db, dir, EXPORTERS)) {
    console.log(`${result.path}: ${result.lines} lines, ${result.changed ? 'written' : 'unchanged'}`);
  }
} finally {
  opened.db.$client.close();
}
