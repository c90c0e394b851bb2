import { createClient, type Client, type Transaction } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema.ts';

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

/** Where the database is: a `file:` URL for `npm start`, `libsql:`/`https:` for Turso. */
export type DatabaseConfig = { url: string; authToken?: string | undefined };

/**
 * Any failure of the database driver (unreachable server, unopenable file, busy, constraint).
 * The client wrapper below throws it, so the API can tell "database trouble" (503) from a bug
 * in our code (500) whatever the driver: native file, HTTP or the Worker's web client.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

export type OpenDatabaseResult = { ok: true; db: Database } | { ok: false; reason: string };

/**
 * SQLite's own busy wait for a local file: none. The native driver runs statements on the
 * event loop, so a busy wait inside SQLite would freeze every request (pages included) while
 * another process (the admin CLI, a sqlite3 shell, a backup) holds the write lock. Waiting is
 * done by retryWhileBusy instead, with timers that leave the event loop free.
 */
const LOCAL_BUSY_TIMEOUT_MS = 0;

/** How long a statement keeps retrying a locked database before the API answers 503. */
const BUSY_RETRY_BUDGET_MS = 2_000;
/** Pause before each retry: short at first (most locks are one commit long), then steady. */
const BUSY_RETRY_DELAYS_MS = [2, 5, 10, 20, 40, 80, 100];

/**
 * Open a drizzle database over libSQL. Never throws: an unopenable database (bad URL,
 * unreadable file) is reported so the API can answer 503 rather than crash.
 * Inside workerd `@libsql/client` resolves to its web client, which speaks only
 * `libsql:`/`https:`; in Node it also opens `file:` databases through the native driver.
 */
export function openDatabase(config: DatabaseConfig): OpenDatabaseResult {
  try {
    const isLocal = config.url.startsWith('file:');
    const client = createClient({
      url: config.url,
      authToken: config.authToken,
      // One connection for a local file: the native driver runs statements synchronously, so
      // more connections add no parallelism, only write-lock contention.
      // Batches run atomically on it; avoid interactive db.transaction() on hot paths, which
      // would hold the only connection (other calls fail fast with TRANSACTION_ACTIVE).
      ...(isLocal ? { timeout: LOCAL_BUSY_TIMEOUT_MS, concurrency: 1 } : {}),
    });
    return { ok: true, db: drizzle(wrapClient(client, isLocal), { schema }) as Database };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  return new DatabaseError((error as Error)?.message ?? String(error), { cause: error });
}

/** Methods of the client and of its transactions that talk to the database. */
const WRAPPED_METHODS = new Set([
  'execute',
  'batch',
  'executeMultiple',
  'migrate',
  'transaction',
  'commit',
  'rollback',
  'sync',
]);

/**
 * Client methods that can run again after SQLITE_BUSY: a lone statement (autocommit), a batch
 * or a migration (each one transaction, rolled back whole) that hit the lock changed nothing.
 * Not executeMultiple (its statements commit one by one) nor anything inside an interactive
 * transaction (its earlier statements would not be replayed).
 */
const RETRIED_ON_BUSY = new Set(['execute', 'batch', 'migrate']);

function isBusy(error: unknown): boolean {
  const { code, extendedCode } = (error ?? {}) as { code?: unknown; extendedCode?: unknown };
  return code === 'SQLITE_BUSY' || (typeof extendedCode === 'string' && extendedCode.startsWith('SQLITE_BUSY'));
}

/**
 * The one connection of a local client. A statement that failed with SQLITE_BUSY stays active
 * inside the native driver (libsql 0.5 never resets it) until the garbage collector happens to
 * finalize it. Meanwhile the connection keeps its snapshot open, so other processes cannot
 * write nor checkpoint the WAL, and every later COMMIT here fails with "SQL statements in
 * progress". So after a BUSY the connection is replaced, as soon as no transaction holds it.
 */
type LocalConnection = { client: Client; stale: boolean; openTransactions: number; setup: string[] };

/** Local connection state by the wrapped client that drizzle exposes as `$client`. */
const localConnections = new WeakMap<object, LocalConnection>();

async function replaceStaleConnection(connection: LocalConnection): Promise<void> {
  if (!connection.stale || connection.openTransactions > 0 || connection.client.closed) return;
  connection.stale = false;
  try {
    await connection.client.reconnect();
    for (const sql of connection.setup) await connection.client.execute(sql);
  } catch {
    // The next statement opens the connection again and reports what is wrong.
  }
}

async function noteFailure(connection: LocalConnection | undefined, error: unknown): Promise<void> {
  if (!connection || !isBusy(error)) return;
  connection.stale = true;
  await replaceStaleConnection(connection);
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Waits for a lock on timers, never inside SQLite, so other requests are served meanwhile.
 * `onBusy` runs after each BUSY, before the pause (a connection left stale is replaced there).
 */
export async function retryWhileBusy<T>(
  run: () => T | Promise<T>,
  onBusy: (error: unknown) => Promise<void> = async () => undefined,
): Promise<T> {
  const deadline = Date.now() + BUSY_RETRY_BUDGET_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const delay = BUSY_RETRY_DELAYS_MS[Math.min(attempt, BUSY_RETRY_DELAYS_MS.length - 1)]!;
      if (!isBusy(error) || Date.now() + delay > deadline) throw error;
      await onBusy(error);
      await sleep(delay);
    }
  }
}

