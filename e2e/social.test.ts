import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACEBOOK_ENV } from '../test/helpers/harness.ts';
import { stubFacebook } from '../test/helpers/facebook-stub.ts';
import { readRecords } from '../test/site/built-site.ts';
import { useBrowser } from './browser.ts';
import { startE2eServer, type E2eServer } from './server.ts';

/**
 * Follows and pledges in Chromium against the built site on the Node entry (demo sign-in, fresh DB):
 * follow from an NGO page while signed out (sign-in, then the follow completes), reload,
 * pledge, see it in My Jumo and in the NGO's totals, unfollow from My Jumo; cause follows.
 * The Facebook round trip runs on a second server with a Facebook app configured, where only
 * Facebook's hosts are stubbed (its dialog in the browser, its token and Graph calls in Node).
 * Run on a fixture build: CONTENT_DIR=test/fixtures/ngos SITE_DIST=<outDir>/client.
 */

const { newPage } = useBrowser();

const NGO_PATH = '/ngos/cancer-lifeline-100002/';
const NGO_NAME = 'Cancer Lifeline';
const SHOTS = process.env.E2E_SCREENSHOTS;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const followButton = (page: Page) => page.locator('[data-follow] button').first();

async function demoSignInFromOpenForm(page: Page, name: string) {
  const input = page.locator('[data-user-menu] input[name=name]');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('[data-user-menu] form button[type=submit]').click();
  await page.locator('[data-user-menu] .um-name').waitFor();
}

/** Demo sign-in through the header menu, as a person would. */
async function demoSignIn(page: Page, name: string) {
  await page.getByRole('button', { name: 'Sign in (local demo)' }).click();
  await demoSignInFromOpenForm(page, name);
}

/** What the API says about the signed-in viewer's follow, for the page's Follow button. */
async function viewerFollows(page: Page): Promise<boolean | null> {
  const root = page.locator('[data-follow]').first();
  const kind = (await root.getAttribute('data-kind')) === 'cause' ? 'causes' : 'ngos';
  const stats = await page.request.get(`/api/${kind}/${await root.getAttribute('data-id')}/stats`);
  return ((await stats.json()) as { viewerFollows: boolean | null }).viewerFollows;
}

/** The page has read the viewer and the stats: whatever it was going to do on load, it has done. */
async function waitForSettledFollowButton(page: Page) {
  await page.locator('[data-user-menu] .um-name').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-follow] button')?.hasAttribute('aria-pressed'));
  await page.waitForLoadState('networkidle');
}

