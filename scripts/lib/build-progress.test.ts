import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CAUSES } from '../../model/causes.ts';
import { NGO_INDEX_SHARDS } from '../../src/lib/ngo-index.ts';
import type { Ngo } from '../../model/ngo.ts';
import {
  countSitePages,
  countStaticRoutes,
  createAstroOutputFilter,
  createProgressReporter,
  formatBuildProgress,
} from './build-progress.ts';

describe('formatBuildProgress', () => {
  it('shows pages of the total with the percentage, search records and whole seconds', () => {
    expect(
      formatBuildProgress({
        pagesDone: 12_000,
        pagesTotal: 37_647,
        searchDone: 20_000,
        searchTotal: 35_000,
        elapsedMs: 31_900,
      }),
    ).toBe('[jumo] pages 12,000/37,647 (31%) · search 20,000/35,000 · 31 s');
  });

  it('shows bare counts while the totals are unknown', () => {
    expect(formatBuildProgress({ pagesDone: 0, searchDone: 0, elapsedMs: 400 })).toBe(
      '[jumo] pages 0 · search 0 · 0 s',
    );
  });

  it('never shows more done than the total, nor more than 100%', () => {
    expect(
      formatBuildProgress({ pagesDone: 105, pagesTotal: 100, searchDone: 6, searchTotal: 7, elapsedMs: 90_000 }),
    ).toBe('[jumo] pages 105/105 (100%) · search 6/7 · 90 s');
  });

  it('says when the search index, every record in, is being written and when it is done', () => {
    const indexed = { pagesDone: 10, pagesTotal: 20, searchDone: 7, searchTotal: 7, elapsedMs: 5_000 };
    expect(formatBuildProgress(indexed)).toBe('[jumo] pages 10/20 (50%) · search 7/7, writing · 5 s');
    expect(formatBuildProgress({ ...indexed, searchWritten: true })).toBe(
      '[jumo] pages 10/20 (50%) · search done · 5 s',
    );
  });
});

describe('countSitePages', () => {
  const ngo = (i: number, overrides: Partial<Ngo> = {}): Ngo => ({
    id: `GB-NIC-${String(100000 + i)}`,
    slug: `test-${i}`,
    name: `Test ${i}`,
    summary: 'A test record used only to count pages.',
    causes: ['health'],
    location: { country: 'GB' },
    registry: { name: 'Charity Commission for Northern Ireland', number: String(i), url: 'https://example.org/' },
    ...overrides,
  });

  it('counts a page per NGO, the index shards and every listing page of 50', () => {
    // 120 in health (3 pages), all in GB (3), 60 in GB-NIR (2), 10 also working in France (1).
    const ngos = Array.from({ length: 120 }, (_, i) =>
      ngo(i, {
        location: i < 60 ? { country: 'GB', region: 'GB-NIR' } : { country: 'GB' },
        ...(i < 10 ? { countriesServed: ['GB', 'FR'] } : {}),
      }),
    );
    const emptyCauses = CAUSES.length - 1; // one page each, like Astro's paginate() of nothing
    // The bulk download: the GB-NIC shard, the schema and the manifest.
    expect(countSitePages(ngos, 13)).toBe(13 + 120 + NGO_INDEX_SHARDS + 3 + emptyCauses + 3 + 2 + 1 + 3);
  });

  it('counts an NGO on each of its causes', () => {
    const ngos = Array.from({ length: 51 }, (_, i) => ngo(i, { causes: ['health', 'education'] }));
    // health and education 2 pages each, the other causes 1, GB 2 pages, 3 bulk download files.
    expect(countSitePages(ngos, 0)).toBe(51 + NGO_INDEX_SHARDS + 2 * 2 + (CAUSES.length - 2) + 2 + 3);
  });
});

describe('countStaticRoutes', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts routes without parameters that are prerendered', async () => {
    dir = await mkdtemp(join(tmpdir(), 'jumo-pages-'));
    await mkdir(join(dir, 'api'));
    await mkdir(join(dir, 'ngos'));
    await mkdir(join(dir, '[lang]'));
    await mkdir(join(dir, 'me'));
    const files: Record<string, string> = {
      'index.astro': '---\n---\n<h1>Home</h1>',
      'robots.txt.ts': 'export const GET = () => new Response("");',
      'me/index.astro': '<p>me</p>',
      'ngos/[slug].astro': '<p>ngo</p>',
      '[lang]/about.astro': '<p>about</p>',
      'api/[...path].ts': 'export const prerender = false;',
      'live.ts': 'export const prerender = false;\nexport const GET = () => new Response("");',
      'format.test.ts': '',
      'styles.css': '',
    };
    for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
    expect(await countStaticRoutes(dir)).toBe(3);
  });
});

// Astro 7's output while it renders, as captured from `astro build` (stdout a pipe): pages
// start without a newline, 32 at a time, and end with their render time.
const RENDERING =
  '23:21:18   ├─ /404.html23:21:18   ├─ /about/index.html23:21:18   ├─ /admin/index.html (+84ms) \n' +
  '23:21:20   ├─ /causes/arts-culture/14/index.html (+1.69s) \n' +
  ' (+136ms) \n' +
  ' (+135ms) \n';

