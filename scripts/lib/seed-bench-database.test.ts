import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, prepareLocalDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { syncNgoDirectoryFromContent } from '../../db/sync-ngo-directory.ts';
import { validateSessionToken } from '../../functions/auth/session.ts';
import { seedBenchDatabase, type SeedResult } from './seed-bench-database.ts';
import { NGO_ID_PATTERN } from '../../model/ids.ts';

const SIZE = { users: 300, ngoFollows: 3_000, causesPerUser: 1.5, pledges: 800, posts: 200, opportunities: 40 };
const NOW = new Date(Date.UTC(2026, 0, 15, 12));

let dir: string;
let db: Database;
let seed: SeedResult;
let indexesBefore: unknown[][];

async function readIndexes(): Promise<unknown[][]> {
  const { rows } = await db.$client.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name");
  return rows.map((r) => Array.from(r));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jumo-seed-test-'));
  const opened = openDatabase({ url: `file:${join(dir, 'seed.db')}` });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
  await prepareLocalDatabase(db);
  await migrateDatabase(db);
  await syncNgoDirectoryFromContent(db, 'test/fixtures/ngos');
  indexesBefore = await readIndexes();
  seed = await seedBenchDatabase(db, SIZE, NOW);
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function count(sql: string): Promise<number> {
  return Number((await db.$client.execute(sql)).rows[0]![0]);
}

describe('seedBenchDatabase', () => {
  it('writes the rows asked for, on NGO ids of the directory', async () => {
    expect(seed.counts).toMatchObject({ users: 300, ngoFollows: 3_000, pledges: 800, posts: 200, opportunities: 40 });
    expect(await count('SELECT count(*) FROM users')).toBe(300);
    expect(await count('SELECT count(*) FROM ngo_follows')).toBe(seed.counts.ngoFollows);
    expect(await count('SELECT count(*) FROM cause_follows')).toBe(seed.counts.causeFollows);
    expect(await count('SELECT count(*) FROM pledges')).toBe(800);
    for (const table of ['ngo_follows', 'pledges', 'ngo_posts', 'volunteer_opportunities']) {
      expect(
        await count(`SELECT count(*) FROM ${table} WHERE ngo_id NOT IN (SELECT id FROM ngo_directory)`),
        table,
      ).toBe(0);
    }
    expect(seed.popularNgoIds.every((id) => NGO_ID_PATTERN.test(id))).toBe(true);
  });

  it('leaves every index as it found it and the counters as the triggers keep them', async () => {
    expect(await readIndexes()).toEqual(indexesBefore);
    expect(
      await count(
        'SELECT count(*) FROM ngo_follower_counts c WHERE followers <> (SELECT count(*) FROM ngo_follows f WHERE f.ngo_id = c.ngo_id)',
      ),
    ).toBe(0);
    expect(await count('SELECT sum(pledges) FROM ngo_pledge_totals')).toBe(
      await count("SELECT count(*) FROM pledges WHERE status <> 'cancelled'"),
    );
    expect(await count('SELECT count(*) FROM feed_items')).toBeGreaterThan(200);
    expect(await count(`SELECT followers FROM ngo_follower_counts WHERE ngo_id = '${seed.topNgoId}'`)).toBe(
      await count('SELECT max(followers) FROM ngo_follower_counts'),
    );
  });

  it('signs in a reader with a typical set of follows', async () => {
    expect(seed.reader.ngoFollows).toBeGreaterThanOrEqual(8);
    expect(seed.reader.causeFollows).toBeGreaterThanOrEqual(2);
    const session = await validateSessionToken(db, seed.reader.token, NOW);
    expect(session).toMatchObject({ status: 'valid', user: { id: seed.reader.userId } });
  });
});
