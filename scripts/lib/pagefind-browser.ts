import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startNodeServer } from '../../functions/node-server.ts';
import { SEARCH_RANKING } from '../../src/scripts/search-ranking.ts';
import { launchChromium } from './chromium.ts';
import { readFragmentIds } from './search-sorts.ts';

/**
 * A real Pagefind index queried as /search/ queries it: Pagefind's own JS and wasm in
 * Chromium, with the page's ranking options, served by the Node entry (same compression as
 * `npm start`). For the relevance benchmark and the index tests; Pagefind has no Node search.
 */

/** Bytes on the wire by kind of Pagefind file: script, wasm, meta, index, fragment, filter, entry. */
export type FirstQueryBytes = { total: number; byKind: Record<string, number> };

/** The kind of a Pagefind bundle file, from its name. */
export function kindOfBundleFile(path: string): string {
  const name = path.split('/').pop() ?? '';
  if (name.endsWith('.js')) return 'script';
  if (name.startsWith('wasm.')) return 'wasm';
  if (name.endsWith('.pf_meta')) return 'meta';
  if (name.endsWith('.pf_index')) return 'index';
  if (name.endsWith('.pf_fragment')) return 'fragment';
  if (name.endsWith('.pf_filter')) return 'filter';
  return 'entry';
}

export type SearchSession = {
  /** Every result's URL, best first. */
  search: (query: string) => Promise<string[]>;
  /**
   * Bytes on the wire for a visitor's first query in a fresh browser: Pagefind's script,
   * wasm, metadata, the index chunks for the words and the first page of result fragments.
   */
  measureFirstQuery: (query: string, fragments?: number) => Promise<FirstQueryBytes>;
  close: () => Promise<void>;
};

/** The page a test browser opens: Pagefind is imported from it, as /search/ does. */
const BLANK_PAGE = '<!doctype html><html lang="en"><title>search</title></html>';

type PagefindInPage = {
  options: (o: object) => Promise<void>;
  init: () => Promise<void>;
  search: (q: string) => Promise<{ results: { id: string; data: () => Promise<{ url: string }> }[] }>;
};

export type Ranking = Record<string, number | Record<string, number>>;

async function loadPagefind(page: Page, url: string, ranking: Ranking): Promise<void> {
  await page.goto(`${url}/search-test.html`);
  // A string, not a function: test runners rewrite import() in functions they compile.
  await page.evaluate(`(async () => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({ ranking: ${JSON.stringify(ranking)} });
    await pf.init();
    window.pf = pf;
  })()`);
}

/** Result ids (fragment hashes), best first; `fragments`: load the first ones, as the page shows them. */
async function runQuery(page: Page, query: string, fragments = 0): Promise<string[]> {
  return page.evaluate(
    async ({ query, fragments }) => {
      const found = await (window as unknown as { pf: PagefindInPage }).pf.search(query);
      await Promise.all(found.results.slice(0, fragments).map((r) => r.data()));
      return found.results.map((r) => r.id);
    },
    { query, fragments },
  );
}

/**
 * `outputPath`: a directory holding `pagefind/` (what buildSearchIndex writes); `ranking`:
 * the page's options unless trying others.
 */
export async function openSearchSession(outputPath: string, ranking: Ranking = SEARCH_RANKING): Promise<SearchSession> {
  await writeFile(join(outputPath, 'search-test.html'), BLANK_PAGE);
  // Result ids are fragment hashes: mapped back to URLs here rather than downloading every fragment.
  const urls = new Map([...readFragmentIds(join(outputPath, 'pagefind'))].map(([url, id]) => [id, url]));
  const dbDir = await mkdtemp(join(tmpdir(), 'jumo-search-'));
  const server = await startNodeServer({
    clientDir: outputPath,
    environment: { DATABASE_URL: `file:${join(dbDir, 'search.db')}` },
    migrate: true,
    port: 0,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await loadPagefind(page, server.url, ranking);
    const opened = browser;
    return {
      search: async (query) => (await runQuery(page, query)).map((id) => urls.get(id) ?? id),
      async measureFirstQuery(query, fragments = 10) {
        const context = await opened.newContext();
        const fresh = await context.newPage();
        const sizes: Promise<[string, number]>[] = [];
        fresh.on('requestfinished', (request) => {
          const path = new URL(request.url()).pathname;
          if (!path.startsWith('/pagefind')) return;
          sizes.push(request.sizes().then((s) => [kindOfBundleFile(path), s.responseBodySize + s.responseHeadersSize]));
        });
        await loadPagefind(fresh, server.url, ranking);
        await runQuery(fresh, query, fragments);
        // requestfinished fires after the response body: give the last ones a moment.
        await fresh.waitForTimeout(200);
        const byKind: Record<string, number> = {};
        for (const [kind, bytes] of await Promise.all(sizes)) byKind[kind] = (byKind[kind] ?? 0) + bytes;
        await context.close();
        return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
      },
      async close() {
        await opened.close();
        await server.close();
        await rm(dbDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    await rm(dbDir, { recursive: true, force: true });
    throw error;
  }
}
