import { describe, expect, it } from 'vitest';
import type { Ngo } from '../model/ngo.ts';
import { readRecords } from '../test/site/built-site.ts';
import { useBrowser } from './browser.ts';

/**
 * A visitor reads an England & Wales charity's page in Chromium: who regulates it and the link
 * to its public record, its own words, its years of figures newest first with their sources, its
 * UK-CAT tags and the licence credits; then goes to its region's page and finds it listed there.
 * Works on the full build and on a fixture build (CONTENT_DIR=test/fixtures/ngos SITE_DIST=…):
 * the charity is Plymouth Marine Laboratory, in both.
 */
const { newPage } = useBrowser();
const ID = 'GB-CHC-1091222';

describe('a UK charity page', () => {
  it('shows its register, own words, years of figures and tags, and leads to its region', async () => {
    const ngo: Ngo = (await readRecords()).find((r) => r.id === ID)!;
    const page = await newPage();
    await page.goto(`/ngos/${ngo.slug}/`);
    expect(await page.locator('h1').textContent()).toBe(ngo.name);
    await page.getByText(`Registered charity, England and Wales · Charity no. ${ngo.registry!.number}`).waitFor();

    const record = page.getByRole('link', {
      name: 'See the official record at the Charity Commission for England and Wales',
    });
    expect(await record.getAttribute('href')).toBe(ngo.registry!.url);

    const ownWords = page.getByRole('heading', { name: 'In its own words (from its register entry)' });
    await ownWords.waitFor();
    expect(await page.locator('blockquote.own-words').innerText()).toBe(ngo.ownWords!.text);

    const rows = page.getByRole('table').getByRole('row');
    const periods = ngo.financials!;
    expect(await rows.count()).toBe(periods.length + 1); // the header row, then one per period
    for (const [i, period] of periods.entries()) {
      const cells = await rows
        .nth(i + 1)
        .getByRole('cell')
        .allInnerTexts();
      expect(cells.at(-1)).toBe(period.source);
    }
    const firstYear = await rows.nth(1).getByRole('rowheader').innerText();
    const lastYear = await rows.nth(periods.length).getByRole('rowheader').innerText();
    expect(Number(firstYear.slice(-4))).toBeGreaterThan(Number(lastYear.slice(-4)));

    const tags = await page.locator('section[aria-labelledby="h-tags"] li').allInnerTexts();
    expect(tags).toEqual(ngo.tags!.map((tag) => `${tag.label} ${tag.code}`));
    expect(await page.locator('.credits').getByRole('link', { name: 'CC BY 4.0' }).getAttribute('href')).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );

    await page.locator('header .where').getByRole('link', { name: 'South West England' }).click();
    await page.waitForURL('**/places/gb-eng-sw/');
    expect(await page.locator('h1').textContent()).toBe('NGOs in South West England');
    // Listed there, largest first: on the first page of a small build, further on in the full one.
    const listed = page.locator('ol.cards').getByRole('link', { name: ngo.name, exact: true });
    for (let pages = 1; (await listed.count()) === 0 && pages < 30; pages++) {
      await page.goto((await page.locator('a[rel="next"]').first().getAttribute('href'))!);
    }
    expect(await listed.count()).toBe(1);
    await page.context().close();
  });
});
