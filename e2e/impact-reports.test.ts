import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { grantAdmin } from '../db/admins.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { useBrowser } from './browser.ts';
import { callFromPage, signIn } from './session.ts';

/**
 * Impact reports in Chromium against the Node entry: a manager publishes one from /manage/ (a
 * refusal shown beside the field it names first); a pledger who does not follow the NGO finds it
 * in their feed and under their pledge in My Jumo, linking to the report's own page.
 * Runs on the full build or a fixture one (CONTENT_DIR=test/fixtures/ngos SITE_DIST=<outDir>/client).
 */
const { newPage } = useBrowser();

const NGO = { id: 'GB-NIC-100002', slug: 'cancer-lifeline-100002', name: 'Cancer Lifeline' };
const suffix = Date.now().toString(36);

let db: Database;
beforeAll(() => {
  const opened = openDatabase({ url: inject('databaseUrl') });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
});
afterAll(() => db?.$client.close());

describe('impact reports', () => {
  it('a manager publishes from /manage/; a pledger who does not follow sees it in the feed and in My Jumo', async () => {
    const manager = await newPage();
    await signIn(manager, `Report Manager ${suffix}`);
    const admin = await newPage();
    await grantAdmin(db, await signIn(admin, `Report Admin ${suffix}`), new Date());
    const claim = await callFromPage(manager, 'POST', `/api/ngos/${NGO.id}/claims`, {
      role: 'Director',
      workEmail: 'director@cancerlifeline.info',
    });
    expect([200, 201]).toContain(claim.status);
    const decided = await callFromPage(admin, 'POST', `/api/admin/claims/${claim.data.claim.id}/decision`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);

    // The pledge comes first: My Jumo lists the reports published after it.
    const pledger = await newPage();
    await signIn(pledger, `Report Pledger ${suffix}`);
    const pledge = await callFromPage(pledger, 'POST', '/api/pledges', {
      ngoId: NGO.id,
      amount: 2500,
      currency: 'GBP',
      recurrence: 'once',
      visibility: 'public',
    });
    expect(pledge.status).toBe(201);

    await manager.goto(`/manage/?ngo=${NGO.id}`);
    const section = manager.locator('[data-impact-section]');
    const form = section.locator('form');
    await form.getByLabel('Title').fill(`Our year ${suffix}`);
    await form.getByLabel('Period from').fill('2025-01-01');
    await form.getByLabel('Period to').fill('2099-12-31');
    await form.getByLabel('Money received (optional)').fill('12500.50');
    await form.getByLabel('What was achieved').fill('We ran **40** support groups.');
    await form.getByRole('button', { name: 'Publish report' }).click();
    // Amounts need a currency: the API names `currency`, and the form shows it there.
    const currencyError = form
      .locator('.field', { has: manager.getByLabel('Currency (optional)') })
      .locator('.field-error');
    await currencyError.getByText('required with an amount').waitFor();
    await form.getByLabel('Currency (optional)').fill('gbp');
    await form.getByRole('button', { name: 'Publish report' }).click();
    const periodError = form.locator('.field', { has: manager.getByLabel('Period to') }).locator('.field-error');
    await periodError.getByText('not after today', { exact: false }).waitFor();
    expect(await manager.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('periodEnd');
    await form.getByLabel('Period to').fill('2025-12-31');
    await form.getByRole('button', { name: 'Publish report' }).click();
    await section.getByText('Saved. Live on the site at the next publish.').waitFor();
    const published = section.locator('[data-impact-list] .eng-item', { hasText: `Our year ${suffix}` });
    await published.getByText('Received £12,500.50').waitFor();

    await pledger.goto('/feed/');
    const item = pledger.locator('[data-feed-list] [data-impact-report]', { hasText: `Our year ${suffix}` });
    await item.waitFor();
    await item.getByText('you pledged to this NGO').waitFor();
    expect(await item.locator('strong').textContent()).toBe('40');
    const pageLink = await item.getByRole('link', { name: `Our year ${suffix}` }).getAttribute('href');
    expect(pageLink).toMatch(new RegExp(`^/ngos/${NGO.slug}/reports/[a-z2-9]{24}/$`));

    await pledger.goto('/me/');
    const reports = pledger.locator('[data-me-pledges] [data-pledge-reports]');
    await reports.getByRole('link', { name: `Our year ${suffix}` }).waitFor();
    expect(await reports.getByRole('link', { name: `Our year ${suffix}` }).getAttribute('href')).toBe(pageLink);
  });
});
