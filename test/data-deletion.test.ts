import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { causeFollowerCounts, causeFollows, ngoFollowerCounts, ngoFollows, pledges, users } from '../db/schema.ts';
import { countUserData } from '../db/users.ts';
import { stubFacebook } from './helpers/facebook-stub.ts';
import { createHarness, FACEBOOK_ENV, findCookie, ORIGIN, type Harness } from './helpers/harness.ts';
import { signRequest } from './helpers/signed-request.ts';

let h: Harness;
let facebook: ReturnType<typeof stubFacebook>;

// Requests go to a new app each (h.makeApp(), h.withApp()): fresh sign-in rate limits.
beforeAll(async () => {
  h = await createHarness({ vars: FACEBOOK_ENV });
});
afterAll(() => h.cleanup());
beforeEach(() => {
  facebook = stubFacebook();
});
afterEach(() => facebook.restore());

/** Sign in through the real Facebook flow (stubbed Facebook) and give the user some data. */
async function createFacebookUserWithData(facebookId: string) {
  facebook.set({ profile: { id: facebookId, name: `User ${facebookId}` } });
  const { token } = await h.withApp().signInWithFacebook();
  const [user] = await h.db.select().from(users).where(eq(users.providerUserId, facebookId));
  const now = new Date();
  await h.db.insert(ngoFollows).values({ userId: user!.id, ngoId: 'US-EIN-010674736', createdAt: now });
  await h.db.insert(causeFollows).values({ userId: user!.id, cause: 'health', createdAt: now });
  await h.db.insert(pledges).values({
    id: `p-${facebookId}`,
    userId: user!.id,
    ngoId: 'US-EIN-010674736',
    amountMinor: 2500,
    currency: 'USD',
    recurrence: 'monthly',
    visibility: 'public',
    idempotencyKey: 'k1',
    createdAt: now,
    updatedAt: now,
  });
  return { user: user!, token };
}

async function followers(ngoId: string) {
  const [row] = await h.db.select().from(ngoFollowerCounts).where(eq(ngoFollowerCounts.ngoId, ngoId));
  return row?.followers ?? 0;
}

