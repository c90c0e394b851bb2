import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeMailer } from '../functions/mail/node-mailer.ts';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import type { Mailer } from '../functions/mail/message.ts';
import { createClock, createHarness, ORIGIN, type Actor, type Harness } from './helpers/harness.ts';

/**
 * Addresses, confirmation links, preferences and one-click unsubscribe, against a real SMTP
 * server (smtp-server) whose messages are parsed with mailparser.
 */

const SECRET = 'test-email-signing-secret-0123456789abcdef';
const NGO = 'GB-NIC-100002';

let catcher: MailCatcher;
let mailer: Mailer;
let h: Harness;
let clock: ReturnType<typeof createClock>;
let admin: Actor;
let manager: Actor;
let otherManager: Actor;

beforeAll(async () => {
  catcher = await startMailCatcher();
  mailer = createNodeMailer({ smtpUrl: catcher.url, from: 'Jumo <no-reply@jumo.test>' });
  clock = createClock();
  h = await createHarness({
    demoSignIn: true,
    rateLimits: 'lifted',
    now: clock.now,
    vars: { EMAIL_SIGNING_SECRET: SECRET, PUBLIC_ORIGIN: ORIGIN },
    createMailer: () => mailer,
  });
  admin = await h.makeAdmin('Email Admin');
  manager = await h.signIn('Email Manager');
  otherManager = await h.signIn('Other Email Manager');
  await h.makeManager(manager, NGO, admin);
  await h.makeManager(otherManager, 'GB-NIC-100004', admin);
});

afterAll(async () => {
  mailer.close();
  await catcher.close();
  h.cleanup();
});

beforeEach(() => catcher.clear());

/** The one message to `address` caught since the last clear. */
function messageTo(address: string): CaughtMessage {
  const found = catcher.messages().filter((m) => m.to.includes(address));
  expect(found).toHaveLength(1);
  return found[0]!;
}

function tokenFrom(message: CaughtMessage): string {
  const match = /\/me\/email\/confirm\/#token=([a-z0-9]+)/.exec(message.text);
  expect(match).not.toBeNull();
  return match![1]!;
}

async function addConfirmedAddress(actor: Actor, address: string) {
  const before = catcher.count();
  const put = await h.json('PUT', '/api/me/email', actor, { email: address });
  expect(put.status).toBe(200);
  await catcher.waitFor(before + 1);
  const confirmed = await h.json('POST', '/api/me/email/confirm', null, { token: tokenFrom(messageTo(address)) });
  expect(confirmed.status).toBe(200);
  catcher.clear();
}

describe('every email route by role', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/me/email'],
    ['PUT', '/api/me/email', { email: 'x@example.org' }],
    ['PATCH', '/api/me/email', { digest: 'off' }],
    ['DELETE', '/api/me/email'],
    ['PUT', `/api/me/email/instant/${NGO}`],
    ['DELETE', `/api/me/email/instant/${NGO}`],
  ];
  it.each(routes)('%s %s needs a session (401)', async (method, path, body) => {
    expect((await h.json(method, path, null, body)).status).toBe(401);
  });

  it('signed in, a manager of another NGO, a manager and an admin each see only their own settings', async () => {
    for (const actor of [await h.signIn('Plain Reader'), otherManager, manager, admin]) {
      const got = await h.json('GET', '/api/me/email', actor);
      expect(got.status).toBe(200);
      expect(got.body).toEqual({ email: null, confirmed: false, digest: 'weekly', status: 'ok', instant: [] });
    }
  });

  it('refuses a bad address with 400 naming `email`, storing nothing and sending nothing', async () => {
    const actor = await h.signIn('Bad Address');
    for (const email of [
      'not-an-address',
      'a@b',
      'x y@example.org',
      '<a@example.org>',
      '',
      'a'.repeat(250) + '@e.org',
    ]) {
      const put = await h.json('PUT', '/api/me/email', actor, { email });
      expect(put.status).toBe(400);
      expect(put.body.error.field).toBe('email');
    }
    expect((await h.json('PUT', '/api/me/email', actor, { email: 'a@example.org', extra: 1 })).status).toBe(400);
    expect((await h.json('PATCH', '/api/me/email', actor, { digest: 'daily' })).body.error.field).toBe('digest');
    expect((await h.json('GET', '/api/me/email', actor)).body.email).toBeNull();
    expect(catcher.count()).toBe(catcher.count());
    expect(catcher.messages()).toHaveLength(0);
  });

  it('PATCH before any address is a 404; instant toggles check the NGO id', async () => {
    const actor = await h.signIn('No Address Yet');
    expect((await h.json('PATCH', '/api/me/email', actor, { digest: 'off' })).status).toBe(404);
    expect((await h.json('PUT', '/api/me/email/instant/not-an-id', actor)).body.error.field).toBe('id');
    expect((await h.json('PUT', '/api/me/email/instant/GB-NIC-999999', actor)).status).toBe(404);
  });
});

