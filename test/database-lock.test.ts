import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startNodeServer, type RunningServer } from '../functions/node-server.ts';
import { createTestDatabase, type TestDatabase } from './helpers/harness.ts';

/**
 * Another process (the admin CLI, a sqlite3 shell, a backup) holding the write lock on the
 * local file. The native driver runs statements synchronously, so any waiting for the lock
 * inside the driver would freeze the whole server: pages and API alike. Pages must keep
 * flowing; a write either succeeds once the lock is gone or answers 503 with Retry-After.
 */
const ROOT = resolve(import.meta.dirname, '..');

let testDb: TestDatabase;
let server: RunningServer;
let token: string;
let holder: ChildProcessWithoutNullStreams | undefined;

beforeAll(async () => {
  // Pledges name NGOs of the directory table, as `npm start` fills it on migrate.
  testDb = await createTestDatabase({ fixtureNgos: true });
  const clientDir = join(testDb.dir, 'client');
  mkdirSync(clientDir, { recursive: true });
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Jumo</title><h1>Home</h1>');
  server = await startNodeServer({
    clientDir,
    environment: { DATABASE_URL: testDb.url },
    port: 0,
    appOverrides: {
      rateLimits: { signIn: { limit: 100, windowSeconds: 60 }, write: { limit: 100, windowSeconds: 60 } },
    },
  });
  const signIn = await fetch(`${server.url}/api/auth/demo`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Lock Tester' }),
  });
  expect(signIn.status).toBe(200);
  token = signIn.headers.get('Set-Cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await server.close();
  testDb.cleanup();
});
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await releaseLock();
});

/**
 * A separate process takes the write lock (BEGIN IMMEDIATE, which in WAL mode is the same as
 * BEGIN EXCLUSIVE) and holds it until told to commit.
 */
async function holdLock(): Promise<void> {
  const script = `
    const { createClient } = require('@libsql/client');
    (async () => {
      const client = createClient({ url: ${JSON.stringify(testDb.url)} });
      const lock = await client.transaction('write');
      process.stdout.write('locked\\n');
      process.stdin.once('data', async () => { await lock.commit(); client.close(); process.exit(0); });
    })();
  `;
  holder = spawn(process.execPath, ['-e', script], { cwd: ROOT });
  let output = '';
  holder.stdout.setEncoding('utf8');
  while (!output.includes('locked')) {
    const [chunk] = (await Promise.race([once(holder.stdout, 'data'), once(holder, 'exit')])) as [unknown];
    if (typeof chunk !== 'string') throw new Error('the lock holder exited before taking the lock');
    output += chunk;
  }
}

async function releaseLock(): Promise<void> {
  const child = holder;
  holder = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin.write('commit\n');
  await exited;
}

function postPledge(note: string): Promise<Response> {
  return fetch(`${server.url}/api/pledges`, {
    method: 'POST',
    headers: { Origin: server.url, Cookie: token, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ngoId: 'GB-NIC-100002',
      amount: 500,
      currency: 'GBP',
      recurrence: 'once',
      visibility: 'public',
      note,
    }),
  });
}

async function listPledgeNotes(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/me/pledges`, { headers: { Cookie: token } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { pledges: { note: string | null }[] }).pledges.map((p) => p.note ?? '');
}

/** Starts a request and records when it settled, without awaiting it. */
function track(promise: Promise<Response>) {
  const state = { settled: false, response: promise };
  void promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

describe('while another process holds the write lock', () => {
  it('pages and reads are served while a write waits, and the write answers 503 with Retry-After once it gives up', async () => {
    await holdLock();
    const started = Date.now();
    const pledge = track(postPledge('blocked'));
    // Give the server time to start on the pledge, so a blocked event loop would show.
    await new Promise((done) => setTimeout(done, 100));

    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Home</h1>');
    expect(pledge.settled, 'the page had to wait for the pledge').toBe(false);
    // WAL: readers do not need the write lock.
    expect(await listPledgeNotes()).not.toContain('blocked');
    expect(pledge.settled, 'the read had to wait for the pledge').toBe(false);

    const response = await pledge.response;
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    // Bounded (about 2 s of retries); generous, since the machine running the tests is shared.
    expect(elapsed).toBeLessThan(8_000);

    await releaseLock();
    expect(await listPledgeNotes()).not.toContain('blocked');
  });

  it('a write that arrives during a short lock succeeds once the lock is released', async () => {
    await holdLock();
    const pledge = track(postPledge('waited'));
    await new Promise((done) => setTimeout(done, 100));
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect(pledge.settled).toBe(false);

    await releaseLock();
    const response = await pledge.response;
    expect(response.status).toBe(201);
    expect(await listPledgeNotes()).toContain('waited');
  });
});
