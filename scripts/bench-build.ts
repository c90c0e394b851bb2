import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { measureTree } from './lib/deploy-limits.ts';
import { readTreeRss } from './lib/process-tree.ts';

/**
 * One full build from scratch (`scripts/build.ts`) as on a clean checkout: the previous
 * output is deleted first, untimed. Timed, with peak RSS of the whole process tree.
 */
export async function timeBuild(): Promise<{ seconds: number; peakRssBytes: number }> {
  await rm('dist', { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/build.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, readTreeRss(child.pid!));
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`build exited with ${code}`);
  return { seconds: (performance.now() - started) / 1000, peakRssBytes: peak };
}

export type OutputFigures = { pages: number; ngoPages: number; files: number; bytes: number };

export async function measureOutput(dir = 'dist/client'): Promise<OutputFigures> {
  const tree = await measureTree(dir);
  const ngoPages = (await readdir(join(dir, 'ngos'))).length;
  return { pages: tree.htmlFiles, ngoPages, files: tree.files, bytes: tree.bytes };
}

/** Gzipped size of NGO pages (every 100th, sorted by path) and of the JS they load. */
export async function measureNgoPageWeight(dir = 'dist/client') {
  const slugs = (await readdir(join(dir, 'ngos'))).sort().filter((_, i) => i % 100 === 0);
  const sizes: number[] = [];
  let maxJs = 0;
  for (const slug of slugs) {
    const html = await readFile(join(dir, 'ngos', slug, 'index.html'));
    sizes.push(gzipSync(html).length);
    const scripts = [...html.toString().matchAll(/<script[^>]*src="(\/[^"]+)"/g)].map((m) => m[1]!);
    let js = 0;
    for (const src of scripts) js += gzipSync(await readFile(join(dir, src))).length;
    // Inline scripts count too.
    for (const m of html.toString().matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)) {
      if (!/application\/ld\+json/.test(m[0])) js += gzipSync(m[1]!).length;
    }
    maxJs = Math.max(maxJs, js);
  }
  sizes.sort((a, b) => a - b);
  return {
    sampled: sizes.length,
    medianGzipBytes: sizes[Math.floor(sizes.length / 2)] ?? 0,
    maxGzipBytes: sizes.at(-1) ?? 0,
    maxJsGzipBytes: maxJs,
  };
}