describe('confirmation', () => {
  it('sends a link in HTML and text; the token confirms once and then is refused', async () => {
    const actor = await h.signIn('Confirm Me');
    const put = await h.json('PUT', '/api/me/email', actor, { email: 'confirm.me@example.org' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ email: 'confirm.me@example.org', confirmed: false });
    const message = messageTo('confirm.me@example.org');
    expect(message.subject).toBe('Confirm your email address for Jumo');
    const token = tokenFrom(message);
    expect(message.html).toContain(`${ORIGIN}/me/email/confirm/#token=${token}`);
    // Only a hash is stored.
    const stored = await h.db.$client.execute('SELECT token_hash FROM email_tokens');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);

    const confirmed = await h.json('POST', '/api/me/email/confirm', null, { token });
    expect(confirmed).toEqual({ status: 200, body: { confirmed: true, email: 'confirm.me@example.org' } });
    const again = await h.json('POST', '/api/me/email/confirm', null, { token });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'invalid_token', field: 'token' });
    expect((await h.json('GET', '/api/me/email', actor)).body).toMatchObject({
      confirmed: true,
      digest: 'weekly',
      status: 'ok',
    });
    // The same confirmed address again sends nothing.
    catcher.clear();
    expect((await h.json('PUT', '/api/me/email', actor, { email: 'Confirm.Me@example.org' })).status).toBe(200);
    expect(catcher.messages()).toHaveLength(0);
  });

  it('a token expires after 48 hours', async () => {
    const actor = await h.signIn('Slow Clicker');
    await h.json('PUT', '/api/me/email', actor, { email: 'slow@example.org' });
    const token = tokenFrom(messageTo('slow@example.org'));
    clock.advanceSeconds(48 * 3600 + 1);
    expect((await h.json('POST', '/api/me/email/confirm', null, { token })).status).toBe(400);
    expect((await h.json('GET', '/api/me/email', actor)).body.confirmed).toBe(false);
  });

  it('a token for an address since changed is refused', async () => {
    const actor = await h.signIn('Changes Mind');
    await h.json('PUT', '/api/me/email', actor, { email: 'first@example.org' });
    const token = tokenFrom(messageTo('first@example.org'));
    await h.json('PUT', '/api/me/email', actor, { email: 'second@example.org' });
    expect((await h.json('POST', '/api/me/email/confirm', null, { token })).status).toBe(400);
    expect((await h.json('GET', '/api/me/email', actor)).body).toMatchObject({
      email: 'second@example.org',
      confirmed: false,
    });
  });

  it('answers the same whether or not another account uses the address', async () => {
    const owner = await h.signIn('Address Owner');
    await addConfirmedAddress(owner, 'taken@example.org');
    const stranger = await h.signIn('Address Prober');
    const fresh = await h.signIn('Fresh Prober');
    const taken = await h.send('PUT', '/api/me/email', stranger, { email: 'taken@example.org' });
    const free = await h.send('PUT', '/api/me/email', fresh, { email: 'free@example.org' });
    expect(taken.status).toBe(free.status);
    const [a, b] = [await taken.json(), await free.json()];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).toMatchObject({ email: 'taken@example.org', confirmed: false, status: 'ok' });
    expect(b).toMatchObject({ email: 'free@example.org', confirmed: false, status: 'ok' });
    // The owner's confirmed address is untouched.
    expect((await h.json('GET', '/api/me/email', owner)).body.confirmed).toBe(true);
  });

  it('rate-limits confirmation messages per account (429) and per address (silently)', async () => {
    const actor = await h.signIn('Resender');
    for (let i = 0; i < 5; i++) {
      expect((await h.json('PUT', '/api/me/email', actor, { email: `resend${i}@example.org` })).status).toBe(200);
    }
    const refused = await h.send('PUT', '/api/me/email', actor, { email: 'resend9@example.org' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('3600');
    expect(catcher.messages()).toHaveLength(5);

    catcher.clear();
    const target = 'victim@example.org';
    const answers = [];
    for (const name of ['Flooder A', 'Flooder B', 'Flooder C', 'Flooder D']) {
      answers.push(await h.json('PUT', '/api/me/email', await h.signIn(name), { email: target }));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(catcher.messages().filter((m) => m.to.includes(target))).toHaveLength(3);
    clock.advanceSeconds(3601);
  });

  it('an unreachable mail server is a 503 and leaves no usable token', async () => {
    const broken = createNodeMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'x@jumo.test' });
    const app = h.withApp({ createMailer: () => broken });
    const actor = await app.signIn('Offline Sender');
    const put = await app.json('PUT', '/api/me/email', actor, { email: 'offline@example.org' });
    expect(put.status).toBe(503);
    expect(put.body.error.code).toBe('mail_unavailable');
    const tokens = await h.db.$client.execute({
      sql: 'SELECT count(*) AS n FROM email_tokens WHERE user_id = ?',
      args: [actor.id],
    });
    expect(Number(tokens.rows[0]!.n)).toBe(0);
    broken.close();
  });
});

