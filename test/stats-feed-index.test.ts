import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { getFeed, type FeedCursor, type FeedEntry } from '../db/feed.ts';
import { getNgoStats } from '../db/follows.ts';
import { attachLocalReader } from '../db/local-statements.ts';
import { syncNgoDirectory, type NgoRecordInput } from '../db/ngo-directory.ts';
import { createPost, deletePost, setPostHidden } from '../db/posts.ts';
import { createOpportunity, setOpportunityHidden } from '../db/volunteering.ts';
import { readNgoShards } from '../content/read-ngo-shards.ts';
import { createTestDatabase, FIXTURE_CONTENT_DIR, type TestDatabase } from './helpers/harness.ts';

/**
 * The counters behind NGO stats (ngo_pledge_totals, ngo_supporter_counts) and the feed index
 * (feed_items) are kept by triggers (migration 0006). Whatever sequence of writes happens —
 * including ones the API never makes today, like moving a pledge to another NGO — they must
 * equal what they summarise, and the reads built on them must answer as the plain queries
 * over the rows would. Random writes (seeded, so a failure replays) check both.
 */
let testDb: TestDatabase;
let db: Database;
let records: NgoRecordInput[];

beforeAll(async () => {
  testDb = await createTestDatabase({ fixtureNgos: true });
  db = testDb.db;
  records = (await readNgoShards(FIXTURE_CONTENT_DIR)) as unknown as NgoRecordInput[];
});
afterAll(() => testDb.cleanup());

function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function all(sql: string, args: (string | number | null)[] = []): Promise<unknown[][]> {
  return (await db.$client.execute({ sql, args })).rows.map((r) => Array.from(r));
}

async function run(sql: string, args: (string | number | null)[] = []): Promise<void> {
  await db.$client.execute({ sql, args });
}

let userCount = 0;
async function createUser(): Promise<string> {
  const id = `user${String(userCount++).padStart(20, '0')}`;
  await run(
    "INSERT INTO users (id, provider, provider_user_id, name, created_at, updated_at) VALUES (?, 'demo', ?, ?, 0, 0)",
    [id, id, `Person ${userCount} Example`],
  );
  return id;
}

