import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWeeklyDigest, sendDueEmails, type SenderOptions } from '../functions/mail/digest.ts';
import { startMailCatcher, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import type { Mailer } from '../functions/mail/message.ts';
import { createNodeMailer } from '../functions/mail/node-mailer.ts';
import { createClock, createHarness, ORIGIN, type Actor, type Harness } from './helpers/harness.ts';

/**
 * Impact reports by email, from the reports API to a real SMTP server (smtp-server, parsed with
 * mailparser): an instant email to those who asked for the NGO's, and the weekly digest of a
 * pledger who does not follow the NGO.
 */

const SECRET = 'test-email-signing-secret-0123456789abcdef';
const NGO = 'GB-NIC-100002';
const SLUG = 'cancer-lifeline-100002';

let catcher: MailCatcher;
let mailer: Mailer;
let h: Harness;
let clock: ReturnType<typeof createClock>;
let manager: Actor;

const senderOptions = (): SenderOptions => ({
  db: h.db,
  mailer,
  origin: ORIGIN,
  signingSecret: SECRET,
  now: clock.now,
});
const messagesTo = (address: string) => catcher.messages().filter((m) => m.to.includes(address));

/** Signed in, address confirmed through the link in the real confirmation message. */
async function subscriber(name: string, address: string): Promise<Actor> {
  const actor = await h.signIn(name);
  const before = catcher.count();
  expect((await h.json('PUT', '/api/me/email', actor, { email: address })).status).toBe(200);
  await catcher.waitFor(before + 1);
  const message = catcher.messages().find((m) => m.to.includes(address))!;
  const token = /#token=([a-z0-9]+)/.exec(message.text)![1]!;
  expect((await h.json('POST', '/api/me/email/confirm', null, { token })).status).toBe(200);
  return actor;
}

beforeAll(async () => {
  catcher = await startMailCatcher();
  mailer = createNodeMailer({ smtpUrl: catcher.url, from: 'Jumo <no-reply@jumo.test>' });
  clock = createClock(Date.UTC(2027, 2, 15, 8, 0, 0));
  h = await createHarness({
    demoSignIn: true,
    rateLimits: 'lifted',
    now: clock.now,
    vars: { EMAIL_SIGNING_SECRET: SECRET, PUBLIC_ORIGIN: ORIGIN },
    createMailer: () => mailer,
  });
  const admin = await h.makeAdmin('Mail Report Admin');
  manager = await h.signIn('Mail Report Manager');
  await h.makeManager(manager, NGO, admin);
});

afterAll(async () => {
  mailer.close();
  await catcher.close();
  h.cleanup();
});

describe('impact reports by email', () => {
  it('mails a published report at once to those who turned on instant email for the NGO, once', async () => {
    const eager = await subscriber('Report Eager', 'report-eager@example.org');
    const follower = await subscriber('Report Follower Only', 'report-follower@example.org');
    await h.json('PUT', `/api/follows/ngos/${NGO}`, follower);
    expect((await h.json('PUT', `/api/me/email/instant/${NGO}`, eager)).status).toBe(200);
    catcher.clear();
    clock.advanceSeconds(5);

    const published = await h.json('POST', `/api/ngos/${NGO}/impact-reports`, manager, {
      title: 'Our 2026 <in numbers>',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      currency: 'GBP',
      receivedMinor: 1_250_000,
      body: 'We ran **40** support groups.',
    });
    expect(published.status).toBe(201);
    const id = published.body.report.id as string;

    expect((await sendDueEmails(senderOptions())).sent).toBe(1);
    const [message, ...more] = messagesTo('report-eager@example.org');
    expect(more).toEqual([]);
    expect(message!.subject).toBe('Cancer Lifeline: Our 2026 <in numbers>');
    expect(message!.text).toContain(`${ORIGIN}/ngos/${SLUG}/reports/${id}/`);
    expect(message!.html).toContain('Our 2026 &#60;in numbers&#62;');
    expect(message!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // Following alone means the weekly digest, not an instant email.
    expect(messagesTo('report-follower@example.org')).toEqual([]);
    expect((await sendDueEmails(senderOptions())).sent).toBe(0);
  });

  it("puts the report in the weekly digest of a pledger who does not follow the NGO, not a cancelled pledger's", async () => {
    const pledger = await subscriber('Digest Pledger', 'report-pledger@example.org');
    const cancelled = await subscriber('Digest Cancelled', 'report-cancelled@example.org');
    const pledge = { ngoId: NGO, amount: 2500, currency: 'GBP', recurrence: 'once', visibility: 'public' };
    expect((await h.send('POST', '/api/pledges', pledger, pledge)).status).toBe(201);
    const doomed = await h.json('POST', '/api/pledges', cancelled, pledge);
    await h.json('PATCH', `/api/pledges/${doomed.body.pledge.id}`, cancelled, { status: 'cancelled' });
    catcher.clear();
    clock.advanceSeconds(60);
    const published = await h.json('POST', `/api/ngos/${NGO}/impact-reports`, manager, {
      title: 'What your pledges did',
      periodStart: '2027-01-01',
      periodEnd: '2027-03-01',
      body: 'Every gift became a night of care.',
    });
    expect(published.status).toBe(201);
    clock.advanceSeconds(3600);

    await runWeeklyDigest(senderOptions());
    const [digest, ...more] = messagesTo('report-pledger@example.org');
    expect(more).toEqual([]);
    expect(digest!.text).toContain('What your pledges did');
    expect(digest!.text).toContain(`${ORIGIN}/ngos/${SLUG}/reports/${published.body.report.id}/`);
    expect(messagesTo('report-cancelled@example.org')).toEqual([]);
  });
});