/**
 * Every driver failure becomes a DatabaseError. On a local file, statements, batches and
 * migrations that found the database locked are retried (retryWhileBusy) and a connection left
 * stale by a BUSY is replaced (LocalConnection).
 */
function wrapClient(client: Client, isLocal: boolean): Client {
  const connection: LocalConnection | undefined = isLocal
    ? { client, stale: false, openTransactions: 0, setup: [] }
    : undefined;
  const wrapped = new Proxy(client, {
    get(obj, property) {
      const value = Reflect.get(obj, property);
      if (typeof value !== 'function' || typeof property !== 'string' || !WRAPPED_METHODS.has(property)) {
        return typeof value === 'function' ? value.bind(obj) : value;
      }
      return async (...args: unknown[]) => {
        const call = () => value.apply(obj, args) as Promise<unknown>;
        try {
          const result =
            connection && RETRIED_ON_BUSY.has(property)
              ? await retryWhileBusy(call, (error) => noteFailure(connection, error))
              : await call();
          if (property !== 'transaction') return result;
          if (connection) connection.openTransactions++;
          return wrapTransaction(result as Transaction, connection);
        } catch (error) {
          await noteFailure(connection, error);
          throw toDatabaseError(error);
        }
      };
    },
  });
  if (connection) localConnections.set(wrapped, connection);
  return wrapped;
}

/** A transaction's own execute/commit/…: errors wrapped, never retried. */
function wrapTransaction(transaction: Transaction, connection: LocalConnection | undefined): Transaction {
  let settled = false;
  const settle = () => {
    if (settled || !connection) return;
    settled = true;
    connection.openTransactions--;
    void replaceStaleConnection(connection);
  };
  return new Proxy(transaction, {
    get(obj, property) {
      const value = Reflect.get(obj, property);
      if (typeof value !== 'function') return value;
      if (property === 'close') {
        return () => {
          try {
            value.call(obj);
          } finally {
            settle();
          }
        };
      }
      if (typeof property !== 'string' || !WRAPPED_METHODS.has(property)) return value.bind(obj);
      return async (...args: unknown[]) => {
        try {
          return (await value.apply(obj, args)) as unknown;
        } catch (error) {
          if (connection && isBusy(error)) connection.stale = true;
          throw toDatabaseError(error);
        } finally {
          if (property === 'commit' || property === 'rollback') settle();
        }
      };
    },
  });
}

/**
 * Local files only. WAL (persists in the file) lets readers run while a write commits.
 * synchronous=NORMAL (per connection; the local client has one) is SQLite's recommended
 * pairing with WAL: commits stay atomic and the file consistent after a crash, but a commit
 * no longer waits for an fsync — an OS crash or power cut may undo the last moments of writes.
 * With FULL, every follow or pledge would wait for the disk (~25 ms here), capping writes far
 * below the 500/s budget.
 */
export async function prepareLocalDatabase(db: Database): Promise<void> {
  await db.$client.execute('PRAGMA journal_mode = WAL');
  const perConnection = 'PRAGMA synchronous = NORMAL';
  await db.$client.execute(perConnection);
  // Applied again to the connection that replaces a stale one.
  localConnections.get(db.$client)?.setup.push(perConnection);
}

/**
 * Whether an error came from the database being unavailable (possibly wrapped by drizzle's
 * DrizzleQueryError): unreachable, unopenable, locked, read-only… The API answers those with
 * 503. A constraint violation is not unavailability but a request our validation should have
 * refused — a bug, left to the 500 handler.
 */
export function isDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof DatabaseError) {
      const code = readDriverCode(e.cause);
      return !code?.startsWith('SQLITE_CONSTRAINT');
    }
  }
  return false;
}

function readDriverCode(error: unknown): string | undefined {
  const { code, extendedCode } = (error ?? {}) as { code?: unknown; extendedCode?: unknown };
  if (typeof extendedCode === 'string' && extendedCode.startsWith('SQLITE_')) return extendedCode;
  return typeof code === 'string' ? code : undefined;
}
