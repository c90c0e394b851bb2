import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAdmin } from '../db/admins.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { runWeeklyDigest } from '../functions/mail/digest.ts';
import { startMailCatcher, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import { createNodeMailer } from '../functions/mail/node-mailer.ts';
import { useBrowser } from './browser.ts';
import { callFromPage, signIn } from './session.ts';
import { startE2eServer, type E2eServer } from './server.ts';

/**
 * The engagement loop in Chromium on the Node entry, with a real SMTP server: a follower confirms
 * an address from the link in the message that arrived; the NGO's manager posts news and an impact
 * report from /manage/; the weekly digest arrives with both; its List-Unsubscribe link, opened in
 * the browser, leaves the digest with one button.
 */
const { newPage } = useBrowser();
const SECRET = 'e2e-loop-signing-secret-0123456789abcdef';
const NGO = { id: 'GB-NIC-100002', slug: 'cancer-lifeline-100002' };
const suffix = Date.now().toString(36);
const ADDRESS = `loop-${suffix}@example.org`;

let catcher: MailCatcher;
let server: E2eServer;
let db: Database;

beforeAll(async () => {
  catcher = await startMailCatcher();
  server = await startE2eServer({ SMTP_URL: catcher.url, EMAIL_SIGNING_SECRET: SECRET });
  const opened = openDatabase({ url: server.databaseUrl });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
});
afterAll(async () => {
  db?.$client.close();
  await server?.close();
  await catcher?.close();
});

describe('the engagement loop', () => {
  it('confirm an address, the manager posts news and a report, the digest brings both, one click leaves', async () => {
    const reader = await newPage(server.url);
    await signIn(reader, `Loop Reader ${suffix}`);
    await reader.goto('/me/');
    await reader.locator('#me-email-address').fill(ADDRESS);
    await reader.getByRole('button', { name: 'Save and confirm' }).click();
    await catcher.waitFor(1);
    const confirmation = catcher.messages().find((m) => m.to.includes(ADDRESS))!;
    await reader.goto(/(http:\/\/\S+\/me\/email\/confirm\/#token=[a-z0-9]+)/.exec(confirmation.text)![1]!);
    await reader.locator('[data-email-confirm-status][data-result="confirmed"]').waitFor();
    expect((await callFromPage(reader, 'PUT', `/api/follows/ngos/${NGO.id}`)).status).toBe(200);

    const manager = await newPage(server.url);
    await signIn(manager, `Loop Manager ${suffix}`);
    const admin = await newPage(server.url);
    await grantAdmin(db, await signIn(admin, `Loop Admin ${suffix}`), new Date());
    const claim = await callFromPage(manager, 'POST', `/api/ngos/${NGO.id}/claims`, {
      role: 'Director',
      workEmail: 'director@cancerlifeline.info',
    });
    const decision = `/api/admin/claims/${claim.data.claim.id}/decision`;
    expect((await callFromPage(admin, 'POST', decision, { decision: 'approve' })).status).toBe(200);

    await manager.goto(`/manage/?ngo=${NGO.id}`);
    const news = manager.locator('section[aria-labelledby=h-news-manage]');
    await news.locator('form').getByLabel('Title').fill(`Loop news ${suffix}`);
    await news.locator('form').getByLabel('Text').fill('A new **centre** opened.');
    await news.getByRole('button', { name: 'Publish', exact: true }).click();
    await news.locator('ul').getByText(`Loop news ${suffix}`).waitFor();
    const impact = manager.locator('[data-impact-section]');
    const form = impact.locator('form');
    await form.getByLabel('Title').fill(`Loop year ${suffix}`);
    await form.getByLabel('Period from').fill('2025-01-01');
    await form.getByLabel('Period to').fill('2025-12-31');
    await form.getByLabel('What was achieved').fill('We ran **40** support groups.');
    await form.getByRole('button', { name: 'Publish report' }).click();
    await impact.getByText('Saved. Live on the site at the next publish.').waitFor();

    // What the Monday job does (npm run digest on Node, the Cron Trigger on Cloudflare).
    const mailer = createNodeMailer({ smtpUrl: catcher.url, from: 'Jumo <no-reply@jumo.test>' });
    const sent = await runWeeklyDigest({
      db,
      mailer,
      origin: server.url,
      signingSecret: SECRET,
      now: () => new Date(),
    });
    expect(sent.sent).toBeGreaterThanOrEqual(1);
    const digest = catcher.messages().find((m) => m.to.includes(ADDRESS) && m.subject.startsWith('Your week'))!;
    expect(digest.text).toContain(`Loop news ${suffix}`);
    expect(digest.text).toContain(`Loop year ${suffix}`);
    expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // The link as a mail client shows it: opening it changes nothing, the page's button does.
    const unsubscribe = /^<([^>]+)>$/.exec(digest.headers['list-unsubscribe']!)![1]!;
    await reader.goto(unsubscribe);
    expect(new URL(reader.url()).pathname).toBe('/email/unsubscribe/');
    expect((await callFromPage(reader, 'GET', '/api/me/email')).data.digest).toBe('weekly');
    await reader.getByRole('button', { name: 'Unsubscribe' }).click();
    await reader.locator('[data-unsubscribe-status][data-result="unsubscribed"]').waitFor();
    expect((await callFromPage(reader, 'GET', '/api/me/email')).data.digest).toBe('off');
  });
});
