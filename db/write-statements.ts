import { DatabaseError, retryWhileBusy, type Database } from './client.ts';
import type { Row, SqlValue } from './read-statements.ts';

/**
 * Runs one write statement on statements prepared once for the process: the Node entry attaches
 * one to its local file (db/local-statements.ts, openLocalWriter); everywhere else writes go through
 * the libSQL client. Why: the client prepares every statement again, and preparing an INSERT
 * compiles the triggers it fires (the counters): ~220 µs for a pledge, plus ~100 µs of drizzle's
 * query building, against ~190 µs to run it prepared (measured on the benchmark database).
 */
export type StatementWriter = {
  /** The rows of the statement's RETURNING clause (every statement here has one). */
  writeRows: (sql: string, args: readonly SqlValue[]) => Row[];
  close: () => void;
};

const writers = new WeakMap<Database, StatementWriter>();

/** Route `db`'s hot writes through `writer` until the returned function detaches and closes it. */
export function attachStatementWriter(db: Database, writer: StatementWriter): () => void {
  writers.set(db, writer);
  return () => {
    if (writers.get(db) === writer) writers.delete(db);
    writer.close();
  };
}

/**
 * The RETURNING rows of one write statement, in one transaction of its own. `sql` must be a
 * constant (it keys the statement cache). A locked database is waited for on timers, as the
 * client does, then reported as a DatabaseError (the API answers 503).
 */
export async function writeRows(db: Database, sql: string, args: readonly SqlValue[]): Promise<Row[]> {
  const writer = writers.get(db);
  if (!writer) {
    const result = await db.$client.execute({ sql, args: [...args] });
    return result.rows.map((row) => Array.from(row));
  }
  try {
    return await retryWhileBusy(() => writer.writeRows(sql, args));
  } catch (error) {
    throw new DatabaseError((error as Error)?.message ?? String(error), { cause: error });
  }
}
