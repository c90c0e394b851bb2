import type { Hono } from 'hono';
import { openDatabase, type Database } from '../../db/client.ts';
import type { HonoEnv } from '../../functions/context.ts';

/**
 * The bad-input corpus of the outside black-box test, kept as data so test/hostile-input.test.ts
 * can throw every class at every route the app mounts.
 */

/** The app's request body limit (functions/app.ts): one byte more must be refused with 413. */
export const BODY_LIMIT_BYTES = 16 * 1024;

export const SQL_PAYLOADS = ["' OR 1=1 --", '"; DROP TABLE users; --'] as const;
export const XSS_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'] as const;

/** NUL, BEL, ESC, DEL: never meaningful in a name, note or id, and NUL truncates in C code. */
export const CONTROL_CHARACTERS = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
] as const;

/** Path-segment traversal as it arrives in a URL (already percent-encoded where a client would). */
export const TRAVERSAL_SEGMENTS = [
  ['../', '../'],
  ['%2e%2e%2f', '%2e%2e%2f'],
  ['..%5c', '..%5c'],
  ['..\\ (raw backslash)', '..\\'],
  ['%00 alone', '%00'],
  ['empty segment', ''],
] as const;

export const OVERLONG_LENGTH = 10_000;

/** Malformed UTF-8 that decoders must not silently repair: a lone FF, an overlong "/", a surrogate, a stray continuation byte. */
export const INVALID_UTF8_SEQUENCES = [
  ['0xFF 0xFE', [0xff, 0xfe]],
  ['overlong "/" 0xC0 0xAF', [0xc0, 0xaf]],
  ['UTF-16 surrogate 0xED 0xA0 0x80', [0xed, 0xa0, 0x80]],
  ['lone continuation 0x80', [0x80]],
] as const;

/** Latin letters and digits with a Cyrillic (or full-width) twin that renders the same. */
const LOOKALIKES: Record<string, string> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
  i: '\u0456',
  j: '\u0458',
  s: '\u0455',
  h: '\u04bb',
  A: '\u0410',
  B: '\u0412',
  C: '\u0421',
  E: '\u0415',
  H: '\u041d',
  I: '\u0406',
  J: '\u0408',
  K: '\u041a',
  M: '\u041c',
  O: '\u041e',
  P: '\u0420',
  S: '\u0405',
  T: '\u0422',
  X: '\u0425',
  Y: '\u0423',
};

/** `value` with its first letter that has a homoglyph swapped for it ('approve' → 'аpprove'). */
export function toLookalike(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const twin = LOOKALIKES[ch] ?? (/[0-9]/.test(ch) ? String.fromCharCode(0xff10 + Number(ch)) : undefined);
    if (twin) return value.slice(0, i) + twin + value.slice(i + 1);
  }
  throw new Error(`no lookalike for ${JSON.stringify(value)}`);
}

/** `value` with `inserted` in its middle, so trimming cannot remove it. */
export function insertMiddle(value: string, inserted: string): string {
  const at = Math.max(1, Math.floor(value.length / 2));
  return value.slice(0, at) + inserted + value.slice(at);
}

const NESTINGS = {
  arrays: { open: '[', close: ']' },
  objects: { open: '{"a":', close: '}' },
} as const;

export type Nesting = keyof typeof NESTINGS;

/** `depth` levels of nested arrays or objects around a `0`. */
export function nest(kind: Nesting, depth: number): string {
  const { open, close } = NESTINGS[kind];
  return open.repeat(depth) + '0' + close.repeat(depth);
}

