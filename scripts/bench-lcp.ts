import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { readNgoShards } from '../content/read-ngo-shards.ts';
import { startNodeServer } from '../functions/node-server.ts';
import { launchChromium } from './lib/chromium.ts';

/**
 * Largest Contentful Paint in Chromium under Lighthouse's phone profile, applied through CDP
 * as Lighthouse's "devtools" throttling does: a Moto G Power sized screen, the CPU slowed 4×
 * and slow 4G (562.5 ms request latency, 1.47 Mbit/s down, 675 kbit/s up). Each run is a
 * fresh browser context, so nothing of the page is cached: a visitor landing from a search
 * engine. Figures include the machine's load: the CPU slowdown multiplies whatever else runs.
 */

/** Lighthouse 12's mobile defaults (its `throttling.mobileSlow4G` and `screenEmulation.mobile`). */
export const PHONE_PROFILE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  cpuSlowdown: 4,
  latencyMs: 150 * 3.75,
  downloadBytesPerSecond: (1.6 * 1024 * 0.9 * 1024) / 8,
  uploadBytesPerSecond: (750 * 0.9 * 1024) / 8,
} as const;

export type LcpFigures = {
  name: string;
  path: string;
  /** Median LCP over the runs, ms from navigation start. */
  medianMs: number;
  runsMs: number[];
  /** What the largest paint was, e.g. `h1` or `p.lead`, from the median run. */
  element: string;
};

async function measureOnce(browser: Browser, url: string): Promise<{ ms: number; element: string }> {
  const context = await browser.newContext({
    viewport: PHONE_PROFILE.viewport,
    deviceScaleFactor: PHONE_PROFILE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    // Start the site's renderer process first: a fresh context swaps processes on its first
    // navigation, which costs 0.3-0.7 s on this shared 2-core machine and is Chromium's cost, not
    // the page's (Lighthouse's simulated LCP does not count it either). Nothing is cached by it.
    await page.goto(new URL('/favicon.svg', url).href);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE_PROFILE.latencyMs,
      downloadThroughput: PHONE_PROFILE.downloadBytesPerSecond,
      uploadThroughput: PHONE_PROFILE.uploadBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown });
    await page.addInitScript(() => {
      const w = window as unknown as { lcp?: { ms: number; element: string } };
      new PerformanceObserver((list) => {
        const last = list.getEntries().at(-1) as PerformanceEntry & { element?: Element | null };
        const el = last.element;
        const cls = el?.classList.length ? `.${[...el.classList].join('.')}` : '';
        w.lcp = { ms: last.startTime, element: el ? `${el.tagName.toLowerCase()}${cls}` : '(removed)' };
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // Late paints (web fonts, islands) can still replace the candidate; the phone is slow.
    await page.waitForTimeout(1500);
    const lcp = await page.evaluate(() => (window as unknown as { lcp?: { ms: number; element: string } }).lcp);
    if (!lcp) throw new Error(`${url}: no largest-contentful-paint entry`);
    return lcp;
  } finally {
    await context.close();
  }
}

/** LCP of each page, `runs` cold loads each (median reported). */
export async function benchLcp(
  baseUrl: string,
  pages: { name: string; path: string }[],
  runs = 5,
): Promise<LcpFigures[]> {
  const browser = await launchChromium();
  try {
    const out: LcpFigures[] = [];
    for (const { name, path } of pages) {
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await measureOnce(browser, new URL(path, baseUrl).href));
      const sorted = [...results].sort((a, b) => a.ms - b.ms);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      out.push({ name, path, medianMs: median.ms, runsMs: results.map((r) => r.ms), element: median.element });
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** The page types visitors land on: the home page, an NGO page and the largest cause's listing. */
export function pickLcpPages(records: { slug: string; causes: string[] }[]): { name: string; path: string }[] {
  const ngo = records[Math.floor(records.length / 2)]!;
  const counts = new Map<string, number>();
  for (const r of records) for (const c of r.causes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const cause = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return [
    // A plain-text file: what loading and painting anything costs on this machine now.
    { name: 'floor', path: '/robots.txt' },
    { name: 'home', path: '/' },
    { name: 'NGO page', path: `/ngos/${ngo.slug}/` },
    { name: 'cause listing', path: `/causes/${cause}/` },
  ];
}

/** The budget the issue set (issue 14): LCP ≤ 1.0 s under the phone profile. */
export const LCP_BUDGET_MS = 1000;

/** Serve `clientDir` on the Node entry (as `npm start` does) and measure its pages. */
export async function benchSiteLcp(clientDir = 'dist/client', runs = 5): Promise<LcpFigures[]> {
  const dir = await mkdtemp(join(tmpdir(), 'jumo-bench-lcp-'));
  const server = await startNodeServer({
    clientDir,
    environment: { DATABASE_URL: `file:${join(dir, 'bench.db')}` },
    migrate: true,
    port: 0,
  });
  try {
    const records = (await readNgoShards(process.env.CONTENT_DIR)) as { slug: string; causes: string[] }[];
    return await benchLcp(server.url, pickLcpPages(records), runs);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatLcp(r: LcpFigures): string {
  const ok = r.path.endsWith('.txt') ? 'reference' : r.medianMs <= LCP_BUDGET_MS ? 'ok' : 'OVER BUDGET';
  const runs = r.runsMs.map((ms) => ms.toFixed(0)).join(', ');
  return `LCP ${r.name} (${r.path}): ${(r.medianMs / 1000).toFixed(2)} s median of ${r.runsMs.length} (${runs} ms), largest paint ${r.element} [${ok === 'reference' ? 'reference' : `budget 1.0 s: ${ok}`}]`;
}

// `npm run bench:lcp`: LCP only, on dist/client (SITE_DIST and CONTENT_DIR for a small build).
if (import.meta.main) {
  for (const r of await benchSiteLcp(process.env.SITE_DIST ?? 'dist/client', Number(process.env.LCP_RUNS ?? 5))) {
    console.log(formatLcp(r));
  }
}