describe('createAstroOutputFilter', () => {
  it('counts written pages and shows nothing of them', () => {
    const filter = createAstroOutputFilter();
    expect(filter.push(RENDERING)).toEqual({ show: '', pagesWritten: 4 });
    expect(filter.end()).toBe('');
  });

  it('passes every other line on whole, around the pages', () => {
    const filter = createAstroOutputFilter();
    const before = '23:18:49 [build] Building server entrypoints...\n\n prerendering static routes \n';
    const after = '23:24:38 ✓ Completed in 5m 16s.\n\n23:24:40 [build] Complete!\n';
    expect(filter.push(before + RENDERING + after)).toEqual({ show: before + after, pagesWritten: 4 });
  });

  it('keeps a warning logged while pages are in flight', () => {
    const filter = createAstroOutputFilter();
    const { show, pagesWritten } = filter.push(
      '23:21:18   ├─ /a/index.html23:21:18   ├─ /b/index.html 23:21:19 [WARN] [build] Something to fix in /a/\n (+5ms) \n',
    );
    expect(show).toBe('23:21:19 [WARN] [build] Something to fix in /a/\n');
    expect(pagesWritten).toBe(1);
  });

  it('counts pages across chunk boundaries, wherever the chunks are cut', () => {
    for (let cut = 1; cut < RENDERING.length; cut += 7) {
      const filter = createAstroOutputFilter();
      const first = filter.push(RENDERING.slice(0, cut));
      const second = filter.push(RENDERING.slice(cut));
      expect(first.pagesWritten + second.pagesWritten).toBe(4);
      expect(first.show + second.show).toBe('');
    }
  });

  it('counts cached and coloured pages, and shows a note Astro adds to one', () => {
    const filter = createAstroOutputFilter();
    const coloured =
      '\x1b[2m23:21:18\x1b[22m   \x1b[34m├─\x1b[39m \x1b[2m/a/index.html\x1b[22m \x1b[2m(+12ms)\x1b[22m \n' +
      '  \x1b[32m├─\x1b[39m \x1b[2m/b/index.html\x1b[22m \x1b[32m(cached)\x1b[22m\n' +
      ' (+3ms) \x1b[33m(file not created, response body was empty)\x1b[39m\n';
    const { show, pagesWritten } = filter.push(coloured);
    expect(pagesWritten).toBe(3);
    expect(show.replace(/\x1b\[[0-9;]*m/g, '')).toBe('[build] a page: (file not created, response body was empty)\n');
  });

  it('gives back an unfinished last line at the end (the pages under way when Astro stopped)', () => {
    const filter = createAstroOutputFilter();
    expect(filter.push('23:21:18   ├─ /ngos/x/index.html')).toEqual({ show: '', pagesWritten: 0 });
    expect(filter.end()).toBe('23:21:18   ├─ /ngos/x/index.html');
  });
});

describe('createProgressReporter', () => {
  const collect = (isTTY: boolean) => {
    const written: string[] = [];
    return { out: { isTTY, write: (text: string) => written.push(text) }, written };
  };

  it('on a terminal, keeps one line updated below the other output', () => {
    let now = 1_000;
    const { out, written } = collect(true);
    const astro = collect(true);
    const progress = createProgressReporter({ out, now: () => now, ttyEveryMs: 60_000 });
    progress.setPagesTotal(200);
    progress.setPagesDone(50);
    now += 2_000;
    progress.draw();
    expect(written.join('')).toBe('\r\x1b[2K[jumo] pages 50/200 (25%) · search 0 · 2 s');
    progress.draw(); // unchanged: nothing written
    expect(written).toHaveLength(1);
    written.length = 0;

    progress.passThrough(astro.out, '12:00:00 [WARN] careful\n');
    expect(astro.written).toEqual(['12:00:00 [WARN] careful\n']);
    // cleared before the warning, drawn again after it
    expect(written).toEqual(['\r\x1b[2K', '\r\x1b[2K[jumo] pages 50/200 (25%) · search 0 · 2 s']);
    written.length = 0;

    progress.passThrough(astro.out, 'half a line');
    expect(written).toEqual(['\r\x1b[2K']);
    written.length = 0;
    progress.setSearch(500, 1_000);
    progress.draw(); // not in the middle of someone else's line
    expect(written).toEqual([]);
    progress.log('[jumo] pages built');
    expect(written.join('')).toBe('\n[jumo] pages built\n\r\x1b[2K[jumo] pages 50/200 (25%) · search 500/1,000 · 2 s');
    written.length = 0;

    progress.stop();
    expect(written).toEqual(['\r\x1b[2K']);
  });

  it('in a log, prints plain lines and nothing else of its own', () => {
    let now = 0;
    const { out, written } = collect(false);
    const progress = createProgressReporter({ out, now: () => now, plainEveryMs: 60_000 });
    progress.passThrough(out, '12:00:00 [build] Collecting build info...\n');
    progress.setPagesDone(7);
    now = 10_000;
    progress.draw();
    progress.log('[jumo] search index built');
    progress.stop();
    expect(written).toEqual([
      '12:00:00 [build] Collecting build info...\n',
      '[jumo] pages 7 · search 0 · 10 s\n',
      '[jumo] search index built\n',
    ]);
  });
});