/** The deepest nesting that, placed by `wrap` (ASCII around it), still fits the body limit. */
export function nestDeepestUnderLimit(kind: Nesting, wrap: (inner: string) => string): string {
  const { open, close } = NESTINGS[kind];
  const depth = Math.floor((BODY_LIMIT_BYTES - byteLength(wrap('0'))) / (open.length + close.length));
  return wrap(nest(kind, depth));
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** JSON text of `body` where the string `field` carries raw invalid UTF-8 `bytes` in its middle. */
export function jsonWithInvalidUtf8(
  body: Record<string, unknown>,
  field: string,
  bytes: readonly number[],
): Uint8Array<ArrayBuffer> {
  const marker = '\uE000MARK\uE000';
  const value = String(body[field] ?? 'text');
  const text = JSON.stringify({ ...body, [field]: insertMiddle(value, marker) });
  const [before, after] = text.split(marker) as [string, string];
  const encoder = new TextEncoder();
  return new Uint8Array([...encoder.encode(before), ...bytes, ...encoder.encode(after)]);
}

export type AppRoute = { method: string; path: string; params: string[] };

/**
 * The API routes as the app itself registered them (method + pattern), without the
 * middleware entries (`ALL /api/*`), once each.
 */
export function listAppRoutes(app: Hono<HonoEnv>): AppRoute[] {
  const seen = new Map<string, AppRoute>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const key = `${route.method} ${route.path}`;
    if (!seen.has(key))
      seen.set(key, {
        method: route.method,
        path: route.path,
        params: [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      });
  }
  return [...seen.values()];
}

/** Per table, its rows as one JSON array (in scan order: stable while the table is unchanged). */
export type DatabaseSnapshot = Map<string, string>;

const snapshotQueries = new WeakMap<Database, string>();

/**
 * Every row of every table, in one query (SQLite builds the JSON, compared as text): a few
 * hundred snapshots per test file stay cheap. The schema does not change while a test runs,
 * so the query is built once per database.
 */
export async function snapshotDatabase(db: Database): Promise<DatabaseSnapshot> {
  const client = db.$client;
  let query = snapshotQueries.get(db);
  if (!query) {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const parts: string[] = [];
    for (const row of tables.rows) {
      const name = String(row.name);
      const columns = await client.execute(`SELECT name FROM pragma_table_info(${quoteLiteral(name)})`);
      const values = columns.rows.map((c) => {
        const column = quoteIdentifier(String(c.name));
        return `CASE WHEN typeof(${column}) = 'blob' THEN hex(${column}) ELSE ${column} END`;
      });
      parts.push(
        `SELECT ${quoteLiteral(name)} AS name, (SELECT json_group_array(json_array(${values.join(', ')})) FROM ${quoteIdentifier(name)}) AS rows`,
      );
    }
    query = parts.join(' UNION ALL ');
    snapshotQueries.set(db, query);
  }
  const result = await client.execute(query);
  return new Map(result.rows.map((row) => [String(row.name), String(row.rows)]));
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Which tables differ, with the rows added and removed: the message of a failed "nothing changed". */
export function describeChanges(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const changes: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(name) === after.get(name)) continue;
    const rows = (json: string | undefined) =>
      new Set((JSON.parse(json ?? '[]') as unknown[]).map((r) => JSON.stringify(r)));
    const a = rows(before.get(name));
    const b = rows(after.get(name));
    const added = [...b].filter((row) => !a.has(row));
    const removed = [...a].filter((row) => !b.has(row));
    const show = (list: string[]) => list.slice(0, 2).map((row) => (row.length > 200 ? `${row.slice(0, 200)}…` : row));
    changes.push(`${name}: +${added.length} ${show(added).join(' ')} -${removed.length} ${show(removed).join(' ')}`);
  }
  return changes;
}

export type ChangeWatcher = {
  /** What was written since the previous call (or since the watcher was made): empty when nothing. */
  takeChanges: () => Promise<string[]>;
  close: () => void;
};

/**
 * Watches a database file from a second connection: SQLite bumps `PRAGMA data_version` on this
 * connection whenever another one commits, so an unchanged version (one cheap pragma) proves
 * nothing was written, and the rows are only compared after a commit.
 */
export async function watchDatabaseChanges(url: string): Promise<ChangeWatcher> {
  const opened = openDatabase({ url });
  if (!opened.ok) throw new Error(opened.reason);
  const observer = opened.db;
  const readVersion = async () => Number((await observer.$client.execute('PRAGMA data_version')).rows[0]![0]);
  let version = await readVersion();
  let content = await snapshotDatabase(observer);
  return {
    takeChanges: async () => {
      const current = await readVersion();
      if (current === version) return [];
      version = current;
      const next = await snapshotDatabase(observer);
      const changes = describeChanges(content, next);
      content = next;
      return changes;
    },
    close: () => observer.$client.close(),
  };
}

/** A rooted path on this site that no browser reads as another host (what sanitizeNextPath promises). */
export function isSameSitePath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return false;
  if (/[\u0000-\u001f\u007f]/.test(path)) return false;
  return new URL(path, 'https://same-site.invalid').origin === 'https://same-site.invalid';
}
