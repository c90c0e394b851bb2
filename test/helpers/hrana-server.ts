import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Database from 'libsql';

/**
 * A minimal libSQL server speaking Hrana 2 over HTTP (`POST /v2/pipeline`, JSON), backed by a
 * local SQLite file: enough for @libsql/client's web client inside workerd to run our queries
 * in the Worker smoke test, the way it talks to Turso in production. No npm package ships
 * `sqld`, hence this. Each stream (baton) is one SQLite connection, closed by a `close` request.
 */

type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

type Stmt = {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
};
type BatchCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and' | 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };
type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: { steps: { condition?: BatchCond; stmt: Stmt }[] } }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' };

/** One SQLite connection plus the SQL texts the client stored on it (store_sql). */
type Stream = { db: Connection; sqls: Map<number, string> };

type Connection = InstanceType<typeof Database>;

function fromValue(value: HranaValue): unknown {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(value.value);
    case 'float':
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
  }
}

function toValue(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { type: 'integer', value: String(value) } : { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  return { type: 'text', value: String(value) };
}

function sqlOf(stream: Stream, stmt: { sql?: string; sql_id?: number }): string {
  const sql = stmt.sql ?? (stmt.sql_id === undefined ? undefined : stream.sqls.get(stmt.sql_id));
  if (sql === undefined) throw new Error('statement without SQL');
  return sql;
}

function executeStmt(stream: Stream, stmt: Stmt) {
  const statement = stream.db.prepare(sqlOf(stream, stmt));
  const args: unknown = stmt.named_args?.length
    ? Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ''), fromValue(a.value)]))
    : (stmt.args ?? []).map(fromValue);
  const bind = (Array.isArray(args) ? args : [args]) as unknown[];
  if (statement.reader) {
    statement.safeIntegers(true);
    statement.raw(true);
    const columns = statement.columns() as { name: string; type: string | null }[];
    const rows = statement.all(...bind) as unknown[][];
    return {
      cols: columns.map((c) => ({ name: c.name, decltype: c.type ?? null })),
      rows: rows.map((row) => row.map(toValue)),
      affected_row_count: 0,
      last_insert_rowid: null,
    };
  }
  const info = statement.run(...bind) as { changes: number; lastInsertRowid: number | bigint };
  return { cols: [], rows: [], affected_row_count: info.changes, last_insert_rowid: String(info.lastInsertRowid) };
}

function toError(error: unknown) {
  const e = error as { message?: string; code?: string };
  return { message: e.message ?? String(error), code: e.code ?? 'UNKNOWN' };
}

function evaluate(cond: BatchCond, results: unknown[], errors: unknown[], db: Connection): boolean {
  switch (cond.type) {
    case 'ok':
      return results[cond.step] != null;
    case 'error':
      return errors[cond.step] != null;
    case 'not':
      return !evaluate(cond.cond, results, errors, db);
    case 'and':
      return cond.conds.every((c) => evaluate(c, results, errors, db));
    case 'or':
      return cond.conds.some((c) => evaluate(c, results, errors, db));
    case 'is_autocommit':
      return !db.inTransaction;
  }
}

function handleRequest(stream: Stream, request: StreamRequest) {
  const { db } = stream;
  switch (request.type) {
    case 'execute':
      return { type: 'execute', result: executeStmt(stream, request.stmt) };
    case 'batch': {
      const results: unknown[] = [];
      const errors: unknown[] = [];
      request.batch.steps.forEach((step, i) => {
        results[i] = null;
        errors[i] = null;
        if (step.condition && !evaluate(step.condition, results, errors, db)) return;
        try {
          results[i] = executeStmt(stream, step.stmt);
        } catch (error) {
          errors[i] = toError(error);
        }
      });
      return { type: 'batch', result: { step_results: results, step_errors: errors } };
    }
    case 'sequence':
      db.exec(sqlOf(stream, request));
      return { type: 'sequence' };
    case 'store_sql':
      stream.sqls.set(request.sql_id, request.sql);
      return { type: 'store_sql' };
    case 'close_sql':
      stream.sqls.delete(request.sql_id);
      return { type: 'close_sql' };
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: !db.inTransaction };
    case 'close':
      return { type: 'close' };
    default:
      throw new Error(`unsupported Hrana request ${JSON.stringify(request)}`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export type HranaServer = { url: string; close: () => Promise<void> };

export function startHranaServer(path: string): Promise<HranaServer> {
  const streams = new Map<string, Stream>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/v2/pipeline') {
      // Makes the client settle on Hrana 2 (it probes /v3-protobuf and /v3 first).
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req)) as { baton?: string | null; requests: StreamRequest[] };
    let baton = body.baton ?? null;
    let stream = baton ? streams.get(baton) : undefined;
    if (baton && !stream) {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'unknown baton' }));
      return;
    }
    if (!stream) {
      stream = { db: new Database(path, { timeout: 5_000 }), sqls: new Map() };
      baton = randomUUID();
      streams.set(baton, stream);
    }
    const current = stream;
    const results = body.requests.map((request) => {
      try {
        return { type: 'ok', response: handleRequest(current, request) };
      } catch (error) {
        return { type: 'error', error: toError(error) };
      }
    });
    if (body.requests.some((r) => r.type === 'close')) {
      streams.delete(baton!);
      current.db.close();
      baton = null;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ baton, base_url: null, results }));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const stream of streams.values()) stream.db.close();
            streams.clear();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
