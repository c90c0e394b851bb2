import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import { useBrowser } from './browser.ts';
import { signIn } from './session.ts';
import { startE2eServer, type E2eServer } from './server.ts';

/**
 * Email in Chromium against the Node entry with a real SMTP server (smtp-server): a person adds
 * an address in My Jumo, confirms it from the link in the message that arrived, and leaves
 * through the unsubscribe link's page (opening it changes nothing; its button does).
 */
const { newPage } = useBrowser();
const SECRET = 'e2e-email-signing-secret-0123456789abcdef';

let catcher: MailCatcher;
let server: E2eServer;

beforeAll(async () => {
  catcher = await startMailCatcher();
  server = await startE2eServer({ SMTP_URL: catcher.url, EMAIL_SIGNING_SECRET: SECRET });
});
afterAll(async () => {
  await server?.close();
  await catcher?.close();
});

async function readSettings(page: Page) {
  return page.evaluate(async () => (await fetch('/api/me/email')).json());
}

describe('email in My Jumo', () => {
  it('adds an address, confirms it from the link in the caught message, and unsubscribes from the link', async () => {
    const page = await newPage(server.url);
    const userId = await signIn(page, `Email Browser ${Date.now().toString(36)}`);
    await page.goto('/me/');
    const input = page.locator('#me-email-address');
    await input.waitFor();
    // A bad address is refused beside the field; nothing is sent.
    await input.fill('not-an-address');
    await page.getByRole('button', { name: 'Save and confirm' }).click();
    await page.locator('#me-email-error').waitFor();
    expect(catcher.count()).toBe(0);

    await input.fill('browser@example.org');
    await page.getByRole('button', { name: 'Save and confirm' }).click();
    await page.locator('[data-me-email-state="unconfirmed"]').waitFor();
    await catcher.waitFor(1);
    const message = catcher.messages()[0]!;
    expect(message.to).toEqual(['browser@example.org']);
    const link = /(http:\/\/\S+\/me\/email\/confirm\/#token=[a-z0-9]+)/.exec(message.text)![1]!;

    await page.goto(link);
    const status = page.locator('[data-email-confirm-status][data-result="confirmed"]');
    await status.waitFor();
    expect(await status.textContent()).toContain('browser@example.org is confirmed');
    // The token left the address bar.
    expect(page.url()).not.toContain('token=');
    expect(await readSettings(page)).toMatchObject({ confirmed: true, digest: 'weekly' });

    await page.goto('/me/');
    await page.locator('[data-me-email-state="ok"]').waitFor();
    expect(await page.locator('[data-me-digest]').isChecked()).toBe(true);

    // The List-Unsubscribe link, as in every digest: opening it only shows the page.
    const { signUnsubscribeToken } = await import('../functions/mail/unsubscribe-token.ts');
    const token = await signUnsubscribeToken(SECRET, userId);
    await page.goto(`/api/email/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(new URL(page.url()).pathname).toBe('/email/unsubscribe/');
    expect(await readSettings(page)).toMatchObject({ digest: 'weekly' });
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.locator('[data-unsubscribe-status][data-result="unsubscribed"]').waitFor();
    expect(await readSettings(page)).toMatchObject({ digest: 'off', instant: [] });
  });
});
