import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { addManager } from '../db/managers.ts';
import { renderWidgetSnippet } from '../src/lib/widget-snippet.ts';
import { readRecords } from '../test/site/built-site.ts';
import { useBrowser } from './browser.ts';
import { callFromPage, signIn } from './session.ts';

/**
 * The widgets on an NGO's own website: a host page served from a second origin
 * (http://localhost:<port>, another site than Jumo's http://127.0.0.1:<port>) pastes the
 * snippet; the widget is a real cross-site iframe. The badge shows the API's numbers, Follow
 * opens the Jumo window, which signs in (local demo) and follows on a click, then closes; the
 * badge counts the new follower and the host page never gets a cookie. Framing: the widget
 * page may be framed by another site, an NGO page may not.
 * Run on a fixture build: CONTENT_DIR=test/fixtures/ngos SITE_DIST=<outDir>/client.
 */

const { baseUrl, newPage } = useBrowser();

const NGO_ID = 'GB-NIC-100002';
const NGO_NAME = 'Cancer Lifeline';
const NGO_PATH = '/ngos/cancer-lifeline-100002/';
const NGO = { id: NGO_ID, slug: 'cancer-lifeline-100002', name: NGO_NAME };
/** For the manager: an NGO no other browser test claims or manages. */
const MANAGED = { id: 'GB-NIC-100703', slug: 'tar-anall-100703', name: 'Tar Anall' };

let host: Server;
let hostUrl: string;