describe('pledge counters', () => {
  it('equal the sums and distinct supporters of standing pledges after any sequence of writes', async () => {
    const random = createRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const ngos = records.slice(0, 4).map((r) => r.id);
    const users = await Promise.all(Array.from({ length: 6 }, createUser));
    const statuses = ['active', 'fulfilled', 'cancelled'];
    let pledgeCount = 0;
    for (let step = 0; step < 400; step++) {
      const { rows } = await db.$client.execute('SELECT id FROM pledges');
      const pledgeIds = rows.map((r) => String(r.id));
      const roll = random();
      if (roll < 0.4 || pledgeIds.length === 0) {
        const id = `pledge${String(pledgeCount++).padStart(18, '0')}`;
        await run(
          `INSERT INTO pledges (id, user_id, ngo_id, amount_minor, currency, recurrence, visibility, status, idempotency_key, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            pick(users),
            pick(ngos),
            1 + Math.floor(random() * 5000),
            pick(['GBP', 'USD', 'EUR']),
            pick(['once', 'monthly']),
            pick(['public', 'anonymous']),
            pick(statuses),
            id,
            step,
            step,
          ],
        );
      } else if (roll < 0.65) {
        await run('UPDATE pledges SET status = ? WHERE id = ?', [pick(statuses), pick(pledgeIds)]);
      } else if (roll < 0.8) {
        // Changes the API does not make, but the counters must survive any UPDATE.
        const column = pick(['amount_minor', 'currency', 'recurrence', 'ngo_id', 'user_id']);
        const value =
          column === 'amount_minor'
            ? 1 + Math.floor(random() * 5000)
            : column === 'currency'
              ? pick(['GBP', 'USD', 'EUR'])
              : column === 'recurrence'
                ? pick(['once', 'monthly'])
                : column === 'ngo_id'
                  ? pick(ngos)
                  : pick(users);
        await run(`UPDATE pledges SET ${column} = ? WHERE id = ?`, [value, pick(pledgeIds)]);
      } else if (roll < 0.95) {
        await run('DELETE FROM pledges WHERE id = ?', [pick(pledgeIds)]);
      } else {
        // An account deletion: its pledges go in a cascade.
        const gone = users.splice(Math.floor(random() * users.length), 1)[0]!;
        await run('DELETE FROM users WHERE id = ?', [gone]);
        users.push(await createUser());
      }
      if (step % 50 === 49) await expectCountersExact();
    }
    await expectCountersExact();
    // And the stats read built on them, on both read paths, match the plain queries over the rows.
    const closeReader = attachLocalReader(db, testDb.url);
    try {
      for (const ngoId of ngos) {
        const [expected] = await all(
          `SELECT count(*), count(DISTINCT user_id) FROM pledges WHERE ngo_id = ? AND status <> 'cancelled'`,
          [ngoId],
        );
        const stats = await getNgoStats(db, ngoId, users[0]!);
        expect([stats.pledges.count, stats.supporters]).toEqual(expected!.map(Number));
      }
    } finally {
      closeReader();
    }
  });
});

async function expectCountersExact(): Promise<void> {
  const totals = await all(
    `SELECT ngo_id, currency, pledges, once_minor, monthly_minor FROM ngo_pledge_totals WHERE pledges <> 0 OR once_minor <> 0 OR monthly_minor <> 0 ORDER BY 1, 2`,
  );
  const expectedTotals = await all(
    `SELECT ngo_id, currency, count(*),
       coalesce(sum(CASE WHEN recurrence = 'once' THEN amount_minor END), 0),
       coalesce(sum(CASE WHEN recurrence = 'monthly' THEN amount_minor END), 0)
     FROM pledges WHERE status <> 'cancelled' GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  expect(totals).toEqual(expectedTotals);
  const supporters = await all('SELECT ngo_id, supporters FROM ngo_supporter_counts WHERE supporters <> 0 ORDER BY 1');
  const expectedSupporters = await all(
    `SELECT ngo_id, count(DISTINCT user_id) FROM pledges WHERE status <> 'cancelled' GROUP BY 1 ORDER BY 1`,
  );
  expect(supporters).toEqual(expectedSupporters);
}

/** What feed_items must hold: one entry per visible item and per source (its NGO, its causes). */
const EXPECTED_FEED_ITEMS_SQL = `
  SELECT source, created_at, item_id, kind, closes_on FROM (
    SELECT p.ngo_id AS source, p.created_at, p.id AS item_id, 'post' AS kind, NULL AS closes_on FROM ngo_posts p WHERE p.hidden = 0
    UNION ALL
    SELECT ' ' || d.causes || ' ', p.created_at, p.id, 'post', NULL FROM ngo_posts p JOIN ngo_directory d ON d.id = p.ngo_id WHERE p.hidden = 0
    UNION ALL
    SELECT o.ngo_id, o.created_at, o.id, 'opportunity', o.closes_on FROM volunteer_opportunities o WHERE o.hidden = 0 AND o.status = 'open'
    UNION ALL
    SELECT ' ' || d.causes || ' ', o.created_at, o.id, 'opportunity', o.closes_on FROM volunteer_opportunities o JOIN ngo_directory d ON d.id = o.ngo_id
    WHERE o.hidden = 0 AND o.status = 'open'
  )`;

/** feed_items as rows, with each item's cause entries gathered into one " a b " string, like ngo_directory.causes. */
async function readFeedItems(): Promise<unknown[][]> {
  const direct = await all(
    `SELECT f.source, f.created_at, f.item_id, f.kind, f.closes_on FROM feed_items f
     WHERE f.source = coalesce((SELECT ngo_id FROM ngo_posts WHERE id = f.item_id AND f.kind = 'post'),
                               (SELECT ngo_id FROM volunteer_opportunities WHERE id = f.item_id AND f.kind = 'opportunity'))`,
  );
  const causes = await all(
    `SELECT f.source, f.created_at, f.item_id, f.kind, f.closes_on FROM feed_items f
     WHERE f.source IS NOT coalesce((SELECT ngo_id FROM ngo_posts WHERE id = f.item_id AND f.kind = 'post'),
                                    (SELECT ngo_id FROM volunteer_opportunities WHERE id = f.item_id AND f.kind = 'opportunity'))`,
  );
  const byItem = new Map<string, { row: unknown[]; causes: string[] }>();
  for (const row of causes) {
    const key = `${row[3]}:${row[2]}`;
    const entry = byItem.get(key) ?? { row, causes: [] };
    entry.causes.push(String(row[0]));
    byItem.set(key, entry);
  }
  const gathered = [...byItem.values()].map(({ row, causes: list }) => [` ${list.sort().join(' ')} `, ...row.slice(1)]);
  return sortRows([...direct, ...gathered]);
}

function sortRows(rows: unknown[][]): unknown[][] {
  return rows
    .map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

async function expectFeedItemsExact(): Promise<void> {
  const expected = (await all(EXPECTED_FEED_ITEMS_SQL)).map((row) => {
    // ngo_directory.causes keeps the content's order; compare as sorted sets.
    const source = String(row[0]);
    return source.startsWith(' ')
      ? [` ${source.trim().split(/\s+/).filter(Boolean).sort().join(' ')} `, ...row.slice(1)]
      : row;
  });
  expect(await readFeedItems()).toEqual(sortRows(expected.filter((r) => String(r[0]).trim() !== '')));
}

/** The feed as the plain query over the rows defines it: newest first, ties by id. */
async function readReferenceFeed(userId: string, today: string): Promise<string[]> {
  const rows = await all(
    `SELECT kind, id FROM (
       SELECT 'post' AS kind, p.id, p.created_at, p.ngo_id, d.causes FROM ngo_posts p LEFT JOIN ngo_directory d ON d.id = p.ngo_id
       WHERE p.hidden = 0
       UNION ALL
       SELECT 'opportunity', o.id, o.created_at, o.ngo_id, d.causes FROM volunteer_opportunities o LEFT JOIN ngo_directory d ON d.id = o.ngo_id
       WHERE o.hidden = 0 AND o.status = 'open' AND (o.closes_on IS NULL OR o.closes_on >= ?2)
     ) AS i
     WHERE EXISTS (SELECT 1 FROM ngo_follows WHERE user_id = ?1 AND ngo_id = i.ngo_id)
        OR EXISTS (SELECT 1 FROM cause_follows WHERE user_id = ?1 AND instr(i.causes, ' ' || cause || ' ') > 0)
     ORDER BY created_at DESC, id DESC`,
    [userId, today],
  );
  return rows.map(([kind, id]) => `${kind}:${id}`);
}

async function readWholeFeed(userId: string, now: Date, pageSize: number): Promise<FeedEntry[]> {
  const entries: FeedEntry[] = [];
  let cursor: FeedCursor | null = null;
  for (let page = 0; page < 100; page++) {
    const result = await getFeed(db, userId, cursor, pageSize, now);
    entries.push(...result.entries);
    if (!result.next) return entries;
    cursor = result.next;
  }
  throw new Error('the feed never ended');
}

describe('feed index', () => {
  it('holds exactly the visible items per source, and the feed reads as the plain query would', async () => {
    const random = createRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const ngos = records.slice(0, 8);
    const author = await createUser();
    const readers = await Promise.all(Array.from({ length: 3 }, createUser));
    const causes = [...new Set(ngos.flatMap((n) => n.causes))];
    // Reader 0 follows NGOs only, reader 1 causes only, reader 2 both.
    for (const ngo of ngos.slice(0, 3)) {
      await run('INSERT INTO ngo_follows (user_id, ngo_id, created_at) VALUES (?, ?, 0), (?, ?, 0)', [
        readers[0]!,
        ngo.id,
        readers[2]!,
        ngo.id,
      ]);
    }
    for (const cause of causes.slice(0, 2)) {
      await run('INSERT INTO cause_follows (user_id, cause, created_at) VALUES (?, ?, 0), (?, ?, 0)', [
        readers[1]!,
        cause,
        readers[2]!,
        cause,
      ]);
    }
    const day = 86_400_000;
    const start = Date.UTC(2026, 0, 1);
    const content = { title: 'News', bodyMarkdown: 'Body', bodyHtml: '<p>Body</p>', linkUrl: null, imageUrl: null };
    for (let step = 0; step < 150; step++) {
      // Several items share a second now and then: ties are ordered by id.
      const now = new Date(start + Math.floor(step / 3) * 1000);
      const posts = (await all('SELECT id FROM ngo_posts')).map((r) => String(r[0]));
      const opportunities = (await all('SELECT id FROM volunteer_opportunities')).map((r) => String(r[0]));
      const roll = random();
      if (roll < 0.35) await createPost(db, pick(ngos).id, author, content, now);
      else if (roll < 0.55) {
        const closesOn =
          random() < 0.5 ? null : new Date(start + Math.floor(random() * 60) * day).toISOString().slice(0, 10);
        await createOpportunity(
          db,
          pick(ngos).id,
          author,
          {
            title: 'Helpers',
            description: 'Help us',
            place: 'Belfast',
            remote: false,
            commitment: 'Weekly',
            skills: null,
            closesOn,
          },
          now,
        );
      } else if (roll < 0.65 && posts.length > 0) await setPostHidden(db, pick(posts), random() < 0.6, now);
      else if (roll < 0.7 && posts.length > 0) await deletePost(db, pick(posts));
      else if (roll < 0.78 && opportunities.length > 0)
        await setOpportunityHidden(db, pick(opportunities), random() < 0.6, now);
      else if (roll < 0.85 && opportunities.length > 0) {
        await run('UPDATE volunteer_opportunities SET status = ? WHERE id = ?', [
          pick(['open', 'closed']),
          pick(opportunities),
        ]);
      } else if (roll < 0.9 && opportunities.length > 0) {
        await run('DELETE FROM volunteer_opportunities WHERE id = ?', [pick(opportunities)]);
      } else {
        // A directory sync where an NGO changed causes, or left the directory (and later came back).
        const directory = records.flatMap((record) => {
          if (!ngos.some((n) => n.id === record.id) || random() < 0.7) return [record];
          if (random() < 0.3) return [];
          return [{ ...record, causes: causes.filter(() => random() < 0.4) }];
        });
        await syncNgoDirectory(db, directory, now);
      }
      if (step % 25 === 24) await expectFeedItemsExact();
    }
    await expectFeedItemsExact();

    const today = new Date(start + 20 * day);
    const names = new Map(
      (await all('SELECT id, name FROM ngo_directory')).map(([id, name]) => [String(id), String(name)]),
    );
    const followed = new Map<string, Set<string>>();
    for (const reader of readers) {
      followed.set(
        reader,
        new Set((await all('SELECT ngo_id FROM ngo_follows WHERE user_id = ?', [reader])).map((r) => String(r[0]))),
      );
    }
    const closeReader = attachLocalReader(db, testDb.url);
    try {
      for (const path of ['local reader', 'client']) {
        if (path === 'client') closeReader();
        for (const reader of readers) {
          const expected = await readReferenceFeed(reader, today.toISOString().slice(0, 10));
          expect(expected.length, 'the random writes should leave something to read').toBeGreaterThan(5);
          for (const pageSize of [1, 4, 20]) {
            const feed = await readWholeFeed(reader, today, pageSize);
            const ids = feed.map((e) =>
              e.kind === 'post'
                ? `post:${e.post.id}`
                : e.kind === 'opportunity'
                  ? `opportunity:${e.opportunity.id}`
                  : `report:${e.report.id}`,
            );
            expect(ids, `${path}, page size ${pageSize}`).toEqual(expected);
            for (const entry of feed) {
              expect(entry.via).toBe(followed.get(reader)!.has(entry.ngo.id) ? 'ngo' : 'cause');
              expect(entry.ngo.name).toBe(names.get(entry.ngo.id) ?? null);
            }
          }
        }
      }
    } finally {
      closeReader();
    }
  });
});
