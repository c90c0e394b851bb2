import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ngo } from '../model/ngo.ts';
import { getPlaceCodes } from '../model/places.ts';
import type { Database } from './client.ts';
import { listApprovedProposals, toJoinedNgoRecord } from './proposals.ts';
import { readRow } from './read-statements.ts';
import { ngoDirectory, ngoDirectorySync } from './schema.ts';

/** The columns most of the API reads: everything but the public record and its places. */
export type NgoFacts = Omit<typeof ngoDirectory.$inferSelect, 'record' | 'places' | 'summary'>;
export type NgoDirectoryRow = typeof ngoDirectory.$inferSelect;

/** A content record (model/ngo.ts), as content/ngos/*.jsonl holds it. */
export type NgoRecordInput = Ngo;

/** "https://www.example.org/x" → "example.org"; the host a work email should belong to. */
export function toWebsiteHost(website: string | undefined): string | null {
  if (!website) return null;
  try {
    return new URL(website).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * The ngo_directory row of a directory record: the facts the API looks NGOs up by, the record
 * itself, its list summary and its place pages for the public API (triggers file it under its
 * causes and places).
 */
export function toDirectoryRow(record: NgoRecordInput): NgoDirectoryRow {
  return {
    id: record.id,
    name: record.name,
    slug: record.slug,
    websiteHost: toWebsiteHost(record.website),
    country: record.location.country,
    causes: ` ${record.causes.join(' ')} `,
    record: JSON.stringify(record),
    places: JSON.stringify(getPlaceCodes(record)),
    summary: JSON.stringify({
      id: record.id,
      name: record.name,
      slug: record.slug,
      summary: record.summary,
      causes: record.causes,
      location: record.location,
    }),
  };
}

async function fingerprint(rows: NgoDirectoryRow[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(rows));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const ROWS_PER_INSERT = 200;
/**
 * Statements per round trip: rows carry whole records (~1 KB each in content/ngos), so 600 rows
 * keep each Turso request under a megabyte.
 */
const INSERTS_PER_BATCH = 3;

/**
 * Bring ngo_directory in line with the given records, unless the same content was synced last
 * time (a fingerprint row), so `npm start` pays for it only after an import. Upserts in
 * batches of 600 rows (each batch atomic; readers never see an empty directory), then drops
 * NGOs no longer in the content, then records the fingerprint. NGOs that joined through Jumo
 * (approved proposals) are the database's own: their rows are neither overwritten by a record
 * with the same id nor dropped while the export has not yet written them to content/; their
 * record is built from the approved proposal (as the export builds it) where a row has none yet.
 */
export async function syncNgoDirectory(
  db: Database,
  records: readonly NgoRecordInput[],
  now: Date,
): Promise<{ changed: boolean; rows: number }> {
  const all = records.map(toDirectoryRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const print = await fingerprint(all);
  const [current] = await db.select().from(ngoDirectorySync).where(eq(ngoDirectorySync.id, 1));
  if (current?.fingerprint === print) return { changed: false, rows: all.length };
  const approved = await listApprovedProposals(db);
  const joined = new Set(approved.map((p) => p.ngoId!));
  const rows = all.filter((row) => !joined.has(row.id));
  const upserts = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    upserts.push(
      db
        .insert(ngoDirectory)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoUpdate({
          target: ngoDirectory.id,
          set: {
            name: sql`excluded.name`,
            slug: sql`excluded.slug`,
            websiteHost: sql`excluded.website_host`,
            country: sql`excluded.country`,
            causes: sql`excluded.causes`,
            record: sql`excluded.record`,
            places: sql`excluded.places`,
            summary: sql`excluded.summary`,
          },
        }),
    );
  }
  for (let i = 0; i < upserts.length; i += INSERTS_PER_BATCH) {
    const [first, ...rest] = upserts.slice(i, i + INSERTS_PER_BATCH);
    await db.batch([first!, ...rest]);
  }
  for (const proposal of approved) {
    const row = toDirectoryRow(toJoinedNgoRecord(proposal));
    await db
      .update(ngoDirectory)
      .set({ record: row.record, places: row.places, summary: row.summary })
      .where(and(eq(ngoDirectory.id, row.id), isNull(ngoDirectory.record)));
  }
  const wanted = new Set([...all.map((r) => r.id), ...joined]);
  const stale = (await db.select({ id: ngoDirectory.id }).from(ngoDirectory))
    .map((r) => r.id)
    .filter((id) => !wanted.has(id));
  for (let i = 0; i < stale.length; i += ROWS_PER_INSERT) {
    await db.delete(ngoDirectory).where(inArray(ngoDirectory.id, stale.slice(i, i + ROWS_PER_INSERT)));
  }
  await db
    .insert(ngoDirectorySync)
    .values({ id: 1, fingerprint: print, syncedAt: now })
    .onConflictDoUpdate({ target: ngoDirectorySync.id, set: { fingerprint: print, syncedAt: now } });
  return { changed: true, rows: all.length };
}

const NGO_FACTS_SQL = 'SELECT id, name, slug, website_host, country, causes FROM ngo_directory WHERE id = ?1';

/**
 * Every `/ngos/{id}/…` request asks this first (requireNgo), so it runs as one prepared
 * statement on the Node entry (db/read-statements.ts) rather than a drizzle query built anew.
 */
export async function getNgoFacts(db: Database, ngoId: string): Promise<NgoFacts | null> {
  const row = await readRow(db, NGO_FACTS_SQL, [ngoId]);
  if (!row) return null;
  const [id, name, slug, websiteHost, country, causes] = row as [string, string, string, string | null, string, string];
  return { id, name, slug, websiteHost, country, causes };
}

export async function countNgoDirectory(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(ngoDirectory);
  return Number(row?.n ?? 0);
}
