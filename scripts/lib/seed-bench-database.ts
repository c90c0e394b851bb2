// A database of realistic size for `npm run bench:api`: users, follows, pledges, posts and
// volunteer calls over the real NGO ids of ngo_directory, popular NGOs drawing most of the
// attention (Zipf-like), as on any social network. Deterministic (seeded PRNG), so runs compare.
import type { Database } from '../../db/client.ts';
import { createSession } from '../../functions/auth/session.ts';

export type SeedSize = {
  users: number;
  /** NGO follows in all (each user follows a few NGOs, popular ones more often). */
  ngoFollows: number;
  /** Average number of causes a user follows. */
  causesPerUser: number;
  pledges: number;
  posts: number;
  opportunities: number;
};

export const REALISTIC_SEED_SIZE: SeedSize = {
  users: 50_000,
  ngoFollows: 500_000,
  causesPerUser: 1.5,
  pledges: 100_000,
  posts: 20_000,
  opportunities: 2_000,
};

export type SeedResult = {
  counts: Record<'users' | 'ngoFollows' | 'causeFollows' | 'pledges' | 'posts' | 'opportunities', number>;
  /** The NGO with the most followers (and, by the same popularity, among the most pledges). */
  topNgoId: string;
  /** NGO ids drawn by popularity, for spreading stats reads over pages as visitors do. */
  popularNgoIds: string[];
  /** Every NGO id of the directory, shuffled: fresh ones to follow. */
  shuffledNgoIds: string[];
  /** A seeded user with a realistic set of follows, signed in. */
  reader: { userId: string; token: string; ngoFollows: number; causeFollows: number };
  seconds: number;
};

const ROWS_PER_INSERT = 50_000;
const DAY_SECONDS = 86_400;
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const FIRST_NAMES = 'Ada Grace Alan Chinua Wole Ngozi Amara Tunde Maya Liam Sofia Kwame Aisha Noah Zara Emeka'.split(
  ' ',
);
const LAST_NAMES =
  'Lovelace Hopper Turing Achebe Soyinka Okafor Adeyemi Mensah Smith Garcia Kim Ibrahim Walsh Nguyen'.split(' ');
const WORDS = (
  'we our team volunteers families thanks support community project new season raised helped children ' +
  'school clinic food water trees shelter month week year report update launch open day event appeal partners'
).split(' ');

/** mulberry32: tiny, fast and good enough to shape benchmark data. */
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

