import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAdmin } from '../db/admins.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { startMailCatcher, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import { useBrowser } from './browser.ts';
import { startE2eServer, type E2eServer } from './server.ts';
import { signIn } from './session.ts';

/**
 * "Add your NGO" in Chromium against the Node entry with a real SMTP server: a person proposes
 * an organisation from a country the directory never had (a field error first), confirms the
 * work email from the link that arrived, an admin sees the signals at /admin/ and approves, and
 * the proposer manages the new NGO's page at /manage/. Runs on the full build or a fixture one
 * (CONTENT_DIR=test/fixtures/ngos).
 */
const { newPage } = useBrowser();
const suffix = Date.now().toString(36);
const NAME = `Mathare Youth Choir ${suffix}`;

let catcher: MailCatcher;
let server: E2eServer;
let db: Database;

beforeAll(async () => {
  catcher = await startMailCatcher();
  server = await startE2eServer({ SMTP_URL: catcher.url });
  const opened = openDatabase({ url: server.databaseUrl });
  if (!opened.ok) throw new Error(opened.reason);
  db = opened.db;
});
afterAll(async () => {
  db?.$client.close();
  await server?.close();
  await catcher?.close();
});

describe('Add your NGO', () => {
  it('propose → confirm the work email → an admin approves → the proposer manages the page', async () => {
    const proposer = await newPage(server.url);
    proposer.setDefaultTimeout(10_000);
    await signIn(proposer, `Join Proposer ${suffix}`);

    // Linked from the footer of every page.
    await proposer.goto('/about/');
    await proposer.locator('footer').getByRole('link', { name: 'Add your NGO' }).click();
    await proposer.waitForURL('**/join/');
    const form = proposer.locator('form.eng-form');
    await form.waitFor();

    await form.getByLabel('Organisation name').fill(NAME);
    await form.getByLabel('Country where it is based').selectOption('KE');
    await form.getByLabel('Town or city (optional)').fill('Nairobi');
    await form.getByLabel('Register it is on').selectOption('KE-NCB');
    await form.getByLabel('Registration number').fill(`OP.218/051/${suffix.length}`);
    await form.getByLabel('Website (optional)').fill('http://matharechoir.example.org');
    await form
      .getByLabel('What the organisation does')
      .fill('A choir for young people in Mathare: weekly rehearsals, concerts and school fees for members.');
    await form.getByLabel('Youth development').check();
    await form.getByLabel('Arts & culture').check();
    await form.getByLabel('Your role there').fill('Choir director');
    await form.getByLabel('Your work email').fill('director@matharechoir.example.org');
    await form.getByRole('button', { name: 'Propose this organisation' }).click();

    // Refused beside the field it names; nothing sent.
    const website = form.getByLabel('Website (optional)');
    await expect.poll(() => website.getAttribute('aria-invalid')).toBe('true');
    await form.getByText('an https:// address').first().waitFor();
    expect(catcher.count()).toBe(0);

    await website.fill('https://matharechoir.example.org/');
    await form.getByRole('button', { name: 'Propose this organisation' }).click();
    await proposer.getByText('Proposal sent.').waitFor();
    const mine = proposer.locator('[aria-label="Your proposals"] [data-status="pending"]', { hasText: NAME });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Open the link we sent to director@matharechoir.example.org');

    // The work email's confirmation link.
    await catcher.waitFor(1);
    // The person asks for it again (the first went astray): the newest link is the one that works.
    await mine.getByRole('button', { name: 'Send the link again' }).click();
    await mine.getByText('A new link is on its way to director@matharechoir.example.org.').waitFor();
    await catcher.waitFor(2);
    const message = catcher
      .messages()
      .filter((m) => m.to.includes('director@matharechoir.example.org'))
      .at(-1)!;
    const link = /(http:\/\/\S+\/join\/#confirm=[a-z0-9]+)/.exec(message.text)![1]!;
    await proposer.goto(link);
    // Opening the link confirms nothing (mail scanners open links too): the person clicks.
    await proposer.locator('[data-confirm-prompt]').waitFor();
    expect(proposer.url()).not.toContain('confirm=');
    await proposer.getByText('Open the link we sent to director@matharechoir.example.org').waitFor();
    await proposer.getByRole('button', { name: 'Confirm my work email' }).click();
    await proposer.locator('[data-confirmation]', { hasText: 'is confirmed' }).waitFor();
    await proposer.getByText('Your work email is confirmed.').waitFor();

    // The admin's review, with its signals.
    const admin = await newPage(server.url);
    admin.setDefaultTimeout(10_000);
    const adminId = await signIn(admin, `Join Admin ${suffix}`);
    await grantAdmin(db, adminId, new Date());
    await admin.goto('/admin/');
    const item = admin.locator('[aria-label="Pending proposals"] li', { hasText: NAME });
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('email confirmed');
    expect(text).toContain('matches the website');
    expect(text).toContain('KE-NCB');
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.waitFor({ state: 'detached' });

    // The proposer manages the new page.
    await proposer.goto('/join/');
    const approved = proposer.locator('[aria-label="Your proposals"] [data-status="approved"]', { hasText: NAME });
    await approved.waitFor();
    await approved.getByRole('link', { name: 'Manage its page' }).click();
    await proposer.waitForURL(/\/manage\/\?ngo=KE-NCB-OP218051/);
    await proposer.getByRole('heading', { name: 'News' }).first().waitFor();
    const access = await proposer.evaluate(
      async (id) => (await fetch(`/api/ngos/${id}/access`)).json(),
      `KE-NCB-OP218051${suffix.length}`,
    );
    expect(access).toMatchObject({ manager: true, ngo: { name: NAME } });

    // The decision reached the confirmed work address.
    await catcher.waitFor(2);
    expect(catcher.messages().map((m) => m.subject)).toContain(`${NAME} is in the Jumo directory`);
  });

  it('links "Add your NGO" from the search page’s no-results help and from /about/', async () => {
    const page = await newPage(server.url);
    await page.goto('/search/');
    expect(await page.locator('#search-help a[href="/join/"]').count()).toBe(1);
    await page.goto('/about/');
    expect(await page.locator('#join a[href="/join/"]').count()).toBe(1);
    await page.goto('/join/');
    await page.getByText('Sign in (top right) to propose your organisation').waitFor();
  });
});
