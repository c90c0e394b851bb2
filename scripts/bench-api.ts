// API throughput and p99 latency on the Node entry over loopback, with autocannon.
// Budget (DESIGN.md), 2 cores: read routes ≥ 3,000 req/s and p99 ≤ 20 ms; follow/pledge
// writes ≥ 1,000/s with nothing lost (every 2xx is a row in the database afterwards).
//   node scripts/bench-api.ts            (BENCH_SECONDS=10, BENCH_CONNECTIONS=20 by default)
// The server runs in a child process (this file with --serve) so autocannon does not share
// its event loop. Its fresh libSQL file is first seeded to a realistic size
// (scripts/lib/seed-bench-database.ts: 50,000 users, 500,000 follows, 100,000 pledges, 20,000
// posts over the real NGO ids), since reads that are fast on an empty database can crawl on a
// full one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openDatabase, prepareLocalDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { syncNgoDirectoryFromContent } from '../db/sync-ngo-directory.ts';
import { startNodeServer } from '../functions/node-server.ts';
import { REALISTIC_SEED_SIZE, seedBenchDatabase, type SeedResult } from './lib/seed-bench-database.ts';

export type ApiBenchResult = { route: string; requestsPerSec: number; p99Ms: number };

const READ_BUDGET = { requestsPerSec: 3_000, p99Ms: 20 };
const WRITE_BUDGET = { requestsPerSec: 1_000 };

/** What the server process tells the benchmark about its database. */
type ServerReport = {
  url: string;
  seed: SeedResult;
  migrateSeconds: number;
  databaseBytes: number;
  /** A stored NGO logo's path under /api/media/. */
  logoName: string;
};

/** Migrate, copy the directory and seed, on a connection of its own closed before serving. */
async function prepareBenchDatabase(url: string): Promise<{ seed: SeedResult; migrateSeconds: number }> {
  const opened = openDatabase({ url });
  if (!opened.ok) throw new Error(`cannot open ${url}: ${opened.reason}`);
  try {
    await prepareLocalDatabase(opened.db);
    const started = performance.now();
    await migrateDatabase(opened.db);
    await syncNgoDirectoryFromContent(opened.db);
    const migrateSeconds = (performance.now() - started) / 1000;
    const seed = await seedBenchDatabase(opened.db, REALISTIC_SEED_SIZE, new Date());
    await opened.db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    return { seed, migrateSeconds };
  } finally {
    opened.db.$client.close();
  }
}