describe('follow, pledge and My Jumo', () => {
  it('follows while signed out through sign-in, pledges, and manages it all from My Jumo', async () => {
    const page = await newPage();
    await page.goto(NGO_PATH);
    await page.getByRole('button', { name: 'Sign in (local demo)' }).waitFor();
    // Other browser tests may follow the same NGO: count from what the page shows now.
    const followers = page.locator('[data-ngo-stats] [data-followers]');
    await page.locator('[data-ngo-stats]').waitFor({ state: 'visible' });
    const before = Number(await followers.textContent());
    const exactly = (n: number) => ({ hasText: new RegExp(`^${n}$`) });

    // Signed out: Follow opens the sign-in, and the follow completes after it.
    await followButton(page).click();
    expect(new URL(page.url()).searchParams.get('do')).toBe('follow');
    await demoSignInFromOpenForm(page, 'Ada Lovelace');
    await page.waitForFunction(
      () => document.querySelector('[data-follow] button')?.getAttribute('aria-pressed') === 'true',
    );
    expect(await followButton(page).textContent()).toBe('Following');
    expect(await page.locator('[data-follow-status]').first().textContent()).toContain(`You follow ${NGO_NAME}`);
    expect(new URL(page.url()).search).toBe('');
    await followers.filter(exactly(before + 1)).waitFor();

    // The state survives a reload.
    await page.reload();
    await page.waitForFunction(
      () => document.querySelector('[data-follow] button')?.getAttribute('aria-pressed') === 'true',
    );
    await followers.filter(exactly(before + 1)).waitFor();

    // Pledge: validation errors are tied to their field.
    await page.getByRole('button', { name: 'Make a pledge' }).click();
    const amount = page.locator('#pledge-amount');
    await amount.waitFor();
    expect(await page.locator('#pledge-currency').inputValue()).toBe('GBP');
    await amount.fill('12.345');
    await page.getByRole('button', { name: 'Pledge', exact: true }).click();
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    const errorId = await amount.getAttribute('aria-describedby');
    expect(await page.locator(`#${errorId}`).textContent()).toContain('at most 2 decimals');
    await shot(page, 'pledge-error');

    await amount.fill('25');
    await page.getByLabel('Every month').check();
    // A double click records one pledge.
    await page.getByRole('button', { name: 'Pledge', exact: true }).dblclick();
    await page.getByRole('heading', { name: 'Thank you for your pledge' }).waitFor();
    expect(await page.locator('.pledge-done a', { hasText: 'Donate on their website' }).getAttribute('href')).toBe(
      'https://www.cancerlifeline.info/',
    );
    expect(await page.locator('[data-pledge-status]').textContent()).toContain('£25.00 a month');
    expect(await page.getByRole('button', { name: 'Make a pledge' }).isVisible()).toBe(false);
    await page.locator('[data-ngo-stats] [data-totals-list]').filter({ hasText: '£25.00 a month' }).waitFor();
    expect(await page.locator('[data-ngo-stats] [data-recent-list]').textContent()).toContain('Ada L.: £25.00 a month');
    expect(await page.locator('[data-ngo-stats] [data-supporters]').textContent()).toBe('1 person has pledged');
    await shot(page, 'ngo-after-pledge');
    const mine = await (await page.request.get('/api/me/pledges')).json();
    expect(mine.pledges).toHaveLength(1);

    // My Jumo: the follow (with the NGO's name) and the pledge; unfollow from here.
    await page.goto('/me/');
    const ngoLink = page.locator('[data-me-ngos] a', { hasText: NGO_NAME });
    await ngoLink.waitFor();
    expect(await ngoLink.getAttribute('href')).toBe(NGO_PATH);
    expect(await page.locator('[data-me-pledges]').textContent()).toContain('£25.00 a month');
    expect(await page.locator('[data-me-totals]').textContent()).toContain('£25.00 a month');
    await shot(page, 'my-jumo');
    await page.getByRole('button', { name: `Unfollow ${NGO_NAME}` }).click();
    await page
      .locator('[data-me-status]')
      .filter({ hasText: `You no longer follow ${NGO_NAME}` })
      .waitFor();
    expect(await page.locator('[data-me-ngos] a', { hasText: NGO_NAME }).count()).toBe(0);

    // Mark the pledge as given.
    await page.getByRole('button', { name: 'Mark as given' }).click();
    await page.locator('[data-me-pledges]').filter({ hasText: 'given' }).waitFor();

    // The export is a download of my data.
    const exported = await page.request.get('/api/me/export');
    expect(exported.headers()['content-disposition']).toContain('attachment');
    expect((await exported.json()).pledges).toHaveLength(1);

    // Back on the NGO page: not followed any more.
    await page.goto(NGO_PATH);
    await followers.filter(exactly(before)).waitFor();
    expect(await followButton(page).getAttribute('aria-pressed')).toBe('false');
    await page.context().close();
  });

  it('follows a cause from its page, with the follower count, and rolls back on failure', async () => {
    const page = await newPage();
    await page.goto('/causes/health/');
    await page.locator('[data-follow-count]').filter({ hasText: 'followers' }).waitFor();
    await page.getByRole('button', { name: 'Sign in (local demo)' }).click();
    await demoSignInFromOpenForm(page, 'Grace Hopper');
    await followButton(page).click();
    await page.locator('[data-follow-count]').filter({ hasText: '1 follower' }).waitFor();
    expect(await followButton(page).getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'cause-followed');

    // The API refuses: the button goes back and says why.
    await page.route('**/api/follows/causes/health', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"database_unavailable","message":"The database is unreachable."}}',
      }),
    );
    await followButton(page).click();
    await page.locator('[data-follow-status]').filter({ hasText: 'Could not unfollow' }).waitFor();
    expect(await followButton(page).getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
  });

  it('shows Facebook friends who follow, or offers once to look them up (API answers mocked)', async () => {
    const page = await newPage();
    const user = { id: 'u1', name: 'Ada Lovelace', pictureUrl: null, provider: 'facebook' };
    await page.route('**/api/me', (route) => route.fulfill({ json: { user } }));
    let friends = {
      enabled: true,
      count: 2,
      friends: [
        { name: 'Alan Turing', pictureUrl: null },
        { name: 'Grace Hopper', pictureUrl: null },
      ],
    };
    await page.route('**/api/ngos/*/friends', (route) => route.fulfill({ json: friends }));
    await page.goto(NGO_PATH);
    const line = page.locator('[data-friends]');
    await line.waitFor({ state: 'visible' });
    expect(await line.textContent()).toBe('2 of your friends follow this: Alan Turing, Grace Hopper.');

    // Without the permission: one dismissible offer that asks again with rerequest.
    friends = { enabled: false, count: 0, friends: [] };
    await page.reload();
    const offer = page.getByRole('link', { name: 'See which friends follow NGOs' });
    await offer.waitFor();
    expect(await offer.getAttribute('href')).toBe(`/api/auth/facebook?friends=1&next=${encodeURIComponent(NGO_PATH)}`);
    await page.getByRole('button', { name: /No thanks/ }).click();
    expect(await offer.isVisible()).toBe(false);
    await page.reload();
    await page.locator('[data-ngo-stats]').waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    expect(await offer.isVisible()).toBe(false);
    await page.context().close();
  });

  it("serves, without JavaScript, sign-in links instead of buttons, share links and the NGO's own card", async () => {
    const page = await newPage();
    const html = await (await page.request.get(NGO_PATH)).text();
    expect(html).toContain('href="/api/auth/facebook?next=%2Fngos%2Fcancer-lifeline-100002%2F%3Fdo%3Dfollow"');
    expect(html).toContain('href="/api/auth/facebook?next=%2Fngos%2Fcancer-lifeline-100002%2F%3Fdo%3Dpledge"');
    // The NGO's own card, drawn by the API on the same server, whatever content the site was built from.
    const ngo = (await readRecords()).find((r) => `/ngos/${r.slug}/` === NGO_PATH)!;
    const cardPath = `/api/ngos/${ngo.id}/card.png`;
    expect(html).toMatch(new RegExp(`<meta property="og:image" content="[^"]*${cardPath}"`));
    for (const network of ['facebook.com/sharer', 'x.com/intent', 'linkedin.com', 'wa.me', 'mailto:'])
      expect(html).toContain(network);
    const card = await page.request.get(cardPath);
    expect(card.status()).toBe(200);
    expect(card.headers()['content-type']).toBe('image/png');
    const png = await card.body();
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    await page.context().close();
  });
});

