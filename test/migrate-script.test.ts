import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHranaServer, type HranaServer } from './helpers/hrana-server.ts';

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, '../scripts/migrate.ts');

/** `npm run db:migrate` against a libSQL server over HTTP, the way it reaches Turso. */
let dir: string;
let server: HranaServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jumo-migrate-'));
  server = await startHranaServer(join(dir, 'remote.db'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function migrate(env: Record<string, string>) {
  // cwd without a .dev.vars, so only the given environment counts.
  return run(process.execPath, [SCRIPT], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
}

// Runs the script in its own Node processes (seconds each, more under load): not a timed test.
// The first run copies the whole directory, records included (35 MB of JSON since migration
// 0012), over HTTP: over a minute on a loaded machine.
describe('scripts/migrate.ts', { timeout: 240_000 }, () => {
  it('creates every table and trigger, and is a no-op the second time', async () => {
    const first = await migrate({ TURSO_DATABASE_URL: server.url, TURSO_AUTH_TOKEN: 'unused-locally' });
    expect(first.stdout).toContain('Migrations applied');
    await migrate({ TURSO_DATABASE_URL: server.url });

    const db = new Database(join(dir, 'remote.db'));
    const names = (
      db.prepare("select name from sqlite_master where type in ('table', 'trigger')").all() as { name: string }[]
    ).map((r) => r.name);
    const applied = db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    db.close();
    expect(names).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'pledges',
        'ngo_follows',
        'ngo_follower_counts',
        'ngo_follows_after_insert',
      ]),
    );
    const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    expect(Number(applied.n)).toBe(journal.entries.length);
  });

  it('explains what to set when no database URL is given', async () => {
    await expect(migrate({})).rejects.toMatchObject({ stderr: expect.stringContaining('Set TURSO_DATABASE_URL') });
  });
});
