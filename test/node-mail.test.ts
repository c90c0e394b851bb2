import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAdmin } from '../db/admins.ts';
import { startMailCatcher, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import { startNodeServer, type RunningServer } from '../functions/node-server.ts';
import { createTestDatabase, type TestDatabase } from './helpers/harness.ts';

/**
 * The embedded default's mail over real sockets: the Node entry with a local catcher, its
 * /_mail/ page, the sender loop of `npm start`, and `npm run digest` as a separate process.
 */

const run = promisify(execFile);
const SECRET = 'node-mail-test-signing-secret-0123456789abcdef';
const NGO = 'GB-NIC-100002';

let testDb: TestDatabase;
let catcher: MailCatcher;
let server: RunningServer;

beforeAll(async () => {
  testDb = await createTestDatabase({ fixtureNgos: true });
  const clientDir = join(testDb.dir, 'client');
  mkdirSync(clientDir, { recursive: true });
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Jumo</title>');
  catcher = await startMailCatcher();
  server = await startNodeServer({
    clientDir,
    environment: { DATABASE_URL: testDb.url, SMTP_URL: catcher.url, EMAIL_SIGNING_SECRET: SECRET },
    mail: { catcher, runSender: true, senderIntervalMs: 200 },
    port: 0,
  });
});

afterAll(async () => {
  await server.close();
  await catcher.close();
  testDb.cleanup();
});

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      Origin: server.url,
      ...(token ? { Cookie: `session=${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { response, body: (await response.json()) as any };
}

async function signIn(name: string): Promise<{ token: string; id: string }> {
  const { response, body } = await call('POST', '/api/auth/demo', null, { name });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='))!;
  return { token: cookie.slice('session='.length).split(';')[0]!, id: body.user.id };
}

describe('npm start with the local mail catcher', () => {
  it('sends the confirmation message, shows it at /_mail/, and the instant sender delivers new posts', async () => {
    const reader = await signIn('Mail Reader');
    const put = await call('PUT', '/api/me/email', reader.token, { email: 'reader@example.org' });
    expect(put.response.status).toBe(200);
    await catcher.waitFor(1);

    const page = await fetch(`${server.url}/_mail/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Confirm your email address for Jumo');
    const link = /href="(http:\/\/localhost:\d+\/me\/email\/confirm\/#token=([a-z0-9]+))"/.exec(
      html.replaceAll('127.0.0.1', 'localhost'),
    );
    expect(link).not.toBeNull();
    const confirmed = await call('POST', '/api/me/email/confirm', null, { token: link![2] });
    expect(confirmed.body).toEqual({ confirmed: true, email: 'reader@example.org' });

    const htmlPart = await fetch(`${server.url}/_mail/${catcher.messages()[0]!.id}/html`);
    expect(htmlPart.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(await htmlPart.text()).toContain('Confirm reader@example.org');

    // A manager posts; the reader asked for instant email: the loop's next tick sends it.
    const manager = await signIn('Mail Manager');
    await grantAdmin(testDb.db, manager.id, new Date());
    const claim = await call('POST', `/api/ngos/${NGO}/claims`, manager.token, {
      role: 'Director',
      workEmail: 'boss@example.org',
    });
    await call('POST', `/api/admin/claims/${claim.body.claim.id}/decision`, manager.token, { decision: 'approve' });
    await call('PUT', `/api/me/email/instant/${NGO}`, reader.token);
    const posted = await call('POST', `/api/ngos/${NGO}/posts`, manager.token, { title: 'Loop news', body: 'Hello.' });
    expect(posted.response.status).toBe(201);
    await catcher.waitFor(2);
    const instant = catcher.messages().find((m) => m.subject.includes('Loop news'))!;
    expect(instant.to).toEqual(['reader@example.org']);
    expect(instant.headers['list-unsubscribe']).toMatch(/^<http:\/\/localhost:\d+\/api\/email\/unsubscribe\?token=/);
  });

  it('/_mail/ is for browsers on this computer only', async () => {
    const viaProxy = await fetch(`${server.url}/_mail/`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(viaProxy.status).toBe(404);
  });
});

describe('npm run digest', () => {
  it('sends the due digests from a separate process, then nothing when run again', async () => {
    const follower = await signIn('Digest Script Reader');
    await call('PUT', '/api/me/email', follower.token, { email: 'script@example.org' });
    const token = /#token=([a-z0-9]+)/.exec(
      catcher.messages().find((m) => m.to.includes('script@example.org'))!.text,
    )![1]!;
    await call('POST', '/api/me/email/confirm', null, { token });
    await call('PUT', `/api/follows/ngos/${NGO}`, follower.token);
    // Items must be newer than the confirmation (whole seconds).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const id = 'scriptpost2345678923456789'.slice(0, 24);
    const now = Math.floor(Date.now() / 1000);
    await testDb.db.$client.execute({
      sql: `INSERT INTO ngo_posts (id, ngo_id, author_id, title, body_markdown, body_html, hidden, created_at, updated_at)
        VALUES (?, ?, NULL, 'Posted for the script', 'x', '<p>x</p>', 0, ?, ?)`,
      args: [id, NGO, now, now],
    });
    const env = {
      ...process.env,
      DATABASE_URL: testDb.url,
      SMTP_URL: catcher.url,
      EMAIL_SIGNING_SECRET: SECRET,
      PUBLIC_ORIGIN: 'https://jumo.example.org',
    };
    const first = await run(process.execPath, ['scripts/digest.ts'], { env });
    expect(first.stdout).toMatch(/digest: [1-9]\d* sent/);
    const digest = catcher
      .messages()
      .find((m) => m.to.includes('script@example.org') && m.subject.startsWith('Your week'))!;
    expect(digest.text).toContain('Posted for the script');
    expect(digest.text).toContain(`https://jumo.example.org/ngos/cancer-lifeline-100002/#post-${id}`);
    const second = await run(process.execPath, ['scripts/digest.ts'], { env });
    expect(second.stdout).toMatch(/digest: 0 sent/);
  }, 60_000);
});
