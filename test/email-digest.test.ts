import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runWeeklyDigest, sendDueEmails, type SenderOptions } from '../functions/mail/digest.ts';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import type { Mailer } from '../functions/mail/message.ts';
import { createNodeMailer } from '../functions/mail/node-mailer.ts';
import { generateSecureRandomString } from '../db/ids.ts';
import { createClock, createHarness, ORIGIN, type Actor, type Harness } from './helpers/harness.ts';

/**
 * The weekly digest and instant emails, sent over real SMTP to smtp-server and parsed with
 * mailparser: contents, escaping, links, idempotency (again and overlapping), bounces, retries.
 */

const SECRET = 'test-email-signing-secret-0123456789abcdef';
const NGO = 'GB-NIC-100002'; // Cancer Lifeline
const PLEDGED_NGO = 'GB-NIC-100004'; // Disability Action
const RELIGION_NGO = 'GB-NIC-102132'; // Ballyards Charitable Trust: cause "religion"
const HOSTILE_TITLE = '<script>alert(1)</script> & "quoted" <b>bold</b>';

let catcher: MailCatcher;
let mailer: Mailer;
let h: Harness;
let clock: ReturnType<typeof createClock>;
let admin: Actor;
let manager: Actor;

function senderOptions(overrides: Partial<SenderOptions> = {}): SenderOptions {
  return { db: h.db, mailer, origin: ORIGIN, signingSecret: SECRET, now: clock.now, ...overrides };
}

beforeAll(async () => {
  catcher = await startMailCatcher();
  mailer = createNodeMailer({ smtpUrl: catcher.url, from: 'Jumo <no-reply@jumo.test>' });
  clock = createClock(Date.UTC(2027, 2, 15, 8, 0, 0)); // Monday of 2027-W11
  h = await createHarness({
    demoSignIn: true,
    rateLimits: 'lifted',
    now: clock.now,
    vars: { EMAIL_SIGNING_SECRET: SECRET, PUBLIC_ORIGIN: ORIGIN },
    createMailer: () => mailer,
  });
  admin = await h.makeAdmin('Digest Admin');
  manager = await h.signIn('Digest Manager');
  await h.makeManager(manager, NGO, admin);
  await h.makeManager(manager, RELIGION_NGO, admin);
  await h.makeManager(manager, PLEDGED_NGO, admin);
});

afterAll(async () => {
  mailer.close();
  await catcher.close();
  h.cleanup();
});

beforeEach(() => catcher.clear());

async function subscriber(name: string, address: string): Promise<Actor> {
  const actor = await h.signIn(name);
  const before = catcher.count();
  expect((await h.json('PUT', '/api/me/email', actor, { email: address })).status).toBe(200);
  await catcher.waitFor(before + 1);
  const message = catcher.messages().find((m) => m.to.includes(address))!;
  const token = /#token=([a-z0-9]+)/.exec(message.text)![1]!;
  expect((await h.json('POST', '/api/me/email/confirm', null, { token })).status).toBe(200);
  catcher.clear();
  return actor;
}

async function postNews(ngo: string, title: string): Promise<string> {
  const response = await h.json('POST', `/api/ngos/${ngo}/posts`, manager, { title, body: 'Body text.' });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.post.id;
}

