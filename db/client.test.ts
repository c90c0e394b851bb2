import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client, type Transaction } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseError, isDatabaseError, openDatabase, prepareLocalDatabase, type Database } from './client.ts';

/**
 * A second connection holding the write lock, as another process would. It only holds the
 * lock (no statement runs on it meanwhile), so the same process is enough here. BEGIN
 * IMMEDIATE ('write') is the same as BEGIN EXCLUSIVE in WAL mode.
 */
let dir: string;
let path: string;
let db: Database;
let holder: Client;
let lock: Transaction | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jumo-client-'));
  path = join(dir, 'busy.db');
  const opened = openDatabase({ url: `file:${path}` });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
  await prepareLocalDatabase(db);
  await db.$client.execute('CREATE TABLE t (x INTEGER)');
  holder = createClient({ url: `file:${path}` });
});
afterEach(() => {
  lock?.close();
  lock = undefined;
  holder.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function takeLock(): Promise<void> {
  lock = await holder.transaction('write');
}

function releaseLock(): void {
  lock?.close();
  lock = undefined;
}

async function countRows(): Promise<number> {
  return Number((await db.$client.execute('SELECT count(*) AS n FROM t')).rows[0]!.n);
}

describe('a local database locked by another connection', () => {
  it('retries a statement on timers, so the event loop keeps running, and succeeds once the lock is gone', async () => {
    await takeLock();
    let timerRan = false;
    setTimeout(() => (timerRan = true), 20);
    setTimeout(releaseLock, 150);
    await db.$client.execute('INSERT INTO t VALUES (1)');
    expect(timerRan).toBe(true);
    expect(lock).toBeUndefined();
    expect(await countRows()).toBe(1);
  });

  it('retries a batch as a whole', async () => {
    await takeLock();
    setTimeout(releaseLock, 150);
    await db.$client.batch(['INSERT INTO t VALUES (1)', 'INSERT INTO t VALUES (2)'], 'write');
    expect(await countRows()).toBe(2);
  });

  it('gives up after a bounded wait with a DatabaseError the API answers 503 to', async () => {
    await takeLock();
    const started = Date.now();
    const error = await db.$client.execute('INSERT INTO t VALUES (1)').catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(DatabaseError);
    expect(isDatabaseError(error)).toBe(true);
    expect((error as Error).message).toContain('SQLITE_BUSY');
    expect(elapsed).toBeGreaterThanOrEqual(1_500);
    expect(elapsed).toBeLessThan(6_000);
    releaseLock();
    expect(await countRows()).toBe(0);
  });

  it('leaves no stale statement behind a BUSY: later batches commit and other connections can write', async () => {
    await takeLock();
    await expect(db.$client.batch(['INSERT INTO t VALUES (1)'], 'write')).rejects.toBeInstanceOf(DatabaseError);
    releaseLock();
    await db.$client.batch(['INSERT INTO t VALUES (2)'], 'write');
    await holder.execute('INSERT INTO t VALUES (3)');
    expect(await countRows()).toBe(2);
    // The replacement connection got the per-connection settings again (1 = NORMAL).
    expect(Number((await db.$client.execute('PRAGMA synchronous')).rows[0]![0])).toBe(1);
  });

  it('does not retry inside an interactive transaction (its earlier statements would not be replayed)', async () => {
    const tx = await db.$client.transaction('deferred');
    try {
      await tx.execute('SELECT count(*) FROM t');
      await takeLock();
      const started = Date.now();
      await expect(tx.execute('INSERT INTO t VALUES (1)')).rejects.toBeInstanceOf(DatabaseError);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      tx.close();
    }
  });
});
