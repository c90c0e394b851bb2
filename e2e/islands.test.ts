import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.ts';

/**
 * The NGO page's islands are custom elements over server-rendered markup
 * (docs/architecture.md, "Islands"): what the HTML says without JavaScript, what the elements
 * make of it, the one stats request they share, and a form refusal placed by the API's `field`.
 */
const { newPage } = useBrowser();

const NGO_PATH = '/ngos/cancer-lifeline-100002/';
const NGO_NAME = 'Cancer Lifeline';
const STATS_PATH = /^\/api\/ngos\/[^/]+\/stats$/;

/** Demo sign-in from a page of the site (same origin), as the header menu does. */
async function signIn(page: Page, name: string): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto('/about/');
  const status = await page.evaluate(async (n) => {
    const response = await fetch('/api/auth/demo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: n }),
    });
    return response.status;
  }, name);
  expect(status).toBe(200);
}

/** Stats requests the page makes from now on. */
function countStatsRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (STATS_PATH.test(new URL(request.url()).pathname)) seen.push(request.url());
  });
  return seen;
}

/** The user menu has answered, the follow button has its state, and nothing is still loading. */
async function waitForSettledPage(page: Page, signedIn: boolean): Promise<void> {
  if (signedIn) await page.locator('[data-user-menu] .um-name').waitFor();
  else await page.getByRole('button', { name: 'Sign in (local demo)' }).waitFor();
  await page.locator('[data-ngo-stats]').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('[data-follow] button')?.hasAttribute('aria-pressed'));
  await page.waitForLoadState('networkidle');
}

describe('NGO page islands', () => {
  it('read fully without JavaScript, with links through sign-in where the buttons will be', async () => {
    const page = await newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(NGO_PATH);
    expect(await page.locator('h1').textContent()).toBe(NGO_NAME);
    await page.getByRole('heading', { name: 'About' }).waitFor();
    await page.getByRole('heading', { name: 'Public record' }).waitFor();

    const follow = page.locator('jumo-follow').getByRole('link', { name: 'Follow' });
    expect(await follow.getAttribute('href')).toBe(
      `/api/auth/facebook?next=${encodeURIComponent(`${NGO_PATH}?do=follow`)}`,
    );
    const pledge = page.locator('jumo-pledge').getByRole('link', { name: 'Make a pledge' });
    expect(await pledge.getAttribute('href')).toBe(
      `/api/auth/facebook?next=${encodeURIComponent(`${NGO_PATH}?do=pledge`)}`,
    );
    expect(await page.locator('jumo-user-menu').getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      `/api/auth/facebook?next=${encodeURIComponent(NGO_PATH)}`,
    );
    // Nothing half-filled: the stats panel and the news wait for JavaScript, out of sight.
    expect(await page.locator('[data-ngo-stats]').isVisible()).toBe(false);
    expect(await page.locator('#news-island').isVisible()).toBe(false);
    expect(await page.locator('#news-island').evaluate((node) => node.childNodes.length)).toBe(0);
    await page.context().close();
  });

  it('upgrade the markup in place: the links become buttons with the same names', async () => {
    const page = await newPage();
    await page.goto(NGO_PATH);
    await waitForSettledPage(page, false);
    const defined = await page.evaluate(() =>
      ['jumo-follow', 'jumo-ngo-stats', 'jumo-pledge', 'jumo-ngo-news', 'jumo-user-menu'].filter((name) =>
        customElements.get(name),
      ),
    );
    expect(defined).toEqual(['jumo-follow', 'jumo-ngo-stats', 'jumo-pledge', 'jumo-ngo-news', 'jumo-user-menu']);
    expect(await page.locator('jumo-follow').getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(await page.locator('jumo-follow a').count()).toBe(0);
    expect(await page.locator('jumo-pledge').getByRole('button', { name: 'Make a pledge' }).isVisible()).toBe(true);
    expect(await page.locator('jumo-pledge a[data-pledge-open]').count()).toBe(0);
    await page.context().close();
  });

  it('ask for the stats once per page, signed out or in, and once more only after a sign-in on the page', async () => {
    const page = await newPage();
    const requests = countStatsRequests(page);
    await page.goto(NGO_PATH);
    await waitForSettledPage(page, false);
    expect(requests).toHaveLength(1);

    // Signed in from the header: the first answer did not know the viewer, so one more.
    await page.getByRole('button', { name: 'Sign in (local demo)' }).click();
    await page.locator('[data-user-menu] input[name=name]').fill(`Counter ${Date.now()}`);
    await page.locator('[data-user-menu] form button[type=submit]').click();
    await waitForSettledPage(page, true);
    expect(requests).toHaveLength(2);

    requests.length = 0;
    await page.reload();
    await waitForSettledPage(page, true);
    expect(requests).toHaveLength(1);
    await page.context().close();
  });

  it("place the API's refusal of a pledge beside the field it names, and record nothing", async () => {
    const page = await newPage();
    await signIn(page, `Refused ${Date.now()}`);
    await page.goto(NGO_PATH);
    await waitForSettledPage(page, true);
    await page.getByRole('button', { name: 'Make a pledge' }).click();
    await page.locator('#pledge-amount').fill('5');
    // The form does not check the note's characters; the API does (no control characters).
    const note = page.locator('#pledge-note');
    await note.fill('Thanks\u0007');
    await page.getByRole('button', { name: 'Pledge', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#pledge-note')?.getAttribute('aria-invalid') === 'true');
    const errorId = await note.getAttribute('aria-describedby');
    expect(await page.locator(`#${errorId}`).textContent()).toBe('No control characters.');
    expect(await note.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await page.locator('[data-pledge-status]').textContent()).toBe('');
    expect(await page.locator('#pledge-amount').getAttribute('aria-invalid')).toBeNull();
    const mine = await (await page.request.get('/api/me/pledges')).json();
    expect(mine.pledges).toEqual([]);
    await page.context().close();
  });
});
