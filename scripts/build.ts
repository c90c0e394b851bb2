import { spawn } from 'node:child_process';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSearchIndex } from './search-index.ts';
import { findDeployProblems, measureTree } from './lib/deploy-limits.ts';

/**
 * `npm run build`: render the site and build the search index side by side
 * (Astro is mostly single-threaded, Pagefind runs as its own process), then
 * check the output against Cloudflare's limits. Fails loudly on any error.
 */

const SEARCH_TMP = '.cache/search';

function runAstroBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build exited with ${code}`))));
  });
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export async function buildSite(): Promise<void> {
  const started = performance.now();
  // Deleting first is faster than letting Astro build into an existing dist/.
  await rm('dist', { recursive: true, force: true });
  const [, search] = await Promise.all([
    runAstroBuild().then(() => console.log(`[jumo] pages built in ${seconds(started)} s`)),
    buildSearchIndex({ contentDir: process.env.CONTENT_DIR, outputPath: SEARCH_TMP }).then((r) => {
      console.log(`[jumo] search index (${r.pages} NGOs) built in ${seconds(started)} s`);
      return r;
    }),
  ]);
  for (const bundle of await readdir(SEARCH_TMP)) await rename(join(SEARCH_TMP, bundle), join('dist/client', bundle));
  const stats = await measureTree('dist/client');
  const problems = findDeployProblems(stats);
  if (problems.length > 0) throw new Error(`deploy limits: ${problems.join('; ')}`);
  console.log(
    `[jumo] build complete in ${seconds(started)} s: ${stats.files} files, ${(stats.bytes / 1e6).toFixed(1)} MB, ${search.pages} NGOs indexed`,
  );
}

if (import.meta.main) {
  await buildSite().catch((error) => {
    console.error(`[jumo] build failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