/** Draws indexes 0..n-1 with weight 1/(rank+1)^exponent: a few very popular, a long tail. */
function createZipfSampler(n: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** exponent;
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function compareKeys(a: unknown[], b: unknown[]): number {
  const [a0, a1] = a as [string, string];
  const [b0, b1] = b as [string, string];
  return a0 < b0 ? -1 : a0 > b0 ? 1 : a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

/**
 * Bulk insert in one transaction: rows travel as JSON (one string per 50,000 rows instead of a
 * bound value per field). The secondary indexes of `rebuild` (the table, and tables its
 * triggers write to) are dropped first and rebuilt after, because building an index from the
 * finished table (one sort) is far cheaper than updating it row by row in random key order;
 * except the indexes in `keep`, which the triggers read (without pledges_user_created_idx,
 * each pledge's supporter check would scan the table). Triggers stay, so counters and the
 * feed index come out as the app keeps them.
 */
async function insertRows(
  db: Database,
  table: string,
  columns: string[],
  rows: unknown[][],
  { rebuild, keep = [] }: { rebuild: string[]; keep?: string[] },
): Promise<void> {
  if (rows.length === 0) return;
  const indexes = (
    await db.$client.execute({
      sql: `SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`,
      args: [JSON.stringify(rebuild)],
    })
  ).rows
    .map((r) => ({ name: String(r.name), sql: String(r.sql) }))
    .filter((index) => !keep.includes(index.name));
  const select = columns.map((_, i) => `value ->> ${i}`).join(', ');
  const statements = [
    ...indexes.map((index) => `DROP INDEX "${index.name}"`),
    ...Array.from({ length: Math.ceil(rows.length / ROWS_PER_INSERT) }, (_, i) => ({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM json_each(?)`,
      args: [JSON.stringify(rows.slice(i * ROWS_PER_INSERT, (i + 1) * ROWS_PER_INSERT))],
    })),
    ...indexes.map((index) => index.sql),
  ];
  await db.$client.batch(statements, 'write');
}

/**
 * Fill a freshly migrated database (ngo_directory already synced) with `size` rows, through the
 * same tables and triggers as the app, so the follower counters come out as the app keeps them.
 */
export async function seedBenchDatabase(
  db: Database,
  size: SeedSize,
  now: Date,
  seed = 20_260_115,
): Promise<SeedResult> {
  const started = performance.now();
  const random = createRandom(seed);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const randomId = () =>
    Array.from({ length: 24 }, () => ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)]).join('');
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

  // The seeding connection's own page cache, big enough for every index being filled: with
  // SQLite's 2 MB default, random-order inserts re-read index pages from the OS all the time.
  await db.$client.execute('PRAGMA cache_size = -262144');
  const directory = (await db.$client.execute('SELECT id, causes FROM ngo_directory ORDER BY id')).rows.map((r) => ({
    id: String(r.id),
    causes: String(r.causes).trim().split(' ').filter(Boolean),
  }));
  if (directory.length === 0) throw new Error('ngo_directory is empty: sync the directory before seeding');
  if (size.ngoFollows > size.users * directory.length) throw new Error('more follows asked for than users × NGOs');
  // Popularity order: a random permutation of the directory, rank 0 the most popular.
  const byPopularity = shuffle([...directory], random);
  const drawNgo = createZipfSampler(byPopularity.length, 0.8, random);
  const causeIds = [...new Set(directory.flatMap((n) => n.causes))].sort();
  const causeWeight = new Map(causeIds.map((c) => [c, directory.filter((n) => n.causes.includes(c)).length]));
  const causesByWeight = causeIds.flatMap((c) => Array<string>(Math.ceil(causeWeight.get(c)! / 100)).fill(c));

  const userIds = Array.from({ length: size.users }, randomId);
  await insertRows(
    db,
    'users',
    ['id', 'provider', 'provider_user_id', 'name', 'picture_url', 'created_at', 'updated_at'],
    userIds.map((id, i) => {
      const created = nowSeconds - Math.floor(random() * 730 * DAY_SECONDS);
      return [id, 'demo', `bench user ${i}`, `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, null, created, created];
    }),
    { rebuild: ['users'] },
  );

  // Follows per user: exponential around the mean, so most follow a handful and a few follow many.
  const meanFollows = size.ngoFollows / size.users;
  const followedBy = userIds.map((userId) => {
    const wanted = Math.round(-Math.log(1 - random()) * meanFollows);
    const followed = new Set<string>();
    for (let tries = 0; followed.size < wanted && tries < wanted * 4; tries++)
      followed.add(byPopularity[drawNgo()]!.id);
    return { userId, followed };
  });
  // Exactly the number asked for: top up or trim random users' follows.
  let total = followedBy.reduce((n, f) => n + f.followed.size, 0);
  while (total < size.ngoFollows) {
    const { followed } = pick(followedBy);
    const before = followed.size;
    followed.add(byPopularity[drawNgo()]!.id);
    total += followed.size - before;
  }
  while (total > size.ngoFollows) {
    const { followed } = pick(followedBy);
    const first = followed.values().next();
    if (!first.done) {
      followed.delete(first.value);
      total -= 1;
    }
  }
  const ngoFollowRows: unknown[][] = followedBy.flatMap(({ userId, followed }) =>
    [...followed].map((ngoId) => [userId, ngoId, nowSeconds - Math.floor(random() * 365 * DAY_SECONDS)]),
  );
  const causeFollowRows: unknown[][] = userIds.flatMap((userId) => {
    const causes = new Set<string>();
    const wanted = Math.round(-Math.log(1 - random()) * size.causesPerUser);
    for (let tries = 0; causes.size < wanted && tries < 20; tries++) causes.add(pick(causesByWeight));
    return [...causes].map((cause) => [userId, cause, nowSeconds - Math.floor(random() * 365 * DAY_SECONDS)]);
  });
  // In primary-key order, inserts append to the b-tree instead of splitting pages all over it.
  ngoFollowRows.sort((a, b) => compareKeys(a, b));
  causeFollowRows.sort((a, b) => compareKeys(a, b));
  await insertRows(db, 'ngo_follows', ['user_id', 'ngo_id', 'created_at'], ngoFollowRows, { rebuild: ['ngo_follows'] });
  await insertRows(db, 'cause_follows', ['user_id', 'cause', 'created_at'], causeFollowRows, {
    rebuild: ['cause_follows'],
  });

  const currencies = ['USD', 'USD', 'USD', 'USD', 'USD', 'USD', 'GBP', 'GBP', 'EUR', 'CAD'];
  const pledgeRows = Array.from({ length: size.pledges }, (_, i) => {
    const created = nowSeconds - Math.floor(random() * 730 * DAY_SECONDS);
    const status = random() < 0.08 ? 'cancelled' : random() < 0.1 ? 'fulfilled' : 'active';
    return [
      randomId(),
      pick(userIds),
      byPopularity[drawNgo()]!.id,
      Math.max(100, Math.round(Math.exp(7 + random() * 3))),
      pick(currencies),
      random() < 0.25 ? 'monthly' : 'once',
      random() < 0.3 ? 'anonymous' : 'public',
      random() < 0.1 ? words(8) : null,
      status,
      `bench-${i}`,
      created,
      created,
    ];
  });
  await insertRows(
    db,
    'pledges',
    [
      'id',
      'user_id',
      'ngo_id',
      'amount_minor',
      'currency',
      'recurrence',
      'visibility',
      'note',
      'status',
      'idempotency_key',
      'created_at',
      'updated_at',
    ],
    pledgeRows,
    { rebuild: ['pledges'], keep: ['pledges_user_created_idx'] },
  );

  // News: popular NGOs post more; a body of a few paragraphs, as managers write them.
  const postRows = Array.from({ length: size.posts }, () => {
    const created = nowSeconds - Math.floor(random() * 365 * DAY_SECONDS);
    const paragraphs = Array.from({ length: 3 }, () => words(30));
    return [
      randomId(),
      byPopularity[drawNgo()]!.id,
      pick(userIds),
      words(6),
      paragraphs.join('\n\n'),
      paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
      random() < 0.2 ? 'https://example.org/news' : null,
      null,
      random() < 0.01 ? 1 : 0,
      created,
      created,
    ];
  });
  await insertRows(
    db,
    'ngo_posts',
    [
      'id',
      'ngo_id',
      'author_id',
      'title',
      'body_markdown',
      'body_html',
      'link_url',
      'image_url',
      'hidden',
      'created_at',
      'updated_at',
    ],
    postRows,
    { rebuild: ['ngo_posts', 'feed_items'] },
  );

  const toDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
  const opportunityRows = Array.from({ length: size.opportunities }, () => {
    const created = nowSeconds - Math.floor(random() * 365 * DAY_SECONDS);
    const closes = random() < 0.5 ? null : toDay(created + Math.floor(random() * 365 * DAY_SECONDS));
    return [
      randomId(),
      byPopularity[drawNgo()]!.id,
      pick(userIds),
      words(5),
      words(60),
      random() < 0.3 ? null : 'Belfast',
      random() < 0.3 ? 1 : 0,
      'A few hours a week',
      null,
      closes,
      random() < 0.2 ? 'closed' : 'open',
      0,
      created,
      created,
    ];
  });
  await insertRows(
    db,
    'volunteer_opportunities',
    [
      'id',
      'ngo_id',
      'author_id',
      'title',
      'description',
      'place',
      'remote',
      'commitment',
      'skills',
      'closes_on',
      'status',
      'hidden',
      'created_at',
      'updated_at',
    ],
    opportunityRows,
    { rebuild: ['volunteer_opportunities', 'feed_items'] },
  );

  // The reader: the first seeded user whose follows sit near the averages (≈10 NGOs, 2–3 causes).
  const followsOf = new Map<string, { ngos: number; causes: number }>();
  for (const [u] of ngoFollowRows)
    followsOf.set(u as string, { ngos: (followsOf.get(u as string)?.ngos ?? 0) + 1, causes: 0 });
  for (const [u] of causeFollowRows) {
    const f = followsOf.get(u as string);
    if (f) f.causes += 1;
  }
  const readerId = userIds.find((u) => {
    const f = followsOf.get(u);
    return f !== undefined && f.ngos >= 8 && f.ngos <= 14 && f.causes >= 2 && f.causes <= 3;
  });
  if (!readerId) throw new Error('no seeded user follows a typical set of NGOs and causes');
  const { token } = await createSession(db, readerId, now);

  return {
    counts: {
      users: userIds.length,
      ngoFollows: ngoFollowRows.length,
      causeFollows: causeFollowRows.length,
      pledges: pledgeRows.length,
      posts: postRows.length,
      opportunities: opportunityRows.length,
    },
    topNgoId: String(
      (await db.$client.execute('SELECT ngo_id FROM ngo_follower_counts ORDER BY followers DESC, ngo_id LIMIT 1'))
        .rows[0]![0],
    ),
    popularNgoIds: Array.from({ length: 1_000 }, () => byPopularity[drawNgo()]!.id),
    shuffledNgoIds: shuffle(
      directory.map((n) => n.id),
      random,
    ),
    reader: {
      userId: readerId,
      token,
      ngoFollows: followsOf.get(readerId)!.ngos,
      causeFollows: followsOf.get(readerId)!.causes,
    },
    seconds: (performance.now() - started) / 1000,
  };
}