async function postOpportunity(ngo: string, title: string): Promise<string> {
  const response = await h.json('POST', `/api/ngos/${ngo}/opportunities`, manager, {
    title,
    description: 'Help us at the shop.',
    place: 'Belfast',
    remote: false,
    commitment: '2 hours',
    closesOn: '2099-12-31',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.opportunity.id;
}

/** An impact report as the reports API stores it (read by the digest straight from its table). */
async function insertReport(ngo: string, title: string, hidden = false): Promise<string> {
  const id = generateSecureRandomString();
  const now = Math.floor(clock.now().getTime() / 1000);
  await h.db.$client.execute({
    sql: `INSERT INTO impact_reports (id, ngo_id, author_id, title, period_start, period_end, body_markdown, body_html, hidden, created_at, updated_at)
      VALUES (?, ?, ?, ?, '2026-01-01', '2026-12-31', 'What we did', '<p>What we did</p>', ?, ?, ?)`,
    args: [id, ngo, manager.id, title, hidden ? 1 : 0, now, now],
  });
  return id;
}

function onlyMessageTo(address: string): CaughtMessage {
  const found = catcher.messages().filter((m) => m.to.includes(address));
  expect(found, `messages to ${address}`).toHaveLength(1);
  return found[0]!;
}

function messagesTo(address: string): CaughtMessage[] {
  return catcher.messages().filter((m) => m.to.includes(address));
}

async function countSends(kind: string): Promise<number> {
  const result = await h.db.$client.execute({
    sql: "SELECT count(*) AS n FROM email_sends WHERE kind = ? AND status = 'sent'",
    args: [kind],
  });
  return Number(result.rows[0]!.n);
}

describe('weekly digest', () => {
  let follower: Actor;
  let causeFollower: Actor;
  let pledger: Actor;
  let quiet: Actor;
  let postId: string;
  let opportunityId: string;
  let reportId: string;
  let pledgedReportId: string;

  beforeAll(async () => {
    follower = await subscriber('Follower', 'follower@example.org');
    causeFollower = await subscriber('Cause Follower', 'cause@example.org');
    pledger = await subscriber('Pledger', 'pledger@example.org');
    quiet = await subscriber('Quiet', 'quiet@example.org');
    await h.json('PUT', `/api/follows/ngos/${NGO}`, follower);
    await h.json('PUT', '/api/follows/causes/religion', causeFollower);
    await h.json('PUT', `/api/follows/ngos/${PLEDGED_NGO}`, quiet);
    const pledge = await h.json('POST', '/api/pledges', pledger, {
      ngoId: PLEDGED_NGO,
      amount: 2500,
      currency: 'GBP',
      recurrence: 'once',
      visibility: 'anonymous',
    });
    expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);
    // Posted before everyone's confirmation: never in a digest.
    clock.advanceSeconds(10);
    postId = await postNews(NGO, HOSTILE_TITLE);
    opportunityId = await postOpportunity(NGO, 'Shop helper');
    reportId = await insertReport(NGO, 'Our 2026 in numbers');
    await insertReport(NGO, 'Hidden report', true);
    await postNews(RELIGION_NGO, 'Harvest service');
    pledgedReportId = await insertReport(PLEDGED_NGO, 'What your pledges did');
    clock.advanceSeconds(3600);
  });

  it('sends each subscriber their new items, escaped in HTML, plain in text, with links and RFC 8058 headers', async () => {
    const report = await runWeeklyDigest(senderOptions());
    // quiet follows PLEDGED_NGO, which posted only a report: that is new for quiet too.
    expect(report.sent).toBe(4);

    const message = onlyMessageTo('follower@example.org');
    expect(message.subject).toBe('Your week on Jumo: 3 new items');
    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toContain('<b>bold');
    expect(message.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quoted&#34;');
    expect(message.text).toContain(HOSTILE_TITLE);
    expect(message.text).toContain(`${ORIGIN}/ngos/cancer-lifeline-100002/#post-${postId}`);
    expect(message.text).toContain(`${ORIGIN}/ngos/cancer-lifeline-100002/#opportunity-${opportunityId}`);
    expect(message.text).toContain(`${ORIGIN}/ngos/cancer-lifeline-100002/reports/${reportId}/`);
    expect(message.html).toContain(`href="${ORIGIN}/ngos/cancer-lifeline-100002/#post-${postId}"`);
    expect(message.text).not.toContain('Hidden report');
    expect(message.text).not.toContain('Harvest service');
    const unsubscribe = /^<(https:\/\/[^>]+)>$/.exec(message.headers['list-unsubscribe']!)![1]!;
    expect(unsubscribe.startsWith(`${ORIGIN}/api/email/unsubscribe?token=`)).toBe(true);
    expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(message.text).toContain(unsubscribe);

    const cause = onlyMessageTo('cause@example.org');
    expect(cause.text).toContain('Harvest service');
    expect(cause.text).not.toContain('Shop helper');

    const pledged = onlyMessageTo('pledger@example.org');
    expect(pledged.subject).toBe('Your week on Jumo: 1 new item');
    expect(pledged.text).toContain(`What your pledges did`);
    expect(pledged.text).toContain(`/reports/${pledgedReportId}/`);

    // The unsubscribe link in the message works with no session and no Origin.
    const response = await h.app.request(unsubscribe, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect((await h.json('GET', '/api/me/email', quiet)).body.digest).toBe('weekly');
    expect((await h.json('GET', '/api/me/email', follower)).body.digest).toBe('off');
    await h.json('PATCH', '/api/me/email', follower, { digest: 'weekly' });
  });

  it('sends nothing when nothing is new, and never twice in a week', async () => {
    clock.advanceSeconds(3600);
    expect(await runWeeklyDigest(senderOptions())).toMatchObject({ sent: 0 });
    // Something new later in the same week: still not a second digest this week.
    await postNews(NGO, 'Midweek news');
    clock.advanceSeconds(60);
    expect(await runWeeklyDigest(senderOptions())).toMatchObject({ sent: 0 });
    expect(catcher.messages()).toHaveLength(0);
  });

  it('two overlapping runs send each digest once', async () => {
    clock.advanceSeconds(7 * 86400); // next ISO week
    const sentBefore = await countSends('digest');
    const [a, b] = await Promise.all([
      runWeeklyDigest(senderOptions({ pageSize: 1, concurrency: 1 })),
      runWeeklyDigest(senderOptions({ pageSize: 1, concurrency: 1 })),
    ]);
    // Only the follower has something new (the midweek news); quiet, pledger and cause: nothing.
    expect(a.sent + b.sent).toBe(1);
    expect(await countSends('digest')).toBe(sentBefore + 1);
    const message = onlyMessageTo('follower@example.org');
    expect(message.text).toContain('Midweek news');
    expect(message.text).not.toContain('Shop helper');
  });
});

describe('instant emails', () => {
  it('one message per new item to those who turned instant on, once', async () => {
    const eager = await subscriber('Eager', 'eager@example.org');
    const unconfirmed = await h.signIn('Unconfirmed Eager');
    await h.json('PUT', '/api/me/email', unconfirmed, { email: 'unconfirmed@example.org' });
    await h.json('PUT', `/api/me/email/instant/${NGO}`, unconfirmed);
    expect((await h.json('PUT', `/api/me/email/instant/${NGO}`, eager)).status).toBe(200);
    catcher.clear();
    clock.advanceSeconds(5);
    const postId = await postNews(NGO, 'Breaking <news>');
    const opportunityId = await postOpportunity(NGO, 'Urgent helpers');
    await postNews(RELIGION_NGO, 'Not for eager');
    const report = await sendDueEmails(senderOptions());
    expect(report.sent).toBe(2);
    const messages = messagesTo('eager@example.org');
    expect(messages.map((m) => m.subject).sort()).toEqual([
      'Cancer Lifeline: Breaking <news>',
      'Cancer Lifeline: Urgent helpers',
    ]);
    const news = messages.find((m) => m.subject.includes('Breaking'))!;
    expect(news.html).toContain('Breaking &#60;news&#62;');
    expect(news.text).toContain(`${ORIGIN}/ngos/cancer-lifeline-100002/#post-${postId}`);
    expect(news.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(messages.find((m) => m.subject.includes('Urgent'))!.text).toContain(`#opportunity-${opportunityId}`);
    expect(messagesTo('unconfirmed@example.org')).toHaveLength(0);
    expect((await sendDueEmails(senderOptions())).sent).toBe(0);
    await h.json('DELETE', `/api/me/email/instant/${NGO}`, eager);
  });
});

describe('failures', () => {
  it('retries a transient failure with backoff, then sends', async () => {
    const retry = await subscriber('Retry', 'retry@example.org');
    await h.json('PUT', `/api/me/email/instant/${NGO}`, retry);
    clock.advanceSeconds(5);
    await postNews(NGO, 'Retry me');
    const down = createNodeMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'x@jumo.test' });
    const failed = await sendDueEmails(senderOptions({ mailer: down }));
    down.close();
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    const row = await h.db.$client.execute({
      sql: 'SELECT status, attempts, next_attempt_at, last_error FROM email_sends WHERE user_id = ?',
      args: [retry.id],
    });
    expect(row.rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Number(row.rows[0]!.next_attempt_at)).toBe(Math.floor(clock.now().getTime() / 1000) + 300);
    // Not due yet.
    expect((await sendDueEmails(senderOptions())).sent).toBe(0);
    clock.advanceSeconds(301);
    expect((await sendDueEmails(senderOptions())).sent).toBe(1);
    expect(onlyMessageTo('retry@example.org').subject).toBe('Cancer Lifeline: Retry me');
    await h.json('DELETE', `/api/me/email/instant/${NGO}`, retry);
  });

  it('three hard bounces (SMTP 5xx) mark the address failing, shown in My Jumo; nothing more is sent', async () => {
    const bouncer = await subscriber('Bouncer', 'bouncer@example.org');
    await h.json('PUT', `/api/me/email/instant/${NGO}`, bouncer);
    catcher.refuseRecipient('bouncer@example.org', 550);
    for (let i = 0; i < 3; i++) {
      clock.advanceSeconds(5);
      await postNews(NGO, `Bounce ${i}`);
      expect(await sendDueEmails(senderOptions())).toMatchObject({ sent: 0, failed: 1 });
    }
    const settings = await h.json('GET', '/api/me/email', bouncer);
    expect(settings.body).toMatchObject({ status: 'failing', confirmed: true });
    const rows = await h.db.$client.execute({
      sql: 'SELECT status, attempts FROM email_sends WHERE user_id = ?',
      args: [bouncer.id],
    });
    expect(rows.rows.map((r) => [r.status, Number(r.attempts)])).toEqual([
      ['failed', 1],
      ['failed', 1],
      ['failed', 1],
    ]);
    catcher.refuseRecipient('bouncer@example.org', null);
    clock.advanceSeconds(5);
    await postNews(NGO, 'After failing');
    await sendDueEmails(senderOptions());
    clock.advanceSeconds(7 * 86400);
    await runWeeklyDigest(senderOptions());
    expect(messagesTo('bouncer@example.org')).toHaveLength(0);
    // A new address starts afresh.
    await h.json('PUT', '/api/me/email', bouncer, { email: 'bouncer2@example.org' });
    expect((await h.json('GET', '/api/me/email', bouncer)).body).toMatchObject({ status: 'ok', confirmed: false });
  });
});