describe('preferences', () => {
  it('digest off and on, instant per NGO, remove the address', async () => {
    const actor = await h.signIn('Preferences');
    await addConfirmedAddress(actor, 'prefs@example.org');
    expect((await h.json('PATCH', '/api/me/email', actor, { digest: 'off' })).body.digest).toBe('off');
    expect((await h.json('PATCH', '/api/me/email', actor, { digest: 'weekly' })).body.digest).toBe('weekly');
    expect((await h.json('PUT', `/api/me/email/instant/${NGO}`, actor)).body.instant).toEqual([NGO]);
    expect((await h.json('PUT', `/api/me/email/instant/${NGO}`, actor)).body.instant).toEqual([NGO]);
    expect((await h.json('DELETE', `/api/me/email/instant/${NGO}`, actor)).body.instant).toEqual([]);
    const removed = await h.json('DELETE', '/api/me/email', actor);
    expect(removed.body).toMatchObject({ email: null, confirmed: false });
  });

  it('the data export includes the email data; account deletion removes it', async () => {
    const actor = await h.signIn('Exporter');
    await addConfirmedAddress(actor, 'export@example.org');
    await h.json('PUT', `/api/me/email/instant/${NGO}`, actor);
    const exported = await h.json('GET', '/api/me/export', actor);
    expect(exported.body.email).toMatchObject({
      address: 'export@example.org',
      digest: 'weekly',
      instantNgoIds: [NGO],
    });
    expect((await h.json('DELETE', '/api/me', actor)).status).toBe(200);
    for (const table of ['email_addresses', 'email_tokens', 'ngo_instant_emails', 'email_sends']) {
      const left = await h.db.$client.execute({
        sql: `SELECT count(*) AS n FROM ${table} WHERE user_id = ?`,
        args: [actor.id],
      });
      expect(Number(left.rows[0]!.n)).toBe(0);
    }
  });
});

describe('one-click unsubscribe', () => {
  async function unsubscribeUrl(userId: string) {
    const { buildUnsubscribeUrl } = await import('../functions/mail/unsubscribe-token.ts');
    return buildUnsubscribeUrl(ORIGIN, SECRET, userId);
  }

  it('a POST of List-Unsubscribe=One-Click with no cookie and no Origin turns mail off', async () => {
    const actor = await h.signIn('Leaver');
    await addConfirmedAddress(actor, 'leaver@example.org');
    await h.json('PUT', `/api/me/email/instant/${NGO}`, actor);
    const url = await unsubscribeUrl(actor.id);
    const response = await h.app.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ unsubscribed: true });
    expect((await h.json('GET', '/api/me/email', actor)).body).toMatchObject({ digest: 'off', instant: [] });
  });

  it('opening the link (GET) redirects to the confirming page and changes nothing', async () => {
    const actor = await h.signIn('Link Opener');
    await addConfirmedAddress(actor, 'opener@example.org');
    const url = await unsubscribeUrl(actor.id);
    const response = await h.app.request(url);
    expect(response.status).toBe(303);
    const location = response.headers.get('Location')!;
    expect(location.startsWith('/email/unsubscribe/?token=')).toBe(true);
    expect(new URL(location, ORIGIN).searchParams.get('token')).toBe(new URL(url).searchParams.get('token'));
    expect((await h.json('GET', '/api/me/email', actor)).body.digest).toBe('weekly');
  });

  it('refuses a forged or altered token and a wrong body', async () => {
    const actor = await h.signIn('Forgery Target');
    await addConfirmedAddress(actor, 'target@example.org');
    const good = new URL(await unsubscribeUrl(actor.id)).searchParams.get('token')!;
    const other = await h.signIn('Forger');
    const forged = [`${other.id}${good.slice(good.indexOf('.'))}`, `${actor.id}.AAAA`, 'garbage', `${good}x`];
    for (const token of forged) {
      const response = await h.app.request(`${ORIGIN}/api/email/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(response.status).toBe(400);
    }
    const wrongBody = await h.app.request(`${ORIGIN}/api/email/unsubscribe?token=${encodeURIComponent(good)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=Yes',
    });
    expect(wrongBody.status).toBe(400);
    expect((await h.json('GET', '/api/me/email', actor)).body.digest).toBe('weekly');
  });
});

afterEach(() => undefined);
