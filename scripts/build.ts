import { spawn } from 'node:child_process';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSearchIndex, readNgoRecords } from './search-index.ts';
import {
  countSitePages,
  countStaticRoutes,
  createAstroOutputFilter,
  createProgressReporter,
  type ProgressReporter,
} from './lib/build-progress.ts';
import { findDeployProblems, measureTree } from './lib/deploy-limits.ts';

/**
 * `npm run build`: render the site and build the search index side by side
 * (Astro is mostly single-threaded, Pagefind runs as its own process), then
 * check the output against Cloudflare's limits. Fails loudly on any error.
 */

const SEARCH_TMP = '.cache/search';

/**
 * Astro's output goes through the progress reporter whole (stderr untouched, warnings and
 * errors in full) except its line per page, which is counted instead (createAstroOutputFilter).
 * Astro's log level cannot split those from the rest, and a configured Astro `logger` would
 * also become the deployed Worker's runtime logger.
 */
function runAstroBuild(progress: ProgressReporter): Promise<void> {
  // Its stdout is a pipe now; on a terminal it keeps its colours.
  const colour = process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {};
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      stdio: ['inherit', 'pipe', 'pipe'],
      env: { ...process.env, ...colour, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    const filter = createAstroOutputFilter();
    let pages = 0;
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      const { show, pagesWritten } = filter.push(text);
      pages += pagesWritten;
      progress.setPagesDone(pages);
      progress.passThrough(process.stdout, show);
    });
    child.stdout!.on('end', () => progress.passThrough(process.stdout, filter.end()));
    child.stderr!.setEncoding('utf8').on('data', (text: string) => progress.passThrough(process.stderr, text));
    child.on('error', reject);
    // 'close' rather than 'exit': by then all its output has been passed on.
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`astro build exited with ${code}`))));
  });
}

/** Reads the directory for the search index and counts the pages Astro will render from it. */
async function readRecordsCountingPages(progress: ProgressReporter) {
  const records = await readNgoRecords(process.env.CONTENT_DIR);
  progress.setPagesTotal(countSitePages(records, await countStaticRoutes('src/pages')));
  progress.setSearch(0, records.length);
  return records;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export async function buildSite(progress: ProgressReporter): Promise<void> {
  const started = performance.now();
  // Deleting first is faster than letting Astro build into an existing dist/.
  await rm('dist', { recursive: true, force: true });
  const [, search] = await Promise.all([
    runAstroBuild(progress).then(() =>
      progress.log(`[jumo] ${progress.pagesDone} pages built in ${seconds(started)} s`),
    ),
    readRecordsCountingPages(progress)
      .then((records) =>
        buildSearchIndex({
          records,
          outputPath: SEARCH_TMP,
          onProgress: (done, total) => progress.setSearch(done, total),
        }),
      )
      .then((r) => {
        progress.setSearchWritten();
        progress.log(`[jumo] search index (${r.pages} NGOs) built in ${seconds(started)} s`);
        return r;
      }),
  ]);
  progress.stop();
  for (const bundle of await readdir(SEARCH_TMP)) await rename(join(SEARCH_TMP, bundle), join('dist/client', bundle));
  const stats = await measureTree('dist/client');
  const problems = findDeployProblems(stats);
  if (problems.length > 0) throw new Error(`deploy limits: ${problems.join('; ')}`);
  console.log(
    `[jumo] build complete in ${seconds(started)} s: ${progress.pagesDone} pages, ${stats.files} files, ${(stats.bytes / 1e6).toFixed(1)} MB, ${search.pages} NGOs indexed`,
  );
}

if (import.meta.main) {
  const progress = createProgressReporter({ out: process.stdout });
  await buildSite(progress).catch((error) => {
    progress.stop();
    console.error(`[jumo] build failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
