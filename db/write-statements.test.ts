import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client, type Transaction } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseError, isDatabaseError, openDatabase, prepareLocalDatabase, type Database } from './client.ts';
import { attachLocalStatements } from './local-statements.ts';
import { writeRows } from './write-statements.ts';

/** The Node entry's writer (prepared statements on a connection of its own) against another connection's lock. */
let dir: string;
let db: Database;
let detach: () => void;
let holder: Client;
let lock: Transaction | undefined;

const INSERT = 'INSERT INTO t (x) VALUES (?) RETURNING x';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jumo-writer-'));
  const url = `file:${join(dir, 'w.db')}`;
  const opened = openDatabase({ url });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
  await prepareLocalDatabase(db);
  await db.$client.execute('CREATE TABLE t (x INTEGER)');
  detach = attachLocalStatements(db, url);
  holder = createClient({ url });
});
afterEach(() => {
  lock?.close();
  lock = undefined;
  detach();
  holder.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const countRows = async () => Number((await db.$client.execute('SELECT count(*) FROM t')).rows[0]![0]);

describe('writeRows on the local writer', () => {
  it('answers the RETURNING rows, visible at once to the client and to other connections', async () => {
    expect(await writeRows(db, INSERT, [7])).toEqual([[7]]);
    expect(await countRows()).toBe(1);
    expect(Number((await holder.execute('SELECT x FROM t')).rows[0]![0])).toBe(7);
  });

  it('waits for another connection’s lock on timers, then writes', async () => {
    lock = await holder.transaction('write');
    let timerRan = false;
    setTimeout(() => (timerRan = true), 20);
    setTimeout(() => {
      lock?.close();
      lock = undefined;
    }, 150);
    expect(await writeRows(db, INSERT, [1])).toEqual([[1]]);
    expect(timerRan).toBe(true);
    expect(await countRows()).toBe(1);
  });

  it('gives up with a DatabaseError, and leaves no snapshot behind: others write and checkpoint after', async () => {
    lock = await holder.transaction('write');
    const error = await writeRows(db, INSERT, [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    // What the API answers 503 to (a locked database), not a bug's 500.
    expect(isDatabaseError(error)).toBe(true);
    expect(((error as Error).cause as { code?: string }).code).toBe('SQLITE_BUSY');
    lock.close();
    lock = undefined;
    await holder.execute('INSERT INTO t (x) VALUES (2)');
    // busy = 0: no connection of ours holds a read snapshot that would stop the checkpoint.
    const busy = (await holder.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows[0]![0];
    expect(Number(busy)).toBe(0);
    expect(await writeRows(db, INSERT, [3])).toEqual([[3]]);
    expect(await countRows()).toBe(2);
  });
});