/** The NGO's own website: the snippets /manage/ gives (tested below), and a page framing an NGO page. */
function renderHostPage(path: string): string {
  if (path === '/frames-ngo-page')
    return `<!doctype html><html lang="en"><title>Framing</title><iframe src="${baseUrl}${NGO_PATH}" title="NGO page"></iframe></html>`;
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${NGO_NAME}: our own website</title></head>
  <body>
    <h1>${NGO_NAME}</h1>
    ${renderWidgetSnippet(baseUrl, NGO, 'badge')}
    ${renderWidgetSnippet(baseUrl, NGO, 'pledge')}
  </body>
</html>`;
}

beforeAll(async () => {
  const records = await readRecords();
  expect(records.some((r) => r.id === NGO_ID && r.name === NGO_NAME)).toBe(true);
  expect(records.some((r) => r.id === MANAGED.id && r.slug === MANAGED.slug && r.name === MANAGED.name)).toBe(true);
  host = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(renderHostPage(request.url ?? '/'));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  // localhost, not 127.0.0.1: another site than Jumo's, so cookies cannot be shared by host name.
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => host?.close(resolve));
});

async function readFollowers(): Promise<number> {
  const response = await fetch(`${baseUrl}/api/ngos/${NGO_ID}/stats`);
  return ((await response.json()) as { followers: number }).followers;
}

const followerText = (n: number) => `${n} ${n === 1 ? 'follower' : 'followers'}`;

async function openHostPage(): Promise<Page> {
  const page = await newPage(hostUrl);
  await page.goto('/');
  return page;
}

describe('widgets on an NGO’s own website', () => {
  it('shows the real numbers, follows through the Jumo window, and sets no cookie on the host page', async () => {
    const before = await readFollowers();
    const page = await openHostPage();
    const badge = page.frameLocator('iframe[title="Followers and supporters on Jumo"]');
    await badge.getByText(followerText(before), { exact: true }).waitFor();
    await badge.getByText(/^\d+ supporters?$/).waitFor();
    await expect(badge.getByRole('link', { name: NGO_NAME, exact: true }).getAttribute('href')).resolves.toBe(NGO_PATH);
    const frame = page.frames().find((f) => f.url().startsWith(`${baseUrl}/embed/ngo/`));
    expect(frame?.url()).toBe(`${baseUrl}/embed/ngo/?id=${NGO_ID}&widget=badge`);

    // Follow: a Jumo window opens over the NGO's site.
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      badge.getByRole('button', { name: `Follow ${NGO_NAME} on Jumo (opens a Jumo window)` }).click(),
    ]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${baseUrl}/follow/?ngo=${NGO_ID}`);
    await popup.getByRole('heading', { name: `Follow ${NGO_NAME} on Jumo` }).waitFor();

    // Signed out there: the local demo sign-in in the window's header, which stays in the window.
    await popup.getByRole('button', { name: 'Sign in (local demo)' }).click();
    await popup.locator('[data-user-menu] input[name=name]').fill('Widget Visitor');
    await popup.locator('[data-user-menu] form button[type=submit]').click();
    const follow = popup.getByRole('button', { name: `Follow ${NGO_NAME}`, exact: true });
    await follow.waitFor();
    // Signed in, the window has not followed by itself: only the click does.
    expect(await readFollowers()).toBe(before);

    await Promise.all([popup.waitForEvent('close'), follow.click()]);
    await badge.getByText(followerText(before + 1), { exact: true }).waitFor();
    await badge.getByText(`You follow ${NGO_NAME} on Jumo. Thank you!`).waitFor();
    expect(await readFollowers()).toBe(before + 1);

    // The host page has no cookie, not even from the framed page or the sign-in.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.context().cookies(hostUrl)).toEqual([]);
    // The session lives on Jumo's origin only.
    expect((await page.context().cookies(baseUrl)).map((c) => c.name)).toContain('session');
  });

  it('opens the NGO’s pledge form on Jumo from the pledge button', async () => {
    const page = await openHostPage();
    const pledge = page.frameLocator('iframe[title="Pledge a gift on Jumo"]').getByRole('link', {
      name: `Pledge a gift to ${NGO_NAME} on Jumo (opens a new window)`,
    });
    await pledge.waitFor();
    expect(await pledge.getAttribute('target')).toBe('_blank');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), pledge.click()]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe(NGO_PATH);
    expect(new URL(tab.url()).hash).toBe('#h-pledge');
    await tab.getByRole('heading', { name: 'Pledge a gift' }).waitFor();
  });

  it('a link to the follow window changes nothing until the person clicks', async () => {
    const page = await newPage();
    await signIn(page, 'Sent A Link');
    await page.goto(`/follow/?ngo=${NGO_ID}`);
    await page.getByRole('button', { name: `Follow ${NGO_NAME}`, exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    const stats = await callFromPage(page, 'GET', `/api/ngos/${NGO_ID}/stats`);
    expect(stats.data.viewerFollows).toBe(false);
  });

  it('may be framed by another site; an NGO page may not', async () => {
    const embed = await fetch(`${baseUrl}/embed/ngo/?id=${NGO_ID}&widget=follow`);
    expect(embed.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('X-Frame-Options')).toBeNull();
    const ngoPage = await fetch(`${baseUrl}${NGO_PATH}`);
    expect(ngoPage.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(ngoPage.headers.get('X-Frame-Options')).toBe('DENY');

    // And Chromium acts on it: the framed NGO page never loads inside the other site.
    const page = await newPage(hostUrl);
    await page.goto('/frames-ngo-page');
    await page.waitForLoadState('load');
    const framed = page.frames().find((f) => f !== page.mainFrame())!;
    const heading = await framed
      .locator('h1')
      .textContent({ timeout: 1000 })
      .catch(() => null);
    expect(heading).not.toBe(NGO_NAME);
    expect(framed.url()).not.toBe(`${baseUrl}${NGO_PATH}`);
  });

  it('gives the NGO’s managers its snippets in /manage/, with a working copy button', async () => {
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const managerId = await signIn(page, 'Widget Manager');
    const opened = openDatabase({ url: inject('databaseUrl') });
    if (!opened.ok) throw new Error(opened.reason);
    await addManager(opened.db, MANAGED.id, managerId, null, new Date());
    opened.db.$client.close();

    await page.goto(`/manage/?ngo=${MANAGED.id}`);
    const section = page.locator('[data-widget-section]');
    await section.getByRole('heading', { name: 'Put Jumo on your website' }).waitFor();
    for (const kind of ['badge', 'follow', 'pledge'] as const) {
      const snippet = section.locator(`[data-widget-snippet=${kind}] code`);
      expect(await snippet.textContent()).toBe(renderWidgetSnippet(baseUrl, MANAGED, kind));
    }
    await section.locator('[data-widget-snippet=follow]').getByRole('button', { name: 'Copy the snippet' }).click();
    await section.locator('[data-widget-snippet=follow]').getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      renderWidgetSnippet(baseUrl, MANAGED, 'follow'),
    );
    await expect(section.getByRole('link', { name: 'How the widgets work' }).getAttribute('href')).resolves.toBe(
      '/widgets/',
    );
  });
});
