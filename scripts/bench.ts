// `npm run bench`: every performance budget of DESIGN.md, measured and printed.
//   npm run bench                 full build from scratch (BENCH_BUILDS=3 runs, median), then page
//                                 weight, search and LCP (phone profile) in Chromium, search relevance
//                                 (`npm run bench:search`), API throughput, share cards drawn
//                                 (`npm run bench:cards`), and the weekly digest
//   npm run bench -- --no-build   reuse dist/ (e.g. after `npm run build`)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer } from '../functions/node-server.ts';
import { readNgoShards } from '../content/read-ngo-shards.ts';
import { benchApi } from './bench-api.ts';
import { benchDigest } from './bench-digest.ts';
import { benchCards } from './bench-cards.ts';
import { measureNgoPageWeight, measureOutput, timeBuild } from './bench-build.ts';
import { benchOpenData } from './bench-open-data.ts';
import { benchSearch } from './bench-search.ts';
import { benchSiteLcp, formatLcp } from './bench-lcp.ts';
import { benchRelevance } from './bench-relevance.ts';
import { measureWidgetWeight } from './bench-widget.ts';

const MB = 1e6;
const KB = 1e3;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function benchBuild(): Promise<void> {
  const runs = Number(process.env.BENCH_BUILDS ?? 3);
  const results = [];
  for (let i = 0; i < runs; i++) {
    const run = await timeBuild();
    console.log(
      `  build ${i + 1}/${runs}: ${run.seconds.toFixed(1)} s, peak RSS ${(run.peakRssBytes / MB).toFixed(0)} MB`,
    );
    results.push(run);
  }
  const seconds = median(results.map((r) => r.seconds));
  const peak = Math.max(...results.map((r) => r.peakRssBytes));
  console.log(`build (median of ${runs}): ${seconds.toFixed(1)} s [budget 60 s: ${verdict(seconds <= 60)}]`);
  console.log(`build peak RSS: ${(peak / MB).toFixed(0)} MB [budget 2,500 MB: ${verdict(peak <= 2.5e9)}]`);
}

async function benchOutput(): Promise<void> {
  const out = await measureOutput();
  console.log(
    `output: ${out.pages} HTML pages (${out.ngoPages} NGO pages), ${out.files} files, ${(out.bytes / MB).toFixed(0)} MB`,
  );
  const weight = await measureNgoPageWeight();
  console.log(
    `NGO page HTML (gzip, ${weight.sampled} sampled): median ${(weight.medianGzipBytes / KB).toFixed(1)} KB, max ${(weight.maxGzipBytes / KB).toFixed(1)} KB [budget 12 KB: ${verdict(weight.maxGzipBytes <= 12_288)}]`,
  );
  console.log(
    `NGO page JS (gzip, max): ${(weight.maxJsGzipBytes / KB).toFixed(1)} KB [budget 15 KB: ${verdict(weight.maxJsGzipBytes <= 15_360)}]`,
  );
  const widget = await measureWidgetWeight();
  console.log(
    `widget script (gzip): ${(widget.loaderGzipBytes / KB).toFixed(1)} KB [budget 10 KB: ${verdict(widget.loaderGzipBytes <= 10_240)}]; its frame: HTML ${(widget.frameHtmlGzipBytes / KB).toFixed(1)} KB + JS ${(widget.frameJsGzipBytes / KB).toFixed(1)} KB in ${widget.modules} modules`,
  );
}

async function benchSearchInBrowser(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'jumo-bench-search-'));
  const server = await startNodeServer({
    clientDir: 'dist/client',
    environment: { DATABASE_URL: `file:${join(dir, 'bench.db')}` },
    migrate: true,
    port: 0,
  });
  try {
    // A real NGO from the middle of the directory, and one of its causes as the filter.
    const records = (await readNgoShards()) as { name: string; causes: string[] }[];
    const ngo = records[Math.floor(records.length / 2)]!;
    for (const r of await benchSearch(server.url, ngo.name, ngo.causes[0]!)) {
      // Typing is timed from the last keystroke; an opened link from navigation start, page load included.
      const timing = r.typed
        ? `first results ${r.msToFirstResult.toFixed(0)} ms after the last keystroke [budget 300 ms: ${verdict(r.msToFirstResult <= 300)}]`
        : `first results ${r.msToFirstResult.toFixed(0)} ms after navigation, page load included`;
      console.log(
        `search, ${r.scenario}: ${(r.searchBytes / KB).toFixed(0)} KB for the query (+${(r.pageBytes / KB).toFixed(0)} KB page) [budget 350 KB: ${verdict(r.searchBytes <= 350_000)}], ${timing}`,
      );
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchPagesLcp(): Promise<void> {
  for (const r of await benchSiteLcp()) console.log(formatLcp(r));
}

async function benchApiRoutes(): Promise<void> {
  await benchApi((line) => console.log(`API ${line}`));
}

if (!process.argv.includes('--no-build')) await benchBuild();
await benchOutput();
// The bulk download (/data/): its size and the time to make it.
await benchOpenData((line) => console.log(`bulk download: ${line}`));
await benchSearchInBrowser();
await benchPagesLcp();
await benchRelevance((line) => console.log(`search relevance ${line}`));
await benchApiRoutes();
await benchCards((line) => console.log(`share cards: ${line}`));
await benchDigest((line) => console.log(`digest ${line}`));
