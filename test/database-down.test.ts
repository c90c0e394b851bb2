import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { createNodeHandler } from '../functions/node-server.ts';
import { migrateDatabase } from '../db/migrate.ts';
import {
  createHarness,
  createTestApp,
  FACEBOOK_ENV,
  ORIGIN,
  sameOriginHeaders,
  type Harness,
} from './helpers/harness.ts';

/**
 * Two ways a database is gone: a libSQL server that refuses connections (Turso unreachable:
 * nothing listens on 127.0.0.1:9) and a local file that cannot be opened (its "directory" is a
 * regular file). Every route must answer cleanly: 503 JSON, or the sign-in error page.
 */
const UNREACHABLE_SERVER = 'http://127.0.0.1:9';
// A database "inside" a regular file: no directory can be created there, even by root.
const BLOCKER_DIR = mkdtempSync(join(tmpdir(), 'jumo-down-'));
const BLOCKER_FILE = join(BLOCKER_DIR, 'not-a-directory');
writeFileSync(BLOCKER_FILE, 'x');
const UNOPENABLE_FILE = `file:${BLOCKER_FILE}/jumo.db`;

let live: Harness;
let liveToken: string;

beforeAll(async () => {
  live = await createHarness({ demoSignIn: true });
  liveToken = (await live.signIn('Before the outage')).token;
});
afterAll(() => {
  live.cleanup();
  rmSync(BLOCKER_DIR, { recursive: true, force: true });
});
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const cases = [
  [
    'an unreachable libSQL server',
    () => createTestApp({ openDb: () => openDatabase({ url: UNREACHABLE_SERVER }), demoSignIn: true, vars: {} }),
  ],
  [
    'an unopenable local file',
    () => createTestApp({ openDb: () => openDatabase({ url: UNOPENABLE_FILE }), demoSignIn: true, vars: {} }),
  ],
] as const;

describe.each(cases)('with %s', (_label, makeApp) => {
  async function expect503(response: Response) {
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
    expect(text).not.toMatch(/ECONNREFUSED|fetch failed|not-a-directory|\.ts/);
  }

  it('GET /api/health is 503', async () => {
    await expect503(await makeApp().request(`${ORIGIN}/api/health`));
  });

  it('GET /api/me with a session cookie is 503 (not 401: the session may be fine)', async () => {
    await expect503(await makeApp().request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${liveToken}` } }));
  });

  it('writes are 503', async () => {
    const app = makeApp();
    await expect503(
      await app.request(`${ORIGIN}/api/auth/demo`, {
        method: 'POST',
        headers: sameOriginHeaders({ 'Content-Type': 'application/json' }),
        body: '{"name":"During the outage"}',
      }),
    );
    await expect503(
      await app.request(`${ORIGIN}/api/auth/logout`, {
        method: 'POST',
        headers: sameOriginHeaders({ Cookie: `session=${liveToken}` }),
      }),
    );
    await expect503(
      await app.request(`${ORIGIN}/api/me`, {
        method: 'DELETE',
        headers: sameOriginHeaders({ Cookie: `session=${liveToken}` }),
      }),
    );
  });

  it('routes that need no database still answer', async () => {
    const app = makeApp();
    expect((await app.request(`${ORIGIN}/api/me`)).status).toBe(401);
    expect(await (await app.request(`${ORIGIN}/api/auth/providers`)).json()).toEqual({ facebook: false, demo: true });
  });
});

it('the Facebook redirect sends the browser to the error page when the database is down', async () => {
  const app = createTestApp({ openDb: () => openDatabase({ url: UNREACHABLE_SERVER }), vars: FACEBOOK_ENV });
  const response = await app.request(`${ORIGIN}/api/auth/facebook?next=/about/`);
  expect(response.status).toBe(302);
  expect(response.headers.get('Location')).toBe('/signin-error/?reason=unavailable&next=%2Fabout%2F');
});

it('the Node entry starts with an unopenable DATABASE_URL and reports 503, not a crash', async () => {
  const handler = await createNodeHandler({
    clientDir: live.database.dir,
    environment: { DATABASE_URL: UNOPENABLE_FILE },
    migrate: true,
  });
  const response = await handler.fetch(new Request(`${ORIGIN}/api/health`));
  expect(response.status).toBe(503);
  handler.close();
});

it('a healthy database answers 200 {"ok":true}', async () => {
  const response = await live.app.request(`${ORIGIN}/api/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});

describe('a local file that is not a working database', () => {
  /** A migrated database whose 100-byte header has been overwritten. */
  async function makeDamagedHeaderFile(): Promise<string> {
    const path = join(BLOCKER_DIR, `damaged-${Date.now()}.db`);
    const opened = openDatabase({ url: `file:${path}` });
    if (!opened.ok) throw new Error(opened.reason);
    await migrateDatabase(opened.db);
    opened.db.$client.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x2a), 0, 100, 0);
    closeSync(fd);
    return path;
  }

  function makeTextFile(): string {
    const path = join(BLOCKER_DIR, `notes-${Date.now()}.txt`);
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(200));
    return path;
  }

  it.each([
    ['a text file', async () => makeTextFile()],
    ['a database with a damaged header', makeDamagedHeaderFile],
  ])('GET /api/health is 503 for %s, like the data routes', async (_label, makeFile) => {
    const path = await makeFile();
    const handler = await createNodeHandler({
      clientDir: live.database.dir,
      environment: { DATABASE_URL: `file:${path}` },
      migrate: true,
    });
    try {
      const health = await handler.fetch(new Request(`${ORIGIN}/api/health`));
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
      const me = await handler.fetch(new Request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${liveToken}` } }));
      expect(me.status).toBe(503);
    } finally {
      handler.close();
    }
  });
});