describe('actions resumed after sign-in', () => {
  it('does not follow or open the pledge form for a signed-in visitor who opens a ?do= link', async () => {
    const page = await newPage();
    await page.goto(NGO_PATH);
    await demoSignIn(page, `Link Target ${Date.now()}`);
    expect(await viewerFollows(page)).toBe(false);

    await page.goto(`${NGO_PATH}?do=follow`);
    await waitForSettledFollowButton(page);
    expect(await viewerFollows(page)).toBe(false);
    expect(await followButton(page).getAttribute('aria-pressed')).toBe('false');
    // It only points at the button, which the person can press themselves.
    expect(await followButton(page).evaluate((button) => button === document.activeElement)).toBe(true);
    expect(new URL(page.url()).search).toBe('');

    await page.goto(`${NGO_PATH}?do=pledge`);
    await waitForSettledFollowButton(page);
    expect(await page.locator('#pledge-amount').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Make a pledge' }).isVisible()).toBe(true);

    await page.goto('/causes/education/?do=follow');
    await waitForSettledFollowButton(page);
    expect(await viewerFollows(page)).toBe(false);
    expect(await followButton(page).getAttribute('aria-pressed')).toBe('false');
    await page.context().close();
  });

  describe("with Facebook Login (only Facebook's hosts stubbed)", () => {
    let facebook: ReturnType<typeof stubFacebook>;
    let server: E2eServer;
    beforeAll(async () => {
      // The server runs in this test's process, so the stub (a wrapper of the global fetch,
      // as in the integration tests) answers its token exchange and Graph calls; the browser
      // side of Facebook, the dialog, is answered per page below.
      facebook = stubFacebook({ profile: { id: '10160000000000042', name: 'Round Trip', picture: null } });
      server = await startE2eServer(FACEBOOK_ENV);
    });
    afterAll(async () => {
      await server?.close();
      facebook?.restore();
    });

    /**
     * Facebook's dialog, for a person who is signed in to Facebook and has approved the app:
     * straight back to the redirect URI it was given, with a code and the state it was given.
     * Answered through Chromium's Fetch interception, not page.route: Playwright does not
     * route a request that follows a redirect, and the dialog is reached by our 302.
     */
    async function approveOnFacebook(page: Page, code: string): Promise<URL[]> {
      const dialogs: URL[] = [];
      const cdp = await page.context().newCDPSession(page);
      cdp.on('Fetch.requestPaused', (event) => {
        const dialog = new URL(event.request.url);
        dialogs.push(dialog);
        const redirectUri = dialog.searchParams.get('redirect_uri');
        if (!/^\/v\d+\.\d+\/dialog\/oauth$/.test(dialog.pathname) || !redirectUri) {
          void cdp.send('Fetch.fulfillRequest', { requestId: event.requestId, responseCode: 404 });
          return;
        }
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('state', dialog.searchParams.get('state') ?? '');
        void cdp.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 302,
          responseHeaders: [{ name: 'Location', value: back.toString() }],
        });
      });
      await cdp.send('Fetch.enable', {
        patterns: [{ urlPattern: 'https://www.facebook.com/*', requestStage: 'Request' }],
      });
      return dialogs;
    }

    it('resumes a follow after the Facebook round trip only once, for the page that asked', async () => {
      const page = await newPage(server.url);
      const code = `e2e-code-${Date.now()}`;
      const dialogs = await approveOnFacebook(page, code);
      await page.goto(NGO_PATH);
      await page.getByRole('link', { name: 'Sign in with Facebook' }).waitFor();
      const ngoId = await page.locator('[data-follow]').first().getAttribute('data-id');

      // Signed out: Follow → our /api/auth/facebook → Facebook → our callback → back here.
      const callback = page.waitForResponse(
        (response) => new URL(response.url()).pathname === '/api/auth/facebook/callback',
      );
      await followButton(page).click();
      expect((await callback).headers().location).toBe(`${NGO_PATH}?do=follow`);
      await page.waitForURL((url) => url.pathname === NGO_PATH);
      await page.waitForFunction(
        () => document.querySelector('[data-follow] button')?.getAttribute('aria-pressed') === 'true',
      );
      expect(new URL(page.url()).search).toBe('');

      // The round trip was the real one: our dialog URL, then our code exchange and /me.
      expect(dialogs).toHaveLength(1);
      expect(dialogs[0]!.pathname).toMatch(/^\/v\d+\.\d+\/dialog\/oauth$/);
      expect(dialogs[0]!.searchParams.get('client_id')).toBe(FACEBOOK_ENV.FACEBOOK_APP_ID);
      expect(dialogs[0]!.searchParams.get('redirect_uri')).toBe(`${server.url}/api/auth/facebook/callback`);
      const exchange = facebook.calls.filter((call) => call.url.pathname.endsWith('/oauth/access_token'));
      expect(exchange.map((call) => new URLSearchParams(call.body).get('code'))).toEqual([code]);
      expect(facebook.calls.filter((call) => /^\/v\d+\.\d+\/me$/.test(call.url.pathname))).toHaveLength(1);
      const me = await (await page.request.get('/api/me')).json();
      expect(me.user).toMatchObject({ name: 'Round Trip', provider: 'facebook' });

      // Followed once, this NGO and nothing else.
      expect(await viewerFollows(page)).toBe(true);
      const follows = await (await page.request.get('/api/me/follows')).json();
      expect(follows.ngos.map((f: { id: string }) => f.id)).toEqual([ngoId]);
      expect(follows.causes).toEqual([]);
      await page.locator('[data-ngo-stats] [data-followers]').filter({ hasText: /^1$/ }).waitFor();

      // Unfollow, then the same return URL again: the record was used up, nothing happens.
      await followButton(page).click();
      await page.waitForFunction(
        () => document.querySelector('[data-follow] button')?.getAttribute('aria-pressed') === 'false',
      );
      await page.goto(`${NGO_PATH}?do=follow`);
      await waitForSettledFollowButton(page);
      expect(await viewerFollows(page)).toBe(false);
      expect(dialogs).toHaveLength(1);
      await page.context().close();
    });
  });
});