function postDeletion(body: string, headers: Record<string, string> = {}) {
  return h.makeApp().request(`${ORIGIN}/api/auth/facebook/data-deletion`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

describe('POST /api/auth/facebook/data-deletion', () => {
  it('verifies the signed_request, deletes the user and all their data, and answers { url, confirmation_code }', async () => {
    const { user, token } = await createFacebookUserWithData('10160000000000100');
    const bystander = await createFacebookUserWithData('10160000000000101');
    expect(await followers('US-EIN-010674736')).toBe(2);

    const signed = signRequest(
      { algorithm: 'HMAC-SHA256', user_id: '10160000000000100', issued_at: 1_760_000_000, expires: 0 },
      FACEBOOK_ENV.FACEBOOK_APP_SECRET,
    );
    // Facebook calls from its servers: no Origin header, and it must still work.
    const response = await postDeletion(new URLSearchParams({ signed_request: signed }).toString());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { url: string; confirmation_code: string };
    expect(body.confirmation_code).toMatch(/^[a-z2-9]{24}$/);
    expect(body.url).toBe(`${ORIGIN}/api/auth/deletion-status?code=${body.confirmation_code}`);

    expect(await countUserData(h.db, user.id)).toBe(0);
    expect(await countUserData(h.db, bystander.user.id)).toBeGreaterThan(0);
    // Counters stay exact: the deleted follower is subtracted.
    expect(await followers('US-EIN-010674736')).toBe(1);
    const [cause] = await h.db.select().from(causeFollowerCounts).where(eq(causeFollowerCounts.cause, 'health'));
    expect(cause!.followers).toBe(1);
    // Their session is gone with them.
    expect((await h.makeApp().request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${token}` } })).status).toBe(
      401,
    );

    // The status URL works, as JSON and as a page.
    const status = await h.makeApp().request(body.url);
    expect(await status.json()).toMatchObject({ confirmation_code: body.confirmation_code, status: 'completed' });
    const page = await h.makeApp().request(body.url, { headers: { Accept: 'text/html' } });
    expect(page.headers.get('Content-Type')).toContain('text/html');
    expect(await page.text()).toContain(body.confirmation_code);
  });

  it('answers with a confirmation code for a person we have no data about', async () => {
    const signed = signRequest(
      { algorithm: 'HMAC-SHA256', user_id: '10169999999999999' },
      FACEBOOK_ENV.FACEBOOK_APP_SECRET,
    );
    const response = await postDeletion(`signed_request=${signed}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { confirmation_code: string }).confirmation_code).toMatch(/^[a-z2-9]{24}$/);
  });

  it.each([
    [
      'signed with another secret',
      () => signRequest({ algorithm: 'HMAC-SHA256', user_id: '10160000000000200' }, 'wrong-secret'),
    ],
    [
      'payload altered after signing',
      () => {
        const [sig] = signRequest({ algorithm: 'HMAC-SHA256', user_id: '1' }, FACEBOOK_ENV.FACEBOOK_APP_SECRET).split(
          '.',
        );
        const forged = Buffer.from(JSON.stringify({ algorithm: 'HMAC-SHA256', user_id: '10160000000000200' })).toString(
          'base64url',
        );
        return `${sig}.${forged}`;
      },
    ],
    ['no signature part', () => Buffer.from('{"user_id":"10160000000000200"}').toString('base64url')],
    ['not base64url', () => '!!!.???'],
    [
      'another algorithm',
      () => signRequest({ algorithm: 'HMAC-SHA1', user_id: '10160000000000200' }, FACEBOOK_ENV.FACEBOOK_APP_SECRET),
    ],
    ['no user_id', () => signRequest({ algorithm: 'HMAC-SHA256' }, FACEBOOK_ENV.FACEBOOK_APP_SECRET)],
  ])('refuses a signed_request %s and deletes nothing', async (_label, make) => {
    const { user } = await createFacebookUserWithData('10160000000000200');
    const response = await postDeletion(new URLSearchParams({ signed_request: make() }).toString());
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_signed_request');
    expect(await countUserData(h.db, user.id)).toBeGreaterThan(0);
    await h.db.delete(users).where(eq(users.id, user.id));
  });

  it('refuses a request without signed_request', async () => {
    expect((await postDeletion('')).status).toBe(400);
    expect((await postDeletion('{"signed_request":"a.b"}', { 'Content-Type': 'application/json' })).status).toBe(400);
  });

  it('names signed_request when it is missing, empty or sent other than as a form', async () => {
    for (const [body, headers] of [
      ['', {}],
      ['signed_request=', {}],
      ['other=1', {}],
      ['{"signed_request":"a.b"}', { 'Content-Type': 'application/json' }],
      ['signed_request=a.b.c', { 'Content-Type': 'text/plain' }],
    ] as const) {
      const response = await postDeletion(body, headers);
      expect(response.status, body).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; field?: string; message: string } };
      expect(error.field, body).toBe('signed_request');
      expect(error.message).toMatch(/^signed_request: /);
    }
  });

  it('names signed_request when its signature is wrong', async () => {
    const signed = signRequest({ algorithm: 'HMAC-SHA256', user_id: '10160000000000201' }, 'wrong-secret');
    const response = await postDeletion(new URLSearchParams({ signed_request: signed }).toString());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_signed_request',
        field: 'signed_request',
        message: expect.stringMatching(/^signed_request: /),
      },
    });
  });

  it('is 404 when Facebook Login is not configured, whatever the body', async () => {
    const app = h.makeApp({ vars: {} });
    for (const [body, type] of [
      ['', 'application/x-www-form-urlencoded'],
      ['{"signed_request":"a.b"}', 'application/json'],
    ]) {
      const response = await app.request(`${ORIGIN}/api/auth/facebook/data-deletion`, {
        method: 'POST',
        headers: { 'Content-Type': type! },
        body,
      });
      expect(response.status, body).toBe(404);
    }
  });

  it('is 404 when Facebook Login is not configured', async () => {
    const app = h.makeApp({ vars: {} });
    const response = await app.request(`${ORIGIN}/api/auth/facebook/data-deletion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'signed_request=a.b',
    });
    expect(response.status).toBe(404);
  });
});

describe('with the Node entry session cache', () => {
  it('a data deletion request ends a session the cache had seen', async () => {
    const { token } = await createFacebookUserWithData('10160000000000400');
    const app = h.makeApp({ cacheSessions: true });
    const me = () => app.request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${token}` } });
    expect((await me()).status).toBe(200);
    const signed = signRequest(
      { algorithm: 'HMAC-SHA256', user_id: '10160000000000400' },
      FACEBOOK_ENV.FACEBOOK_APP_SECRET,
    );
    const response = await app.request(`${ORIGIN}/api/auth/facebook/data-deletion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ signed_request: signed }).toString(),
    });
    expect(response.status).toBe(200);
    expect((await me()).status).toBe(401);
  });
});

describe('GET /api/auth/deletion-status', () => {
  it('is 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await h.makeApp().request(`${ORIGIN}/api/auth/deletion-status?code=${'a'.repeat(24)}`)).status).toBe(404);
    expect((await h.makeApp().request(`${ORIGIN}/api/auth/deletion-status?code=<script>`)).status).toBe(400);
  });

  it('names code when it is missing, malformed or unknown', async () => {
    for (const [query, status] of [
      ['', 400],
      ['?code=', 400],
      ['?code=<script>', 400],
      [`?code=${'A'.repeat(24)}`, 400],
      [`?code=${'a'.repeat(24)}`, 404],
    ] as const) {
      const response = await h.makeApp().request(`${ORIGIN}/api/auth/deletion-status${query}`);
      expect(response.status, query).toBe(status);
      const { error } = (await response.json()) as { error: { field?: string; message: string } };
      expect(error.field, query).toBe('code');
      expect(error.message).toMatch(/^code: /);
    }
  });
});

describe('DELETE /api/me', () => {
  it('deletes the signed-in user and all their data, and clears the cookie', async () => {
    const { user, token } = await createFacebookUserWithData('10160000000000300');
    const before = await followers('US-EIN-010674736');
    const response = await h.withApp().send('DELETE', '/api/me', { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: true });
    expect(findCookie(response, 'session')?.attributes['max-age']).toBe('0');
    expect(await countUserData(h.db, user.id)).toBe(0);
    expect(await followers('US-EIN-010674736')).toBe(before - 1);
    expect((await h.makeApp().request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${token}` } })).status).toBe(
      401,
    );
  });

  it('needs a session', async () => {
    const response = await h.withApp().send('DELETE', '/api/me', null);
    expect(response.status).toBe(401);
  });
});
