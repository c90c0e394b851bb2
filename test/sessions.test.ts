import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema.ts';
import { createClock, createHarness, findCookie, type Harness } from './helpers/harness.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;
const policy = { inactivityTimeoutSeconds: 10 * DAY, activityCheckIntervalSeconds: HOUR };

let base: Harness;
let clock: ReturnType<typeof createClock>;
let h: Harness;

beforeAll(async () => {
  base = await createHarness({ demoSignIn: true, now: () => clock.now(), sessionPolicy: policy });
});
afterAll(() => base.cleanup());

// The Worker validates every request against the database; the Node entry keeps a short-lived
// in-memory copy. Both must behave the same.
describe.each([
  ['database only (Worker)', false],
  ['with the session cache (Node entry)', true],
])('sessions, %s', (_label, cacheSessions) => {
  // A new app per test: its own clock, and an empty session cache.
  beforeEach(() => {
    clock = createClock();
    h = base.withApp({ cacheSessions });
  });

  async function storedSession(token: string) {
    const [row] = await h.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, token.split('.')[0]!));
    return row;
  }

  describe('GET /api/me', () => {
    it('is 401 JSON without a cookie', async () => {
      const response = await h.send('GET', '/api/me', null);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    });

    it('returns the user for a valid session, without renewing it within the activity interval', async () => {
      const { token } = await h.signIn('Chinua');
      clock.advanceSeconds(HOUR - 1);
      const response = await h.send('GET', '/api/me', { token });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { user: { name: string } }).user.name).toBe('Chinua');
      expect(findCookie(response, 'session')).toBeUndefined();
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    });

    it.each([
      ['garbage', 'not-a-token'],
      ['unknown id', 'aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb'],
    ])('refuses a %s token and clears the cookie', async (_label, token) => {
      const response = await h.send('GET', '/api/me', { token });
      expect(response.status).toBe(401);
      expect(findCookie(response, 'session')?.attributes['max-age']).toBe('0');
    });

    it('refuses a known id with the wrong secret', async () => {
      const { token } = await h.signIn('Demo Person');
      const [id, secret] = token.split('.') as [string, string];
      const forged = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
      expect((await h.send('GET', '/api/me', { token: forged })).status).toBe(401);
      // The real session is untouched by the attempt.
      expect((await h.send('GET', '/api/me', { token })).status).toBe(200);
    });
  });

  describe('inactivity expiry and sliding renewal', () => {
    it('renews after the activity interval: lastVerifiedAt moves and the cookie is re-sent with a full Max-Age', async () => {
      const { token } = await h.signIn('Demo Person');
      const before = await storedSession(token);
      clock.advanceSeconds(2 * HOUR);
      const response = await h.send('GET', '/api/me', { token });
      expect(response.status).toBe(200);
      const cookie = findCookie(response, 'session')!;
      expect(cookie.value).toBe(token);
      expect(cookie.attributes['max-age']).toBe(String(policy.inactivityTimeoutSeconds));
      expect(cookie.attributes).toMatchObject({ httponly: true, secure: true, samesite: 'Lax', path: '/' });
      const after = await storedSession(token);
      expect(after!.lastVerifiedAt.getTime() - before!.lastVerifiedAt.getTime()).toBe(2 * HOUR * 1000);
    });

    it('keeps an active session alive past the timeout, measured from its last use', async () => {
      const { token } = await h.signIn('Demo Person');
      for (let i = 0; i < 3; i++) {
        clock.advanceSeconds(9 * DAY);
        expect((await h.send('GET', '/api/me', { token })).status).toBe(200);
      }
    });

    it('ends a session unused for the inactivity timeout, and deletes it', async () => {
      const { token } = await h.signIn('Demo Person');
      clock.advanceSeconds(10 * DAY);
      const response = await h.send('GET', '/api/me', { token });
      expect(response.status).toBe(401);
      expect(findCookie(response, 'session')?.attributes['max-age']).toBe('0');
      expect(await storedSession(token)).toBeUndefined();
    });
  });

  describe('POST /api/auth/logout', () => {
    it('invalidates the session server-side and clears the cookie', async () => {
      const { token } = await h.signIn('Demo Person');
      const response = await h.send('POST', '/api/auth/logout', { token });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      const cleared = findCookie(response, 'session')!;
      expect(cleared.attributes['max-age']).toBe('0');
      expect(cleared.attributes.path).toBe('/');
      expect(await storedSession(token)).toBeUndefined();
      // The old cookie, replayed, no longer works.
      expect((await h.send('GET', '/api/me', { token })).status).toBe(401);
    });

    it('only ends the session it was sent with', async () => {
      const { token: phone } = await h.signIn('Same Person');
      const { token: laptop } = await h.signIn('Same Person');
      await h.send('POST', '/api/auth/logout', { token: phone });
      expect((await h.send('GET', '/api/me', { token: phone })).status).toBe(401);
      expect((await h.send('GET', '/api/me', { token: laptop })).status).toBe(200);
    });

    it('is harmless without a session', async () => {
      const response = await h.send('POST', '/api/auth/logout', null);
      expect(response.status).toBe(200);
    });
  });

  describe('cookies on plain http', () => {
    it('drop Secure on http://localhost only', async () => {
      const local = await h.app.request('http://localhost:4321/api/auth/demo', {
        method: 'POST',
        headers: { Origin: 'http://localhost:4321', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Local' }),
      });
      expect(findCookie(local, 'session')!.attributes.secure).toBeUndefined();
      const remote = await h.app.request('http://jumo.test/api/auth/demo', {
        method: 'POST',
        headers: { Origin: 'http://jumo.test', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Remote' }),
      });
      expect(findCookie(remote, 'session')!.attributes.secure).toBe(true);
    });
  });

  it('sees a session deleted behind its back within the cache lifetime (30 s)', async () => {
    const { token } = await h.signIn('Cached');
    expect((await h.send('GET', '/api/me', { token })).status).toBe(200);
    await h.db.delete(sessions).where(eq(sessions.id, token.split('.')[0]!));
    clock.advanceSeconds(31);
    expect((await h.send('GET', '/api/me', { token })).status).toBe(401);
  });
});
