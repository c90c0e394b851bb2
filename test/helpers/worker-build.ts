import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A built Worker for the smoke test: the site built from the small fixture (test/fixtures/ngos,
 * ~10 s) in a temporary copy of the project, so the real dist/, .astro/ and .wrangler/ of a
 * working checkout (or CI's full build) are left alone.
 *
 * The Worker's entry must be functions/worker-entry.ts (see there why). If wrangler.toml does
 * not point `main` at it yet, the copy does, and `entryConfigured` says so.
 */
export const WORKER_ENTRY = './functions/worker-entry.ts';
const ROOT = resolve(import.meta.dirname, '../..');

export type WorkerBuild = { wranglerConfig: string; cwd: string; entryConfigured: boolean; cleanup: () => void };

export function buildWorkerForSmokeTest(): WorkerBuild {
  const copy = mkdtempSync(join(tmpdir(), 'jumo-worker-smoke-'));
  const copyDist = join(copy, 'dist');
  // Everything the build may import, without outputs, caches, data or tests.
  const skip = new Set([
    'node_modules',
    'dist',
    '.git',
    '.astro',
    '.wrangler',
    '.data',
    '.cache',
    'coverage',
    'e2e',
    'test',
    'docs',
    '.dev.vars',
  ]);
  for (const item of readdirSync(ROOT)) {
    // content/ holds its shard reader beside the 35,000 records: copy the code, not the data.
    const filter = item === 'content' ? (source: string) => !source.includes(join('content', 'ngos')) : undefined;
    if (!skip.has(item)) cpSync(join(ROOT, item), join(copy, item), { recursive: true, filter });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const wranglerToml = readFileSync(join(copy, 'wrangler.toml'), 'utf8');
  const mainLine = /^main\s*=\s*"([^"]*)"/m.exec(wranglerToml);
  const entryConfigured = mainLine?.[1] === WORKER_ENTRY;
  if (!entryConfigured) {
    const patched = mainLine
      ? wranglerToml.replace(mainLine[0], `main = "${WORKER_ENTRY}"`)
      : `main = "${WORKER_ENTRY}"\n${wranglerToml}`;
    writeFileSync(join(copy, 'wrangler.toml'), patched);
  }
  execFileSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: copy,
    stdio: 'pipe',
    env: { ...process.env, CONTENT_DIR: join(ROOT, 'test/fixtures/ngos'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return {
    wranglerConfig: join(copyDist, 'server', 'wrangler.json'),
    cwd: copy,
    entryConfigured,
    cleanup: () => rmSync(copy, { recursive: true, force: true }),
  };
}

/**
 * What the Worker uploads, gzipped file by file (close to the figure `wrangler deploy` checks
 * against Cloudflare's limit): every module under dist/server, source maps and config aside.
 */
export function measureWorkerGzipBytes(serverDir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(serverDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.map') || entry.name === 'wrangler.json') continue;
    bytes += gzipSync(readFileSync(join(entry.parentPath, entry.name))).length;
  }
  return bytes;
}
