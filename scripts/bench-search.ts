import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './lib/chromium.ts';

/**
 * Search budgets in headless Chromium against a running site (`npm start` or
 * the bench's own server): bytes a browser downloads for a first query, with
 * and without a filter, and time from the last keystroke to the first result.
 */

export type SearchFigures = { scenario: string; searchBytes: number; pageBytes: number; msToFirstResult: number };

/** Sums bytes on the wire (headers included) per request, split at the moment we start counting. */
async function countBytes(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const totals = { before: 0, after: 0, counting: false };
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    totals[totals.counting ? 'after' : 'before'] += e.encodedDataLength;
  });
  return totals;
}

async function measureTyped(browser: Browser, baseUrl: string, query: string): Promise<SearchFigures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = await countBytes(page);
  await page.goto(`${baseUrl}/search/`, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  bytes.counting = true;
  await page.evaluate(() => {
    const w = window as unknown as { firstResultAt?: number; lastKeyAt?: number };
    document.querySelector('#search-q')!.addEventListener('input', () => (w.lastKeyAt = performance.now()));
    new MutationObserver((_, observer) => {
      if (document.querySelector('.search-result')) {
        w.firstResultAt = performance.now();
        observer.disconnect();
      }
    }).observe(document.querySelector('#search-results')!, { childList: true });
  });
  await page.click('#search-q');
  await page.keyboard.type(query, { delay: 80 });
  await page.waitForSelector('.search-result');
  // Let the fragments of the first page of results finish downloading.
  await page.waitForTimeout(500);
  const ms = await page.evaluate(() => {
    const w = window as unknown as { firstResultAt: number; lastKeyAt: number };
    return w.firstResultAt - w.lastKeyAt;
  });
  await context.close();
  return { scenario: `typed "${query}"`, searchBytes: bytes.after, pageBytes: bytes.before, msToFirstResult: ms };
}

async function measureSharedLink(browser: Browser, baseUrl: string, search: string): Promise<SearchFigures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = await countBytes(page);
  const started = Date.now();
  await page.goto(`${baseUrl}/search/${search}`, { waitUntil: 'domcontentloaded' });
  bytes.counting = true;
  await page.waitForSelector('.search-result');
  const ms = Date.now() - started;
  // Let the fragments of the first page of results finish downloading.
  await page.waitForTimeout(500);
  await context.close();
  return { scenario: `opened /search/${search}`, searchBytes: bytes.after, pageBytes: bytes.before, msToFirstResult: ms };
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
