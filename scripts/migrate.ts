// `npm run db:migrate`: apply db/migrations/ to the production database (Turso).
//   TURSO_DATABASE_URL  libsql://<db>-<org>.turso.io   (or DATABASE_URL for any libSQL URL)
//   TURSO_AUTH_TOKEN    a token from `turso db tokens create <db>`
// Values missing from the environment are read from .dev.vars when it exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { syncNgoDirectoryFromContent } from '../db/sync-ngo-directory.ts';

// From the working directory (npm runs scripts in the project root), like wrangler does.
const devVars = join(process.cwd(), '.dev.vars');
// loadEnvFile never overrides variables already set in the environment.
if (existsSync(devVars)) process.loadEnvFile(devVars);

const url = process.env.TURSO_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
if (!url) {
  console.error('Set TURSO_DATABASE_URL (and TURSO_AUTH_TOKEN), in the environment or in .dev.vars.');
  process.exit(1);
}
const opened = openDatabase({ url, authToken: process.env.TURSO_AUTH_TOKEN?.trim() || undefined });
if (!opened.ok) {
  console.error(`Cannot open ${url}: ${opened.reason}`);
  process.exit(1);
}
try {
  await migrateDatabase(opened.db);
  console.log(`Migrations applied to ${new URL(url).host || url}.`);
  const synced = await syncNgoDirectoryFromContent(opened.db);
  console.log(`NGO directory: ${synced.rows} NGOs${synced.changed ? ' copied' : ', unchanged'}.`);
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  opened.db.$client.close();
}
