import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './lib/chromium.ts';

/**
 * Search budgets in headless Chromium against a running site (`npm start` or
 * the bench's own server): bytes a browser downloads for a first query, with
 * and without a filter, and time from the last keystroke to the first result.
 */

export type SearchFigures = {
  scenario: string;
  typed: boolean;
  searchBytes: number;
  pageBytes: number;
  msToFirstResult: number;
};

/**
 * Bytes on the wire (headers and encoded body): `after` counts what the search
 * downloads once counting starts (Pagefind's script, wasm, index, filters and
 * result fragments, worker fetches included); `before` the page itself.
 */
function countBytes(page: Page) {
  const totals = { before: 0, after: 0, counting: false };
  page.on('requestfinished', (request) => {
    const isSearch = new URL(request.url()).pathname.startsWith('/pagefind');
    if (totals.counting && !isSearch) return;
    const phase = totals.counting ? 'after' : 'before';
    void request.sizes().then((s) => {
      totals[phase] += s.responseBodySize + s.responseHeadersSize;
    });
  });
  return totals;
}

async function measureTyped(browser: Browser, baseUrl: string, query: string): Promise<SearchFigures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = countBytes(page);
  await page.goto(`${baseUrl}/search/`, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  bytes.counting = true;
  await page.evaluate((q) => {
    const w = window as unknown as { firstResultAt?: number; lastKeyAt?: number };
    document.querySelector('#search-q')!.addEventListener('input', () => (w.lastKeyAt = performance.now()));
    // Results for the whole query, not for a prefix typed on the way there.
    new MutationObserver((_, observer) => {
      const status = document.querySelector('#search-status')?.textContent ?? '';
      if (status.includes(`“${q}”`) && document.querySelector('.search-result')) {
        w.firstResultAt = performance.now();
        observer.disconnect();
      }
    }).observe(document.querySelector('main')!, { childList: true, subtree: true, characterData: true });
  }, query);
  await page.click('#search-q');
  await page.keyboard.type(query, { delay: 80 });
  await page.waitForFunction(() => (window as unknown as { firstResultAt?: number }).firstResultAt !== undefined);
  // Let the fragments of the first page of results finish downloading.
  await page.waitForTimeout(500);
  const ms = await page.evaluate(() => {
    const w = window as unknown as { firstResultAt: number; lastKeyAt: number };
    return w.firstResultAt - w.lastKeyAt;
  });
  await context.close();
  return {
    scenario: `typed "${query}"`,
    typed: true,
    searchBytes: bytes.after,
    pageBytes: bytes.before,
    msToFirstResult: ms,
  };
}

async function measureSharedLink(browser: Browser, baseUrl: string, search: string): Promise<SearchFigures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = countBytes(page);
  const started = Date.now();
  await page.goto(`${baseUrl}/search/${search}`, { waitUntil: 'domcontentloaded' });
  bytes.counting = true;
  await page.waitForSelector('.search-result');
  const ms = Date.now() - started;
  // Let the fragments of the first page of results finish downloading.
  await page.waitForTimeout(500);
  await context.close();
  return {
    scenario: `opened /search/${search}`,
    typed: false,
    searchBytes: bytes.after,
    pageBytes: bytes.before,
    msToFirstResult: ms,
  };
}

export async function benchSearch(baseUrl: string, ngoName: string, cause: string): Promise<SearchFigures[]> {
  const browser = await launchChromium();
  try {
    return [
      await measureTyped(browser, baseUrl, ngoName),
      await measureSharedLink(browser, baseUrl, `?q=${encodeURIComponent(ngoName.split(' ')[0]!)}&cause=${cause}`),
      await measureSharedLink(browser, baseUrl, `?q=community&place=US`),
    ];
  } finally {
    await browser.close();
  }
}
