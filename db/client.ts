import { createClient, type Client } from '@libsql/client';
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

/** SQLite waits this long for another connection's write lock instead of failing at once. */
const LOCAL_BUSY_TIMEOUT_MS = 5_000;

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
      // more connections add no parallelism, only write-lock contention (busy-wait sleeps).
      // Batches run atomically on it; avoid interactive db.transaction() on hot paths, which
      // would hold the only connection (other calls fail fast with TRANSACTION_ACTIVE).
      ...(isLocal ? { timeout: LOCAL_BUSY_TIMEOUT_MS, concurrency: 1 } : {}),
    });
    return { ok: true, db: drizzle(wrapClientErrors(client), { schema }) as Database };
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

function wrapClientErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, property, receiver) {
      const value = Reflect.get(obj, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !WRAPPED_METHODS.has(property)) {
        return typeof value === 'function' ? value.bind(obj) : value;
      }
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await value.apply(obj, args);
          // A transaction object has its own execute/commit: wrap those too.
          return property === 'transaction' && result && typeof result === 'object' ? wrapClientErrors(result) : result;
        } catch (error) {
          throw toDatabaseError(error);
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
  await db.$client.execute('PRAGMA synchronous = NORMAL');
}

/** Cheapest round trip that proves the database answers. */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.$client.execute('SELECT 1');
    return true;
  } catch {
    return false;
  }
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
