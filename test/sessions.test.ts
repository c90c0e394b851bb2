import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema.ts';
import { createClock, createTestApp, findCookie, ORIGIN, sameOriginHeaders } from './helpers/app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;
const policy = { inactivityTimeoutSeconds: 10 * DAY, activityCheckIntervalSeconds: HOUR };

let testDb: TestDatabase;
let clock: ReturnType<typeof createClock>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.cleanup());

// The Worker validates every request against the database; the Node entry keeps a short-lived
// in-memory copy. Both must behave the same.
describe.each([
  ['database only (Worker)', false],
  ['with the session cache (Node entry)', true],
])('sessions, %s', (_label, cacheSessions) => {
  beforeEach(() => {
    clock = createClock();
    app = createTestApp({ db: testDb.db, allowDemoSignIn: true, now: clock.now, sessionPolicy: policy, cacheSessions });
  });

  async function signIn(name = 'Demo Person'): Promise<string> {
    const response = await app.request(`${ORIGIN}/api/auth/demo`, {
      method: 'POST',
      headers: sameOriginHeaders({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ name }),
    });
    expect(response.status).toBe(200);
    return findCookie(response, 'session')!.value;
  }

  function getMe(token: string | undefined) {
    return app.request(`${ORIGIN}/api/me`, { headers: token ? { Cookie: `session=${token}` } : {} });
  }

  async function storedSession(token: string) {
    const [row] = await testDb.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, token.split('.')[0]!));
    return row;
  }

  describe('GET /api/me', () => {
    it('is 401 JSON without a cookie', async () => {
      const response = await getMe(undefined);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    });

    it('returns the user for a valid session, without renewing it within the activity interval', async () => {
      const token = await signIn('Chinua');
      clock.advanceSeconds(HOUR - 1);
      const response = await getMe(token);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { user: { name: string } }).user.name).toBe('Chinua');
      expect(findCookie(response, 'session')).toBeUndefined();
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    });

    it.each([
      ['garbage', 'not-a-token'],
      ['unknown id', 'aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb'],
    ])('refuses a %s token and clears the cookie', async (_label, token) => {
      const response = await getMe(token);
      expect(response.status).toBe(401);
      expect(findCookie(response, 'session')?.attributes['max-age']).toBe('0');
    });

    it('refuses a known id with the wrong secret', async () => {
      const token = await signIn();
      const [id, secret] = token.split('.') as [string, string];
      const forged = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
      expect((await getMe(forged)).status).toBe(401);
      // The real session is untouched by the attempt.
      expect((await getMe(token)).status).toBe(200);
    });
  });

  describe('inactivity expiry and sliding renewal', () => {
    it('renews after the activity interval: lastVerifiedAt moves and the cookie is re-sent with a full Max-Age', async () => {
      const token = await signIn();
      const before = await storedSession(token);
      clock.advanceSeconds(2 * HOUR);
      const response = await getMe(token);
      expect(response.status).toBe(200);
      const cookie = findCookie(response, 'session')!;
      expect(cookie.value).toBe(token);
      expect(cookie.attributes['max-age']).toBe(String(policy.inactivityTimeoutSeconds));
      expect(cookie.attributes).toMatchObject({ httponly: true, secure: true, samesite: 'Lax', path: '/' });
      const after = await storedSession(token);
      expect(after!.lastVerifiedAt.getTime() - before!.lastVerifiedAt.getTime()).toBe(2 * HOUR * 1000);
    });

    it('keeps an active session alive past the timeout, measured from its last use', async () => {
      const token = await signIn();
      for (let i = 0; i < 3; i++) {
        clock.advanceSeconds(9 * DAY);
        expect((await getMe(token)).status).toBe(200);
      }
    });

    it('ends a session unused for the inactivity timeout, and deletes it', async () => {
      const token = await signIn();
      clock.advanceSeconds(10 * DAY);
      const response = await getMe(token);
      expect(response.status).toBe(401);
      expect(findCookie(response, 'session')?.attributes['max-age']).toBe('0');
      expect(await storedSession(token)).toBeUndefined();
    });
  });

  describe('POST /api/auth/logout', () => {
    it('invalidates the session server-side and clears the cookie', async () => {
      const token = await signIn();
      const response = await app.request(`${ORIGIN}/api/auth/logout`, {
        method: 'POST',
        headers: sameOriginHeaders({ Cookie: `session=${token}` }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      const cleared = findCookie(response, 'session')!;
      expect(cleared.attributes['max-age']).toBe('0');
      expect(cleared.attributes.path).toBe('/');
      expect(await storedSession(token)).toBeUndefined();
      // The old cookie, replayed, no longer works.
      expect((await getMe(token)).status).toBe(401);
    });

    it('only ends the session it was sent with', async () => {
      const phone = await signIn('Same Person');
      const laptop = await signIn('Same Person');
      await app.request(`${ORIGIN}/api/auth/logout`, {
        method: 'POST',
        headers: sameOriginHeaders({ Cookie: `session=${phone}` }),
      });
      expect((await getMe(phone)).status).toBe(401);
      expect((await getMe(laptop)).status).toBe(200);
    });

    it('is harmless without a session', async () => {
      const response = await app.request(`${ORIGIN}/api/auth/logout`, { method: 'POST', headers: sameOriginHeaders() });
      expect(response.status).toBe(200);
    });
  });

  describe('cookies on plain http', () => {
    it('drop Secure on http://localhost only', async () => {
      const local = await app.request('http://localhost:4321/api/auth/demo', {
        method: 'POST',
        headers: { Origin: 'http://localhost:4321', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Local' }),
      });
      expect(findCookie(local, 'session')!.attributes.secure).toBeUndefined();
      const remote = await app.request('http://jumo.test/api/auth/demo', {
        method: 'POST',
        headers: { Origin: 'http://jumo.test', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Remote' }),
      });
      expect(findCookie(remote, 'session')!.attributes.secure).toBe(true);
    });
  });

  it('sees a session deleted behind its back within the cache lifetime (30 s)', async () => {
    const token = await signIn('Cached');
    expect((await getMe(token)).status).toBe(200);
    await testDb.db.delete(sessions).where(eq(sessions.id, token.split('.')[0]!));
    clock.advanceSeconds(31);
    expect((await getMe(token)).status).toBe(401);
  });
});
