import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readNgoShards } from '../../content/read-ngo-shards.ts';
import { ngoSchema, type Ngo } from '../../model/ngo.ts';

/**
 * Helpers for tests against the built site (dist/client): the content the site
 * was built from, a build-once guard, and a tiny tag/attribute reader for our own
 * (Astro-minified, predictable) HTML.
 */

/** SITE_DIST points the tests at a site built elsewhere (`astro build --outDir`); it is never rebuilt. */
export const DIST = process.env.SITE_DIST ?? 'dist/client';
export const CONTENT_DIR = process.env.CONTENT_DIR ?? 'content/ngos';

export async function readRecords(): Promise<Ngo[]> {
  return (await readNgoShards(CONTENT_DIR)).map((r) => ngoSchema.parse(r));
}

/**
 * Build once (`npm run build`, with this process's env) when the site is missing. A site built
 * from other content is not rebuilt behind anyone's back: the tests stop and say so.
 */
export function ensureBuilt(records: Ngo[]): void {
  const dir = join(DIST, 'ngos');
  if (!existsSync(dir)) {
    if (process.env.SITE_DIST) throw new Error(`${DIST} has no NGO pages: build it first (astro build --outDir)`);
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit', env: process.env });
  }
  const built = readdirSync(dir).length;
  const missing = records.filter((r) => !existsSync(join(dir, r.slug, 'index.html')));
  if (built !== records.length || missing.length > 0) {
    throw new Error(
      `${DIST} was not built from ${CONTENT_DIR} (${built} NGO pages for ${records.length} records, ` +
        `${missing.length} missing): rebuild with the same CONTENT_DIR (rm -rf dist && npm run build) or set SITE_DIST`,
    );
  }
}

/** The file a site path is served from: "/causes/" → dist/client/causes/index.html. */
export function fileFor(path: string): string {
  const clean = decodeURIComponent(path.split(/[?#]/)[0]!);
  return join(DIST, clean.endsWith('/') ? `${clean}index.html` : clean);
}

export function readPage(path: string): string {
  return readFileSync(fileFor(path), 'utf8');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#34': '"' };
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (ENTITIES[e]) return ENTITIES[e]!;
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return m;
  });
}

/** Attributes of every start tag named `tag`, decoded. */
export function findTags(html: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    }
    out.push(attrs);
  }
  return out;
}

export function metaContent(html: string, key: string): string | undefined {
  return findTags(html, 'meta').find((m) => m.property === key || m.name === key)?.content;
}

export function linkHref(html: string, rel: string): string | undefined {
  return findTags(html, 'link').find((l) => l.rel === rel)?.href;
}

export function hrefs(html: string): string[] {
  return findTags(html, 'a')
    .map((a) => a.href)
    .filter((h): h is string => Boolean(h));
}

/** Text of every element `tag` (inner HTML with tags removed, entities decoded). */
export function texts(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) =>
    decodeEntities(m[1]!.replace(/<[^>]+>/g, '')).trim(),
  );
}

/** Visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

export function jsonLd(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

/** Same ranking the listings promise: larger reported income/revenue first. */
export function reportedSize(ngo: Ngo): number {
  const f = ngo.financials?.[0];
  return f ? Math.max(f.income ?? 0, f.revenue ?? 0) : 0;
}

/**
 * Every JavaScript file a built page may load: its module scripts, inline modules and, through
 * them, every chunk they import, at once (`import … from`) or later (`import()`, Vite's preload
 * list). Gzipped sizes; `lazy` for what loads only on demand.
 */
export function listPageScripts(html: string): { file: string; gzipBytes: number; lazy: boolean }[] {
  const found = new Map<string, { file: string; gzipBytes: number; lazy: boolean }>();
  const visit = (src: string, lazy: boolean) => {
    const known = found.get(src);
    if (known) {
      known.lazy &&= lazy;
      return;
    }
    const code = readFileSync(join(DIST, src), 'utf8');
    found.set(src, { file: src, gzipBytes: gzipSync(code).length, lazy });
    const dir = posix.dirname(src);
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w{}*,\s$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g))
      visit(posix.join(dir, m[1]!), lazy);
    for (const m of code.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) visit(posix.join(dir, m[1]!), true);
    for (const m of code.matchAll(/["']_astro\/([^"']+\.js)["']/g)) visit(`/_astro/${m[1]}`, true);
  };
  for (const tag of findTags(html, 'script')) if (tag.src) visit(tag.src, false);
  for (const m of html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
    found.set(`inline:${found.size}`, { file: 'inline', gzipBytes: gzipSync(m[1]!).length, lazy: false });
    for (const i of m[1]!.matchAll(/["'](\/_astro\/[^"']+\.js)["']/g)) visit(i[1]!, false);
  }
  return [...found.values()];
}
