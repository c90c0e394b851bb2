import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNgoShards } from '../content/read-ngo-shards.ts';
import { CONTENT_DIR } from '../test/site/built-site.ts';
import { listPageTypes, type PageRecord, type PageType } from '../test/site/page-types.ts';
import { useBrowser } from './browser.ts';
import { signIn } from './session.ts';

/**
 * axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) in Chromium on every page type of
 * test/site/page-types.ts, signed out and signed in, at a phone's and a desktop's size: a new
 * page type is checked as soon as it joins that list.
 */
const { newPage } = useBrowser();

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SIZES = {
  phone: { width: 412, height: 823 },
  desktop: { width: 1280, height: 800 },
};

let pageTypes: PageType[] = [];

beforeAll(async () => {
  pageTypes = await listPageTypes((await readNgoShards(CONTENT_DIR)) as PageRecord[]);
}, 180_000);

/** axe's violations on the page as it is now: one line per rule and element. */
async function findViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS,
  );
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`),
  );
}

describe.each(Object.entries(SIZES))('axe-core at %s size', (_, size) => {
  for (const signedIn of [false, true]) {
    it(`finds no WCAG A/AA violation on any page type, signed ${signedIn ? 'in' : 'out'}`, async () => {
      const page = await newPage();
      await page.setViewportSize(size);
      if (signedIn) await signIn(page, `Axe ${size.width}`);
      const found: string[] = [];
      for (const type of pageTypes) {
        // Islands and app pages render from the API: check them once they have.
        await page.goto(type.path, { waitUntil: 'networkidle' });
        for (const line of await findViolations(page)) found.push(`${type.name} (${type.path}): ${line}`);
      }
      expect(found).toEqual([]);
      expect(pageTypes.length).toBeGreaterThanOrEqual(20);
    }, 300_000);
  }
});

declare global {
  interface Window {
    axe: typeof axe;
  }
}
