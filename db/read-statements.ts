import { DatabaseError, type Database } from './client.ts';

export type SqlValue = string | number | null;

/** A timestamp as the schema stores it (`mode: 'timestamp'`: whole unix seconds), for raw SQL. */
export const toSqlSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** A result row: column values in SELECT order. */
export type Row = readonly unknown[];

/**
 * Runs read-only SQL on statements prepared once for the process. The Node entry attaches one
 * to its local file (db/local-statements.ts); everywhere else reads go through the libSQL client.
 */
export type StatementReader = {
  readRows: (sql: string, args: readonly SqlValue[]) => Row[];
  /** The first row only: one call into the driver instead of a row iterator (~10 µs less). */
  readRow: (sql: string, args: readonly SqlValue[]) => Row | undefined;
  close: () => void;
};

const readers = new WeakMap<Database, StatementReader>();

/** Route `db`'s reads through `reader` until the returned function detaches and closes it. */
export function attachStatementReader(db: Database, reader: StatementReader): () => void {
  readers.set(db, reader);
  return () => {
    if (readers.get(db) === reader) readers.delete(db);
    reader.close();
  };
}

function toDatabaseError(error: unknown): DatabaseError {
  return new DatabaseError((error as Error)?.message ?? String(error), { cause: error });
}

/**
 * Rows of one read-only statement. `sql` must be a constant (it keys the statement cache).
 * Why not the client: it prepares every statement again on every call, and SQLite's prepare
 * of a statement with a few subqueries costs ~175 µs here, four times its run; drizzle's query
 * building adds ~65 µs per query on top. Through the reader, the NGO stats statement costs
 * ~25 µs in all (measured on the benchmark database).
 */
export async function readRows(db: Database, sql: string, args: readonly SqlValue[]): Promise<Row[]> {
  const reader = readers.get(db);
  if (reader) {
    try {
      return reader.readRows(sql, args);
    } catch (error) {
      throw toDatabaseError(error);
    }
  }
  const result = await db.$client.execute({ sql, args: [...args] });
  return result.rows.map((row) => Array.from(row));
}

/** The first row of one read-only statement (undefined when none), as readRows. */
export async function readRow(db: Database, sql: string, args: readonly SqlValue[]): Promise<Row | undefined> {
  const reader = readers.get(db);
  if (reader) {
    try {
      return reader.readRow(sql, args);
    } catch (error) {
      throw toDatabaseError(error);
    }
  }
  const result = await db.$client.execute({ sql, args: [...args] });
  const row = result.rows[0];
  return row ? Array.from(row) : undefined;
}

/**
 * Cheapest query that proves the database works: a read of one row of a core table.
 * `SELECT 1` reads no page of the file, so it answered on a text file or a damaged one.
 */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await readRow(db, 'SELECT id FROM users LIMIT 1', []);
    return true;
  } catch {
    return false;
  }
}
