// API throughput and p99 latency on the Node entry over loopback, with autocannon.
// Budget (DESIGN.md): read routes ≥ 3,000 req/s and p99 ≤ 20 ms on 2 cores.
//   node scripts/bench-api.ts            (BENCH_SECONDS=10, BENCH_CONNECTIONS=10 by default)
// The server runs in a child process (this file with --serve) so autocannon does not share
// its event loop; it uses a fresh migrated libSQL file and a demo session for /api/me.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startNodeServer } from '../functions/node-server.ts';

export type ApiBenchResult = { route: string; requestsPerSec: number; p99Ms: number };

const BUDGET = { requestsPerSec: 3_000, p99Ms: 20 };

async function serve(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jumo-bench-'));
  const clientDir = join(dir, 'client');
  mkdirSync(clientDir);
  const server = await startNodeServer({
    clientDir,
    environment: { DATABASE_URL: `file:${join(dir, 'bench.db')}` },
    migrate: true,
    port: 0,
    // The benchmark signs in once; lift the sign-in limit so reruns in one process never trip it.
    appOverrides: {
      rateLimits: { signIn: { limit: 1_000, windowSeconds: 60 }, write: { limit: 1_000, windowSeconds: 60 } },
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

/** Measure GET /api/me (signed in) and GET /api/health; used by scripts/bench.ts too. */
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

    const routes = [
      { route: 'GET /api/me', path: '/api/me', headers: { Cookie: cookie } },
      { route: 'GET /api/health', path: '/api/health', headers: {} },
    ];
    const results: ApiBenchResult[] = [];
    for (const { route, path, headers } of routes) {
      // Warm-up: JIT and the database page cache.
      await runAutocannon({ url: `${server.url}${path}`, headers, connections, duration: 1 });
      const result = await runAutocannon({ url: `${server.url}${path}`, headers, connections, duration: seconds });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${route}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
      }
      results.push({ route, requestsPerSec: Math.round(result.requests.average), p99Ms: result.latency.p99 });
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
  console.log(`API on the Node entry, loopback (budget: ≥ ${BUDGET.requestsPerSec} req/s, p99 ≤ ${BUDGET.p99Ms} ms)`);
  for (const r of results) {
    const ok = r.requestsPerSec >= BUDGET.requestsPerSec && r.p99Ms <= BUDGET.p99Ms;
    console.log(
      `${r.route.padEnd(18)} ${String(r.requestsPerSec).padStart(7)} req/s   p99 ${String(r.p99Ms).padStart(4)} ms   ${ok ? 'ok' : 'OVER BUDGET'}`,
    );
  }
}
