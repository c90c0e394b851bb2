import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAdmin } from '../db/admins.ts';
import { upsertUser } from '../db/users.ts';
import { createTestDatabase, type TestDatabase } from './helpers/harness.ts';

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, '../scripts/admin.ts');

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.cleanup());

function admin(...args: string[]) {
  // The project's Node 24 (this process), from the temp dir: no .dev.vars, only DATABASE_URL.
  return run(process.execPath, [SCRIPT, ...args], {
    cwd: testDb.dir,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: testDb.url },
  });
}

// Each call starts a Node process (~2 s on the 2-core machine, far more under load): not a timed test.
describe('npm run admin', { timeout: 60_000 }, () => {
  it('grants, lists and revokes site admins; nobody is one by default', async () => {
    const user = await upsertUser(
      testDb.db,
      { provider: 'demo', providerUserId: 'ops', name: 'Ops Person', pictureUrl: null },
      new Date(),
    );
    expect((await admin('list')).stdout).toContain('No site admins.');
    expect((await admin('grant', user.id)).stdout).toContain('is now a site admin');
    expect(await isAdmin(testDb.db, user.id)).toBe(true);
    expect((await admin('grant', user.id)).stdout).toContain('already');
    expect((await admin('list')).stdout).toMatch(new RegExp(`${user.id}\\tOps Person\\tsince `));
    expect((await admin('revoke', user.id)).stdout).toContain('no longer');
    expect(await isAdmin(testDb.db, user.id)).toBe(false);
  });

  it('refuses unknown users and bad usage', async () => {
    await expect(admin('grant', 'nobody')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No user with id nobody'),
    });
    await expect(admin('promote')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: npm run admin'),
    });
  });
});