async function serve(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jumo-bench-'));
  const clientDir = join(dir, 'client');
  mkdirSync(clientDir);
  const databasePath = join(dir, 'bench.db');
  const { seed, migrateSeconds } = await prepareBenchDatabase(`file:${databasePath}`);
  // A logo as an upload leaves it: the file named by its content's hash in the media store.
  const logo = readFileSync(fileURLToPath(new URL('../test/fixtures/images/logo.png', import.meta.url)));
  const logoName = `${createHash('sha256').update(logo).digest('hex')}.png`;
  mkdirSync(join(dir, 'media'));
  writeFileSync(join(dir, 'media', logoName), logo);
  const server = await startNodeServer({
    clientDir,
    environment: { DATABASE_URL: `file:${databasePath}`, MEDIA_DIR: dir },
    // Migrated and synced above.
    migrate: false,
    port: 0,
    // One client hammering writes is exactly what the rate limiter stops: lift it here.
    appOverrides: {
      rateLimits: {
        signIn: { limit: 1e9, windowSeconds: 60 },
        write: { limit: 1e9, windowSeconds: 60 },
        publicRead: { limit: 1e9, windowSeconds: 60 },
      },
    },
  });
  const report: ServerReport = {
    url: server.url,
    seed,
    migrateSeconds,
    databaseBytes: statSync(databasePath).size,
    logoName,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

function startServerProcess(): Promise<ServerReport & { stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{') && l.endsWith('}'));
      if (line) resolve({ ...(JSON.parse(line) as ServerReport), stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function readJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

type StatsJson = { followers: number; pledges: { count: number }; supporters: number; viewerFollows: boolean | null };

/**
 * Measure GET /api/me (signed in), GET /api/health, GET /api/media/:name (a logo), GET /api/ngos/:id/stats (signed out over
 * NGOs drawn by popularity; signed in on the most followed NGO), GET /api/feed (a seeded reader
 * with a typical set of follows), the public directory reads (GET /api/v1/ngos/:id over NGOs by
 * popularity, GET /api/v1/ngos over a mix of filters and pages), PUT /api/follows/ngos/:id and POST /api/pledges on the seeded
 * database; throws if any request fails or a write is missing afterwards.
 * Imported by scripts/bench.ts.
 */
export async function benchApi(log: (line: string) => void = console.log): Promise<ApiBenchResult[]> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
  const server = await startServerProcess();
  const { seed } = server;
  log(
    `database: ${seed.counts.users.toLocaleString('en')} users, ${seed.counts.ngoFollows.toLocaleString('en')} NGO follows, ` +
      `${seed.counts.causeFollows.toLocaleString('en')} cause follows, ${seed.counts.pledges.toLocaleString('en')} pledges, ` +
      `${seed.counts.posts.toLocaleString('en')} posts, ${seed.counts.opportunities.toLocaleString('en')} volunteer calls ` +
      `(${(server.databaseBytes / 1e6).toFixed(0)} MB; migrated in ${server.migrateSeconds.toFixed(1)} s, seeded in ${seed.seconds.toFixed(1)} s)`,
  );
  try {
    const signIn = await fetch(`${server.url}/api/auth/demo`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Bench User' }),
    });
    if (!signIn.ok) throw new Error(`demo sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!;
    const readerCookie = `session=${seed.reader.token}`;

    const results: ApiBenchResult[] = [];
    /** `expect: 304` for revalidations, which must all answer Not Modified. */
    const measure = async (route: string, options: autocannon.Options, expect: 200 | 304 = 200): Promise<void> => {
      // Warm-up: JIT, prepared statements and the database page cache.
      await runAutocannon({ ...options, connections, duration: 1 });
      const result = await runAutocannon({ ...options, connections, duration: seconds });
      const unexpected = expect === 304 ? result.non2xx - result['3xx'] + result['2xx'] : result.non2xx;
      if (unexpected > 0 || result.errors > 0) {
        throw new Error(`${route}: ${unexpected} responses other than ${expect} and ${result.errors} errors`);
      }
      const measured = { route, requestsPerSec: Math.round(result.requests.average), p99Ms: result.latency.p99 };
      log(formatApiResult(measured));
      results.push(measured);
    };

    await measure('GET /api/me', { url: `${server.url}/api/me`, headers: { Cookie: cookie } });
    await measure('GET /api/health', { url: `${server.url}/api/health` });
    // An NGO logo: read from the media store, never from the database.
    await measure('GET /api/media/:name (an NGO logo, 3.3 KB)', { url: `${server.url}/api/media/${server.logoName}` });

    // Visitors land on many NGO pages, popular ones most often: each request takes the next id.
    let visit = 0;
    await measure('GET /api/ngos/:id/stats (signed out, NGOs by popularity)', {
      url: server.url,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/api/ngos/${seed.popularNgoIds[visit++ % seed.popularNgoIds.length]}/stats`,
          }),
        },
      ],
    });
    const topStats = await readJson<StatsJson>(`${server.url}/api/ngos/${seed.topNgoId}/stats`, {
      Cookie: readerCookie,
    });
    await measure(
      `GET /api/ngos/:id/stats (signed in, most followed NGO: ${topStats.followers.toLocaleString('en')} followers, ${topStats.pledges.count.toLocaleString('en')} pledges)`,
      {
        url: `${server.url}/api/ngos/${seed.topNgoId}/stats`,
        headers: { Cookie: readerCookie },
      },
    );
    const feed = await readJson<{ items: unknown[] }>(`${server.url}/api/feed`, { Cookie: readerCookie });
    if (feed.items.length === 0) throw new Error('the reader’s feed is empty: the seed should give it news');
    await measure(
      `GET /api/feed (signed in, following ${seed.reader.ngoFollows} NGOs and ${seed.reader.causeFollows} causes)`,
      {
        url: `${server.url}/api/feed`,
        headers: { Cookie: readerCookie },
      },
    );

    // A cause's news for feed readers (RSS): the newest 30 posts of its NGOs, from the feed index.
    await measure('GET /api/causes/:cause/feed.xml (health)', { url: `${server.url}/api/causes/health/feed.xml` });
    // Share cards: social sites revalidate (304, nothing drawn), and a card going round is drawn
    // once and then served from the in-process cache (drawing itself: `npm run bench:cards`).
    const cardUrl = `${server.url}/api/ngos/${seed.topNgoId}/card.png`;
    const card = await fetch(cardUrl);
    if (card.status !== 200) throw new Error(`card: ${card.status}`);
    await card.arrayBuffer();
    await measure(
      'GET /api/ngos/:id/card.png (304 on its ETag)',
      { url: cardUrl, headers: { 'If-None-Match': card.headers.get('ETag')! } },
      304,
    );
    await measure('GET /api/ngos/:id/card.png (200 from the in-process cache)', { url: cardUrl });

    // The public directory API, as another site's script reads it (an Origin of elsewhere, no cookie).
    const elsewhere = { Origin: 'https://widgets.elsewhere.example' };
    let record = 0;
    await measure('GET /api/v1/ngos/:id (public record, NGOs by popularity; repeats kept 20 s)', {
      url: server.url,
      requests: [
        {
          method: 'GET',
          headers: elsewhere,
          setupRequest: (request) => ({
            ...request,
            path: `/api/v1/ngos/${seed.popularNgoIds[record++ % seed.popularNgoIds.length]}`,
          }),
        },
      ],
    });
    // Directory pages as a browsing client asks for them: every filter shape, first and later pages.
    const listQueries = await listBenchQueries(server.url);
    let list = 0;
    await measure(`GET /api/v1/ngos (${listQueries.length} filter/page mixes, 20 a page; repeats kept 20 s)`, {
      url: server.url,
      requests: [
        {
          method: 'GET',
          headers: elsewhere,
          setupRequest: (request) => ({ ...request, path: listQueries[list++ % listQueries.length]! }),
        },
      ],
    });

    const writeHeaders = { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/json' };
    // Each request follows a different NGO of the directory, so each is a real insert plus a
    // counter update (the bench user follows nothing before).
    let follows = 0;
    const ngoId = (n: number) => seed.shuffledNgoIds[n % seed.shuffledNgoIds.length]!;
    await measure('PUT /api/follows/ngos/:id', {
      url: server.url,
      requests: [
        {
          method: 'PUT',
          headers: writeHeaders,
          setupRequest: (request) => ({ ...request, path: `/api/follows/ngos/${ngoId(follows++)}` }),
        },
      ],
    });
    // Each pledge carries a fresh Idempotency-Key, so each is recorded.
    const pledgeNgo = 'GB-NIC-100002';
    const pledgesBefore = (await readJson<StatsJson>(`${server.url}/api/ngos/${pledgeNgo}/stats`)).pledges.count;
    let pledges = 0;
    await measure('POST /api/pledges', {
      url: server.url,
      requests: [
        {
          method: 'POST',
          path: '/api/pledges',
          body: JSON.stringify({
            ngoId: pledgeNgo,
            amount: 500,
            currency: 'GBP',
            recurrence: 'once',
            visibility: 'public',
          }),
          setupRequest: (request) => ({
            ...request,
            headers: { ...writeHeaders, 'Idempotency-Key': `bench-${process.pid}-${pledges++}` },
          }),
        },
      ],
    });

    // Nothing lost: every request sent (all answered 2xx, warm-ups included) is in the database,
    // and the counters the stats read show it at once.
    const ngo = await readJson<StatsJson>(`${server.url}/api/ngos/${pledgeNgo}/stats`);
    if (ngo.pledges.count - pledgesBefore !== pledges) {
      throw new Error(`pledges: ${pledges} sent, ${ngo.pledges.count - pledgesBefore} recorded`);
    }
    for (const n of [0, Math.floor(follows / 2), follows - 1]) {
      const stats = await readJson<StatsJson>(`${server.url}/api/ngos/${ngoId(n)}/stats`, { Cookie: cookie });
      if (stats.viewerFollows !== true) throw new Error(`follow #${n} was not recorded`);
    }
    return results;
  } finally {
    server.stop();
  }
}

