import Database from 'libsql';
import type { Database as DrizzleDatabase } from './client.ts';
import { attachStatementReader, type Row, type StatementReader } from './read-statements.ts';
import { attachStatementWriter, type StatementWriter } from './write-statements.ts';

// Node only (the Node entry): opens the native driver, which the Worker bundle cannot hold.
// Connections of its own to the local file, with statements prepared once, for the hot reads
// (NGO stats, the feed) and the hot writes (follows, pledges).

/** As long as the client waits for a write lock (db/client.ts); readers in WAL mode rarely wait. */
const BUSY_TIMEOUT_MS = 5_000;
const READER_CACHE_KIB = 64 * 1024;

/** The path libSQL opens for a `file:` URL (file:rel.db, file:/abs.db, file:///abs.db). */
export function toLocalDatabasePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  let rest = url.slice('file:'.length).split(/[?#]/)[0] ?? '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash === -1 ? '' : rest.slice(slash);
  }
  const path = decodeURIComponent(rest);
  return path === '' || path.startsWith(':memory:') ? undefined : path;
}

/**
 * A second, read-only connection to the local file whose statements are prepared once and
 * kept. In WAL mode a read on it sees every write committed before it started, on any
 * connection, so counts read here are exact right after a write; and it never takes the write
 * lock, so it adds no contention to the client's single connection.
 */
export function openLocalReader(path: string): StatementReader {
  const connection = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  connection.exec('PRAGMA query_only = 1');
  // Its own page cache, up to 64 MiB (SQLite's default is 2 MB): stats spread over many NGO
  // pages kept re-reading pages from the OS, ~25% of their time at benchmark size.
  connection.exec(`PRAGMA cache_size = -${READER_CACHE_KIB}`);
  const statements = new Map<string, ReturnType<typeof connection.prepare>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    readRows: (sql, args) => prepare(sql).all([...args]) as Row[],
    // get() reads one row and resets the statement, so no read transaction stays open.
    readRow: (sql, args) => prepare(sql).get([...args]) as Row | undefined,
    close() {
      statements.clear();
      if (connection.open) connection.close();
    },
  };
}

/**
 * Give `db` (a `file:` database) a local reader for its hot reads; returns how to close it.
 * Other URLs (Turso, in-memory) keep reading through the client.
 */
export function attachLocalReader(db: DrizzleDatabase, url: string): () => void {
  const path = toLocalDatabasePath(url);
  if (!path) return () => undefined;
  return attachStatementReader(db, openLocalReader(path));
}

/**
 * A second writing connection to the local file whose statements are prepared once and kept.
 * The server runs every statement synchronously on one thread and never holds a transaction
 * open across an await, so this connection and the client's take turns, never wait for each
 * other; only another process (the admin CLI, a backup) can hold the lock, and then, as on the
 * client, SQLite does not wait (busy timeout 0): writeRows waits on timers.
 */
export function openLocalWriter(path: string): StatementWriter {
  const connection = new Database(path, { timeout: 0 });
  connection.exec('PRAGMA synchronous = NORMAL');
  const statements = new Map<string, ReturnType<typeof connection.prepare>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    // all() steps the statement to its end, so its autocommit transaction is over on return,
    // BUSY included (db/write-statements.test.ts checks that no snapshot is left behind).
    writeRows: (sql, args) => prepare(sql).all([...args]) as Row[],
    close() {
      statements.clear();
      if (connection.open) connection.close();
    },
  };
}

/**
 * Give `db` (a `file:` database) its local reader and writer; returns how to close them.
 * Other URLs (Turso, in-memory) keep going through the client.
 */
export function attachLocalStatements(db: DrizzleDatabase, url: string): () => void {
  const path = toLocalDatabasePath(url);
  if (!path) return () => undefined;
  const detachReader = attachStatementReader(db, openLocalReader(path));
  const detachWriter = attachStatementWriter(db, openLocalWriter(path));
  return () => {
    detachWriter();
    detachReader();
  };
}
