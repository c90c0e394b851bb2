import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { grantAdmin } from '../db/admins.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { useBrowser } from './browser.ts';

/**
 * NGOs engage their supporters, end to end in Chromium against the Node entry:
 * claim → admin approval → news → a follower's feed; an opportunity → a sign-up → the
 * manager sees it; and hostile post content that must not run on the NGO page.
 */
const { newPage } = useBrowser();

// A fixture NGO with a website (cancerlifeline.info), so the claim shows the domain signal.
const NGO = { id: 'GB-NIC-100002', slug: 'cancer-lifeline-100002', name: 'Cancer Lifeline' };
const NGO_PATH = `/ngos/${NGO.slug}/`;

let db: Database;
beforeAll(() => {
  const opened = openDatabase({ url: inject('databaseUrl') });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
});
afterAll(() => db?.$client.close());

/** Demo sign-in from a page of the site (same origin, as the header menu does); returns the user id. */
async function signIn(page: Page, name: string): Promise<string> {
  if (!page.url().startsWith('http')) await page.goto('/about/');
  const id = await page.evaluate(async (n) => {
    const response = await fetch('/api/auth/demo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: n }),
    });
    return ((await response.json()) as { user: { id: string } }).user.id;
  }, name);
  return id;
}

/** Scroll the NGO page's news island into view (it loads lazily) and wait for it to fill. */
async function openNews(page: Page): Promise<void> {
  await page.goto(NGO_PATH);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => (document.querySelector('#news-island')?.childElementCount ?? 0) > 0);
}

let manager: Page;
const suffix = Date.now().toString(36);