/**
 * Paths of directory pages: no filter, a cause, a place, a name, and their combinations, each
 * as a first page and as the page after it (its `next`, read from the server).
 */
async function listBenchQueries(url: string): Promise<string[]> {
  const filters = [
    '',
    'cause=health',
    'place=us',
    'place=gb-nir',
    'q=foundation',
    'q=com',
    'cause=education&place=us-ct',
    'q=trust&cause=community-development',
    'q=church&place=us&cause=religion',
  ];
  const paths: string[] = [];
  for (const filter of filters) {
    const first = `/api/v1/ngos${filter ? `?${filter}` : ''}`;
    paths.push(first);
    const page = await readJson<{ items: unknown[]; next: string | null }>(`${url}${first}`);
    if (page.items.length === 0) throw new Error(`${first}: no NGOs (the bench should read real pages)`);
    if (page.next) paths.push(`/api/v1/ngos?${filter ? `${filter}&` : ''}cursor=${page.next}`);
  }
  return paths;
}

/** One line per route, against the budget. */
export function formatApiResult(r: ApiBenchResult): string {
  const isRead = r.route.startsWith('GET ');
  const ok = isRead
    ? r.requestsPerSec >= READ_BUDGET.requestsPerSec && r.p99Ms <= READ_BUDGET.p99Ms
    : r.requestsPerSec >= WRITE_BUDGET.requestsPerSec;
  return `${String(r.requestsPerSec).padStart(6)} req/s   p99 ${String(r.p99Ms).padStart(3)} ms   ${ok ? 'ok         ' : 'OVER BUDGET'}   ${r.route}`;
}

if (process.argv.includes('--serve')) {
  await serve();
} else if (import.meta.main) {
  console.log(
    `API on the Node entry, loopback, ${process.env.BENCH_CONNECTIONS ?? 20} connections. Budget: reads ≥ ${READ_BUDGET.requestsPerSec} req/s and p99 ≤ ${READ_BUDGET.p99Ms} ms; writes ≥ ${WRITE_BUDGET.requestsPerSec}/s, none lost.`,
  );
  await benchApi();
}
