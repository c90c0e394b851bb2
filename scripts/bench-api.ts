// API throughput and p99 latency on the Node entry over loopback, with autocannon.
// Budget (DESIGN.md), 2 cores: read routes ≥ 3,000 req/s and p99 ≤ 20 ms; follow/pledge
// writes ≥ 500/s with nothing lost (every 2xx is a row in the database afterwards).
//   node scripts/bench-api.ts            (BENCH_SECONDS=10, BENCH_CONNECTIONS=10 by default)
// The server runs in a child process (this file with --serve) so autocannon does not share
// its event loop; it uses a fresh migrated libSQL file and one demo session.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startNodeServer } from '../functions/node-server.ts';

export type ApiBenchResult = { route: string; requestsPerSec: number; p99Ms: number };

const READ_BUDGET = { requestsPerSec: 3_000, p99Ms: 20 };
const WRITE_BUDGET = { requestsPerSec: 500 };

async function serve(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jumo-bench-'));
  const clientDir = join(dir, 'client');
  mkdirSync(clientDir);
  const server = await startNodeServer({
    clientDir,
    environment: { DATABASE_URL: `file:${join(dir, 'bench.db')}` },
    migrate: true,
    port: 0,
    // One client hammering writes is exactly what the rate limiter stops: lift it here.
    appOverrides: {
      rateLimits: { signIn: { limit: 1e9, windowSeconds: 60 }, write: { limit: 1e9, windowSeconds: 60 } },
    },
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

function startServerProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function readJson<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

/**
 * Measure GET /api/me (signed in), GET /api/health, PUT /api/follows/ngos/:id and
 * POST /api/pledges; throws if any request fails or a write is missing afterwards.
 * Imported by scripts/bench.ts.
 */
export async function benchApi(): Promise<ApiBenchResult[]> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const server = await startServerProcess();
  try {
    const signIn = await fetch(`${server.url}/api/auth/demo`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Bench User' }),
    });
    if (!signIn.ok) throw new Error(`demo sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!;

    const results: ApiBenchResult[] = [];
    const measure = async (route: string, options: autocannon.Options): Promise<void> => {
      // Warm-up: JIT and the database page cache.
      await runAutocannon({ ...options, connections, duration: 1 });
      const result = await runAutocannon({ ...options, connections, duration: seconds });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${route}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
      }
      results.push({ route, requestsPerSec: Math.round(result.requests.average), p99Ms: result.latency.p99 });
    };

    await measure('GET /api/me', { url: `${server.url}/api/me`, headers: { Cookie: cookie } });
    await measure('GET /api/health', { url: `${server.url}/api/health` });

    const writeHeaders = { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/json' };
    // Each request follows a different NGO, so each is a real insert plus a counter update.
    let follows = 0;
    const ngoId = (n: number) => `US-EIN-${String(n).padStart(9, '0')}`;
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
    let pledges = 0;
    await measure('POST /api/pledges', {
      url: server.url,
      requests: [
        {
          method: 'POST',
          path: '/api/pledges',
          body: JSON.stringify({
            ngoId: 'GB-NIC-100002',
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

    // Nothing lost: every request sent (all answered 2xx, warm-ups included) is in the database.
    const ngo = await readJson<{ pledges: { count: number } }>(`${server.url}/api/ngos/GB-NIC-100002/stats`);
    if (ngo.pledges.count !== pledges) throw new Error(`pledges: ${pledges} sent, ${ngo.pledges.count} recorded`);
    for (const n of [0, Math.floor(follows / 2), follows - 1]) {
      const stats = await readJson<{ followers: number }>(`${server.url}/api/ngos/${ngoId(n)}/stats`);
      if (stats.followers !== 1) throw new Error(`follow #${n} was not recorded`);
    }
    return results;
  } finally {
    server.stop();
  }
}

if (process.argv.includes('--serve')) {
  await serve();
} else if (import.meta.main) {
  const results = await benchApi();
  console.log(
    `API on the Node entry, loopback. Budget: reads ≥ ${READ_BUDGET.requestsPerSec} req/s and p99 ≤ ${READ_BUDGET.p99Ms} ms; writes ≥ ${WRITE_BUDGET.requestsPerSec}/s, none lost.`,
  );
  for (const r of results) {
    const isRead = r.route.startsWith('GET ');
    const ok = isRead
      ? r.requestsPerSec >= READ_BUDGET.requestsPerSec && r.p99Ms <= READ_BUDGET.p99Ms
      : r.requestsPerSec >= WRITE_BUDGET.requestsPerSec;
    console.log(
      `${r.route.padEnd(28)} ${String(r.requestsPerSec).padStart(7)} req/s   p99 ${String(r.p99Ms).padStart(4)} ms   ${ok ? 'ok' : 'OVER BUDGET'}`,
    );
  }
}