describe('NGO engagement', () => {
  it('claim → admin approves → manager posts → a follower sees it in their feed', async () => {
    manager = await newPage();
    await signIn(manager, `Manager ${suffix}`);
    await openNews(manager);
    await manager.getByRole('link', { name: 'Work here? Claim this page' }).click();
    await manager.waitForURL(/\/manage\/\?ngo=GB-NIC-100002/);
    await manager.getByLabel('Your role at the organisation').fill('Director');
    await manager.getByLabel('Work email').fill('director@cancerlifeline.info');
    await manager.getByRole('button', { name: 'Send claim' }).click();
    await manager.getByText('Claim sent').waitFor();

    // A plain user is refused at /admin/.
    const plain = await newPage();
    await signIn(plain, `Plain ${suffix}`);
    await plain.goto('/admin/');
    await plain.getByText('Only site administrators can see this page.').waitFor();

    const admin = await newPage();
    const adminId = await signIn(admin, `Admin ${suffix}`);
    await grantAdmin(db, adminId, new Date());
    await admin.goto('/admin/');
    const claim = admin.locator('.eng-item', { hasText: 'director@cancerlifeline.info' });
    await claim.getByText('matches the website (cancerlifeline.info)').waitFor();
    await claim.getByRole('button', { name: 'Approve' }).click();
    await claim.waitFor({ state: 'detached' });

    await manager.reload();
    await manager.getByRole('heading', { name: `Manage ${NGO.name}` }).waitFor();
    await manager.getByLabel('Title').first().fill(`Spring news ${suffix}`);
    await manager.getByLabel('Text').fill('We opened a **new centre**. [Details](https://example.org/centre)');
    await manager.getByRole('button', { name: 'Publish', exact: true }).click();
    await manager
      .locator('#h-news-manage ~ ul, section[aria-labelledby=h-news-manage] ul')
      .getByText(`Spring news ${suffix}`)
      .waitFor();

    const follower = await newPage();
    await signIn(follower, `Follower ${suffix}`);
    await follower.evaluate((id) => fetch(`/api/follows/ngos/${id}`, { method: 'PUT' }), NGO.id);
    await follower.goto('/feed/');
    const item = follower.locator('[data-feed-list] .eng-item', { hasText: `Spring news ${suffix}` });
    await item.waitFor();
    expect(await item.locator('strong').textContent()).toBe('new centre');
    expect(await item.locator('a[href="https://example.org/centre"]').getAttribute('rel')).toBe(
      'nofollow ugc noopener',
    );
    expect(await item.locator(`a[href="${NGO_PATH}"]`).textContent()).toBe(NGO.name);

    // Visitors see it on the NGO page, with the RSS feed link.
    const visitor = await newPage();
    await openNews(visitor);
    await visitor.getByRole('heading', { name: `Spring news ${suffix}` }).waitFor();
    const rss = await visitor.evaluate(async (id) => {
      const response = await fetch(`/api/ngos/${id}/feed.xml`);
      const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
      return {
        parseError: doc.querySelector('parsererror') !== null,
        titles: [...doc.querySelectorAll('item > title')].map((t) => t.textContent),
      };
    }, NGO.id);
    expect(rss.parseError).toBe(false);
    expect(rss.titles).toContain(`Spring news ${suffix}`);
  });

  it('a manager posts an opportunity → a user signs up → the manager sees the sign-up', async () => {
    await manager.goto(`/manage/?ngo=${NGO.id}`);
    const form = manager.locator('section[aria-labelledby=h-vol-manage] form');
    await form.getByLabel('Title').fill(`Shop helper ${suffix}`);
    await form.getByLabel('Description').fill('Help in our charity shop on Saturdays.');
    await form.getByLabel('Where').fill('Belfast');
    await form.getByLabel('Time commitment').fill('4 hours a week');
    await form.getByRole('button', { name: 'Save opportunity' }).click();
    await manager
      .locator('section[aria-labelledby=h-vol-manage] .eng-item', { hasText: `Shop helper ${suffix}` })
      .waitFor();

    const volunteer = await newPage();
    await signIn(volunteer, `Volunteer ${suffix}`);
    await volunteer.goto('/volunteer/?cause=health');
    const listed = volunteer.locator('[data-vol-list] .eng-item', { hasText: `Shop helper ${suffix}` });
    await listed.waitFor();
    await listed.getByText('Volunteer for this').click();
    await listed.getByLabel('Message to the organisers (optional)').fill('Free on Saturdays');
    await listed.getByRole('button', { name: 'Sign up' }).click();
    await listed.getByText("You're signed up").waitFor();

    // Their sign-ups (MySignups, also meant for My Jumo) list it, with a link back to the NGO page.
    await volunteer.reload();
    const mine = volunteer.locator('[data-my-signups]');
    await mine.getByRole('link', { name: `Shop helper ${suffix}` }).waitFor();
    expect(await mine.getByRole('link', { name: `Shop helper ${suffix}` }).getAttribute('href')).toMatch(
      /^\/ngos\/cancer-lifeline-100002\/#opportunity-/,
    );

    await manager.reload();
    const row = manager.locator('section[aria-labelledby=h-vol-manage] .eng-item', {
      hasText: `Shop helper ${suffix}`,
    });
    await row.getByRole('button', { name: 'Sign-ups' }).click();
    await row.getByText(`Volunteer ${suffix}`).waitFor();
    await row.getByText('Free on Saturdays').waitFor();
    await row.getByRole('button', { name: 'Mark contacted' }).click();
    await row.getByText('contacted', { exact: true }).waitFor();
  });

  it('shows a field error tied to its input', async () => {
    await manager.goto(`/manage/?ngo=${NGO.id}`);
    const form = manager.locator('section[aria-labelledby=h-news-manage] form');
    await form.getByLabel('Title').fill('ab');
    await form.getByLabel('Text').fill('x');
    await form.getByRole('button', { name: 'Publish' }).click();
    const title = form.getByLabel('Title');
    await manager.waitForFunction(
      () =>
        document.querySelector('section[aria-labelledby=h-news-manage] [name=title]')?.getAttribute('aria-invalid') ===
        'true',
    );
    const describedBy = (await title.getAttribute('aria-describedby'))!.split(' ');
    const errorText = await manager.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy,
    );
    expect(errorText).toMatch(/3/);
    expect(await form.locator('[role=status]').textContent()).toMatch(/^title:/);
  });

  it("refuses to delete the only manager's account in My Jumo, saying why, with a link to Manage", async () => {
    await manager.goto('/me/');
    const toggle = manager.getByRole('button', { name: 'Delete my account…' });
    await toggle.click();
    await manager.getByRole('button', { name: 'Yes, delete my account' }).click();
    const status = manager.locator('[data-me-status]');
    await status
      .filter({ hasText: `Your account was not deleted: You are the only manager of ${NGO.name}.` })
      .waitFor();
    expect(await status.getByRole('link', { name: 'Go to Manage' }).getAttribute('href')).toBe('/manage/');
    // The confirmation closes and the focus goes back to the button that opened it.
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((button) => button === document.activeElement)).toBe(true);
    expect((await manager.request.get('/api/me')).status()).toBe(200);
  });

  it('a reader reports a post, an admin hides it at /admin/, and it leaves the NGO page and the feed', async () => {
    const title = `Dubious offer ${suffix}`;
    await manager.evaluate(
      (args) =>
        fetch(`/api/ngos/${args.id}/posts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: args.title, body: 'Click here' }),
        }),
      { id: NGO.id, title },
    );
    const reader = await newPage();
    await signIn(reader, `Reporter ${suffix}`);
    await reader.evaluate((id) => fetch(`/api/follows/ngos/${id}`, { method: 'PUT' }), NGO.id);
    await openNews(reader);
    const item = reader.locator('#news-island .eng-item', { hasText: title });
    await item.getByText('Report', { exact: true }).click();
    await item.getByLabel('Why should this not be on Jumo?').fill('Looks like a scam');
    await item.getByRole('button', { name: 'Send report' }).click();
    await item.getByText('an administrator will look at it').waitFor();

    const admin = await newPage();
    const adminId = await signIn(admin, `Moderator ${suffix}`);
    await grantAdmin(db, adminId, new Date());
    await admin.goto('/admin/');
    const report = admin.locator('.eng-item', { hasText: 'Looks like a scam' });
    await report.getByRole('button', { name: 'Hide this post' }).click();
    await report.waitFor({ state: 'detached' });

    await openNews(reader);
    expect(await reader.locator('#news-island').textContent()).not.toContain(title);
    await reader.goto('/feed/');
    await reader.locator('[data-feed-list] .eng-item').first().waitFor();
    expect(await reader.locator('[data-feed-list]').textContent()).not.toContain(title);
  });

  it('runs no script from hostile post content on the NGO page', async () => {
    const payloads = [
      '<script>window.__xss = 1</script>',
      '<img src=x onerror="window.__xss = 2">',
      '[click me](javascript:window.__xss=3)',
      '[data](data:text/html,<script>parent.__xss=4</script>)',
      '![img](javascript:window.__xss=5)',
      '[t](https://example.org "x\\" onmouseover=\\"window.__xss=6")',
      '"><svg onload="window.__xss=7">',
      '<a href="javascript:window.__xss=8">a</a>',
    ];
    const created = await manager.evaluate(
      async ({ id, bodies }) => {
        const out: number[] = [];
        for (const body of bodies) {
          const response = await fetch(`/api/ngos/${id}/posts`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              title: `<img src=x onerror="window.__xss=9"> ${body.slice(0, 40)}`,
              body,
              imageUrl: 'https://example.invalid/a.png',
            }),
          });
          out.push(response.status);
        }
        return out;
      },
      { id: NGO.id, bodies: payloads },
    );
    expect(created.every((s) => s === 201)).toBe(true);

    const visitor = await newPage();
    // On a phone the side column stacks below: the island must still load after a jump to the end.
    await visitor.setViewportSize({ width: 375, height: 740 });
    const dialogs: string[] = [];
    visitor.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(visitor, `Visitor ${suffix}`);
    await openNews(visitor);
    await visitor.locator('#news-island .eng-item', { hasText: 'svg onload' }).first().waitFor();
    // Hover and click every link in the news, as a curious reader would.
    for (const link of await visitor.locator('#news-island .eng-body a').all()) await link.hover();
    const report = await visitor.evaluate(() => {
      const island = document.querySelector('#news-island')!;
      return {
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
        scripts: island.querySelectorAll('script, iframe, svg, object, embed').length,
        handlers: [...island.querySelectorAll('*')].filter((e) =>
          [...e.attributes].some((a) => a.name.startsWith('on')),
        ).length,
        hrefs: [...island.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
        images: [...island.querySelectorAll('img')].map((i) => i.getAttribute('src')),
      };
    });
    expect(report.xss).toBeNull();
    expect(report.scripts).toBe(0);
    expect(report.handlers).toBe(0);
    expect(
      report.hrefs.every((h) => /^(https:|mailto:|\/)/.test(h)),
      report.hrefs.join(' '),
    ).toBe(true);
    expect(report.images.every((src) => src === 'https://example.invalid/a.png')).toBe(true);
    expect(dialogs).toEqual([]);
  });
});
