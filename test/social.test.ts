import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, FACEBOOK_ENV, findCookie, ORIGIN, sameOriginHeaders, signInDemo } from './helpers/app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { FIXTURE_CONTENT_DIR } from './helpers/engage.ts';
import { syncNgoDirectoryFromContent } from '../db/sync-ngo-directory.ts';
import { stubFacebook } from './helpers/facebook-stub.ts';

/**
 * Issue 5's API: cause stats, My Jumo's follows, the data export, pledges to real NGOs only,
 * public pledges as "First L.", anonymous ones never shown, and Facebook friends.
 */

let testDb: TestDatabase;
let app: ReturnType<typeof createTestApp>;

const RATE = { signIn: { limit: 10_000, windowSeconds: 60 }, write: { limit: 100_000, windowSeconds: 60 } };

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Pledges name NGOs of the directory table, as `npm start` fills it on migrate.
  await syncNgoDirectoryFromContent(testDb.db, FIXTURE_CONTENT_DIR);
  app = createTestApp({ db: testDb.db, allowDemoSignIn: true, rateLimits: RATE });
});
afterAll(() => testDb.cleanup());

const NGO = 'GB-NIC-100004';
const OTHER_NGO = 'US-EIN-010880225';

const signIn = (name: string) => signInDemo(app, name);

function call(method: string, path: string, token?: string, body?: unknown, extra: Record<string, string> = {}) {
  return app.request(`${ORIGIN}${path}`, {
    method,
    headers: sameOriginHeaders({
      ...(token ? { Cookie: `session=${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...extra,
    }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const pledge = (over: Record<string, unknown> = {}) => ({
  ngoId: NGO,
  amount: 1000,
  currency: 'GBP',
  recurrence: 'once',
  visibility: 'public',
  ...over,
});

type Stats = {
  followers: number;
  supporters: number;
  pledges: { count: number; totals: { currency: string; onceMinor: number; monthlyMinor: number }[] };
  recent: { name: string; amountMinor: number; currency: string; recurrence: string }[];
};

describe('GET /api/causes/:cause/stats', () => {
  it('counts followers and says whether the viewer follows', async () => {
    const token = await signIn('Cause Fan');
    const before = await (await call('GET', '/api/causes/animals/stats')).json();
    expect(before).toEqual({ followers: 0, viewerFollows: null });
    expect((await call('PUT', '/api/follows/causes/animals', token)).status).toBe(200);
    expect(await (await call('GET', '/api/causes/animals/stats', token)).json()).toEqual({
      followers: 1,
      viewerFollows: true,
    });
    expect(await (await call('GET', '/api/causes/animals/stats')).json()).toEqual({ followers: 1, viewerFollows: null });
    expect((await call('GET', '/api/causes/no-such-cause/stats')).status).toBe(404);
  });

  it('keeps the count exact under many parallel follows and unfollows', async () => {
    const tokens = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn(`Parallel ${i}`)));
    const puts = await Promise.all(tokens.flatMap((t) => [1, 2, 3].map(() => call('PUT', '/api/follows/causes/health', t))));
    expect(puts.every((r) => r.status === 200)).toBe(true);
    expect(((await (await call('GET', '/api/causes/health/stats')).json()) as { followers: number }).followers).toBe(25);
    await Promise.all(tokens.slice(0, 10).flatMap((t) => [call('DELETE', '/api/follows/causes/health', t), call('DELETE', '/api/follows/causes/health', t)]));
    expect(((await (await call('GET', '/api/causes/health/stats')).json()) as { followers: number }).followers).toBe(15);
  });

  it('refuses a cross-site follow of a cause', async () => {
    const token = await signIn('Csrf Target');
    const response = await app.request(`${ORIGIN}/api/follows/causes/youth`, {
      method: 'PUT',
      headers: { Cookie: `session=${token}`, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(response.status).toBe(403);
    expect(await (await call('GET', '/api/causes/youth/stats')).json()).toMatchObject({ followers: 0 });
  });
});

describe('GET /api/me/follows', () => {
  it('lists the NGOs and causes I follow, newest first, and nobody else’s', async () => {
    const me = await signIn('Lister');
    const other = await signIn('Other Lister');
    await call('PUT', `/api/follows/ngos/${NGO}`, me);
    await call('PUT', `/api/follows/ngos/${OTHER_NGO}`, me);
    await call('PUT', '/api/follows/causes/education', me);
    await call('PUT', '/api/follows/causes/religion', other);
    const body = (await (await call('GET', '/api/me/follows', me)).json()) as {
      ngos: { id: string }[];
      causes: { id: string }[];
    };
    expect(body.ngos.map((n) => n.id).sort()).toEqual([NGO, OTHER_NGO].sort());
    expect(body.causes.map((c) => c.id)).toEqual(['education']);
    await call('DELETE', `/api/follows/ngos/${NGO}`, me);
    const after = (await (await call('GET', '/api/me/follows', me)).json()) as { ngos: { id: string }[] };
    expect(after.ngos.map((n) => n.id)).toEqual([OTHER_NGO]);
    expect((await call('GET', '/api/me/follows')).status).toBe(401);
  });
});

describe('pledges: validation, idempotency, privacy', () => {
  it.each([
    [{ ngoId: 'US-EIN-999999999' }, 'ngoId'],
    [{ currency: 'XYZ' }, 'currency'],
    [{ amount: 1_000_000_001 }, 'amount'],
    [{ amount: -5 }, 'amount'],
  ])('refuses %j naming the field', async (over, field) => {
    const token = await signIn('Strict');
    const response = await call('POST', '/api/pledges', token, pledge(over));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('validation_failed');
    expect(error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('accepts any ISO 4217 currency the runtime knows', async () => {
    const token = await signIn('Traveller');
    const response = await call('POST', '/api/pledges', token, pledge({ ngoId: OTHER_NGO, currency: 'JPY', amount: 5000 }));
    expect(response.status).toBe(201);
  });

  it('records exactly one pledge per key and exactly N for N keys under concurrency', async () => {
    const ngoId = 'US-EIN-050390312';
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(`Donor ${i}`)));
    // Every donor sends 3 distinct pledges, each retried 3 times in parallel.
    const responses = await Promise.all(
      tokens.flatMap((t, i) =>
        [0, 1, 2].flatMap((k) =>
          [0, 1, 2].map(() =>
            call('POST', '/api/pledges', t, pledge({ ngoId, amount: 100, currency: 'USD' }), {
              'Idempotency-Key': `key-${i}-${k}-abcdef`,
            }),
          ),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 201), await responses.find((r) => r.status >= 300)?.text()).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    const stats = (await (await call('GET', `/api/ngos/${ngoId}/stats`)).json()) as Stats;
    expect(stats.pledges.count).toBe(30);
    expect(stats.supporters).toBe(10);
    expect(stats.pledges.totals).toEqual([{ currency: 'USD', onceMinor: 3000, monthlyMinor: 0 }]);
  });

  it('shows public pledges as "First L." and never anonymous ones; each user sees only their own', async () => {
    const ngoId = 'GB-NIC-100369';
    const ada = await signIn('Ada Byron Lovelace');
    const secret = await signIn('Secret Santa Person');
    await call('POST', '/api/pledges', ada, pledge({ ngoId, amount: 2500, recurrence: 'monthly' }));
    await call('POST', '/api/pledges', secret, pledge({ ngoId, amount: 99900, visibility: 'anonymous', note: 'from me' }));

    const response = await call('GET', `/api/ngos/${ngoId}/stats`);
    const raw = await response.text();
    const stats = JSON.parse(raw) as Stats;
    expect(stats.supporters).toBe(2);
    expect(stats.pledges.totals).toEqual([{ currency: 'GBP', onceMinor: 99900, monthlyMinor: 2500 }]);
    expect(stats.recent).toHaveLength(1);
    expect(stats.recent[0]).toMatchObject({ name: 'Ada L.', amountMinor: 2500, currency: 'GBP', recurrence: 'monthly' });
    // Nothing identifies the anonymous donor, nor Ada beyond "Ada L.".
    for (const leak of ['Secret', 'Santa', 'Lovelace', 'Byron', 'from me', 'userId']) expect(raw).not.toContain(leak);
    // Also not to a signed-in stranger.
    const stranger = await signIn('Nosy Parker');
    expect(await (await call('GET', `/api/ngos/${ngoId}/stats`, stranger)).text()).not.toContain('Santa');

    const mine = (await (await call('GET', '/api/me/pledges', secret)).json()) as { pledges: { note: string }[] };
    expect(mine.pledges.map((p) => p.note)).toEqual(['from me']);
    const theirs = (await (await call('GET', '/api/me/pledges', stranger)).json()) as { pledges: unknown[] };
    expect(theirs.pledges).toEqual([]);
  });

  it('drops a cancelled public pledge from the recent list', async () => {
    const ngoId = 'GB-NIC-100002';
    const token = await signIn('Changed Mind');
    const created = (await (await call('POST', '/api/pledges', token, pledge({ ngoId }))).json()) as { pledge: { id: string } };
    expect(((await (await call('GET', `/api/ngos/${ngoId}/stats`)).json()) as Stats).recent.map((r) => r.name)).toContain('Changed M.');
    await call('PATCH', `/api/pledges/${created.pledge.id}`, token, { status: 'cancelled' });
    expect(((await (await call('GET', `/api/ngos/${ngoId}/stats`)).json()) as Stats).recent.map((r) => r.name)).not.toContain('Changed M.');
  });
});

describe('GET /api/me/export', () => {
  it('downloads my account, follows and pledges as a JSON attachment, nobody else’s', async () => {
    const token = await signIn('Exporter Person');
    const other = await signIn('Someone Else');
    await call('PUT', `/api/follows/ngos/${NGO}`, token);
    await call('PUT', '/api/follows/causes/animals', token);
    await call('POST', '/api/pledges', token, pledge({ note: 'my note' }));
    await call('POST', '/api/pledges', other, pledge({ note: 'their note' }));
    const response = await call('GET', '/api/me/export', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="jumo-export.json"');
    expect(response.headers.get('Content-Type')).toContain('application/json');
    const body = (await response.json()) as {
      account: { name: string };
      follows: { ngos: { ngoId: string }[]; causes: { cause: string }[] };
      pledges: { note: string }[];
    };
    expect(body.account.name).toBe('Exporter Person');
    expect(body.follows.ngos.map((n) => n.ngoId)).toEqual([NGO]);
    expect(body.follows.causes.map((c) => c.cause)).toEqual(['animals']);
    expect(body.pledges.map((p) => p.note)).toEqual(['my note']);
    expect((await call('GET', '/api/me/export')).status).toBe(401);
  });
});

describe('Facebook friends', () => {
  let facebook: ReturnType<typeof stubFacebook>;
  afterEach(() => facebook?.restore());
  const fbApp = () => createTestApp({ db: testDb.db, vars: FACEBOOK_ENV, rateLimits: RATE });

  async function signInWithFacebook(fb: ReturnType<typeof createTestApp>, askFriends = false) {
    const start = await fb.request(`${ORIGIN}/api/auth/facebook?next=%2Fngos%2Fx%2F${askFriends ? '&friends=1' : ''}`);
    const location = new URL(start.headers.get('Location')!);
    const state = location.searchParams.get('state')!;
    const cookie = findCookie(start, 'fb_oauth_state')!.value;
    const done = await fb.request(`${ORIGIN}/api/auth/facebook/callback?code=c&state=${state}`, {
      headers: { Cookie: `fb_oauth_state=${cookie}` },
    });
    expect(done.status).toBe(302);
    return { location, token: findCookie(done, 'session')!.value };
  }

  it('asks for user_friends with rerequest only when the person asks to see friends', async () => {
    facebook = stubFacebook();
    const fb = fbApp();
    const plain = await signInWithFacebook(fb);
    expect(plain.location.searchParams.get('scope')).toBe('public_profile');
    expect(plain.location.searchParams.get('auth_type')).toBeNull();
    const asking = await signInWithFacebook(fb, true);
    expect(asking.location.searchParams.get('scope')).toBe('public_profile user_friends');
    expect(asking.location.searchParams.get('auth_type')).toBe('rerequest');
  });

  it('stores friends at login and lists the ones who follow an NGO; nothing without the permission', async () => {
    const fb = fbApp();
    // Two friends sign in first (without the permission: Graph would not list them anyway).
    facebook = stubFacebook({ profile: { id: '201', name: 'Grace Hopper', picture: null } });
    const grace = await signInWithFacebook(fb);
    facebook.set({ profile: { id: '202', name: 'Alan Turing', picture: null } });
    const alan = await signInWithFacebook(fb);
    facebook.set({ profile: { id: '203', name: 'Not A Friend', picture: null } });
    const stranger = await signInWithFacebook(fb);
    for (const t of [grace.token, alan.token, stranger.token]) await call('PUT', `/api/follows/ngos/${NGO}`, t);

    // Without user_friends: enabled false, no list.
    facebook.set({ profile: { id: '300', name: 'Katherine Johnson', picture: null }, friends: null });
    const kath = await signInWithFacebook(fb);
    expect(await (await call('GET', `/api/ngos/${NGO}/friends`, kath.token)).json()).toEqual({
      enabled: false,
      count: 0,
      friends: [],
    });

    // With it: Graph returns Grace and Alan (and an id that is not a Jumo user).
    facebook.set({ friends: ['201', '202', '999'] });
    const again = await signInWithFacebook(fb, true);
    const friendsCall = facebook.calls.find((c) => c.url.pathname.endsWith('/me/friends'));
    expect(friendsCall?.url.searchParams.get('appsecret_proof')).toMatch(/^[0-9a-f]{64}$/);
    const body = (await (await call('GET', `/api/ngos/${NGO}/friends`, again.token)).json()) as {
      enabled: boolean;
      count: number;
      friends: { name: string }[];
    };
    expect(body).toMatchObject({ enabled: true, count: 2 });
    expect(body.friends.map((f) => f.name)).toEqual(['Alan Turing', 'Grace Hopper']);
    // Mutual: Grace sees Katherine once Katherine follows too.
    await call('PUT', `/api/follows/ngos/${NGO}`, again.token);
    const graceView = (await (await call('GET', `/api/ngos/${NGO}/friends`, grace.token)).json()) as {
      friends: { name: string }[];
    };
    // Grace never granted user_friends herself: she sees nothing.
    expect(graceView.friends).toEqual([]);

    // Signing in later without the permission forgets the pairs.
    facebook.set({ friends: null });
    const declined = await signInWithFacebook(fb);
    expect(await (await call('GET', `/api/ngos/${NGO}/friends`, declined.token)).json()).toMatchObject({
      enabled: false,
      friends: [],
    });
    // Deleting an account removes its pairs too.
    facebook.set({ friends: ['201'] });
    const resynced = await signInWithFacebook(fb, true);
    expect((await call('DELETE', '/api/me', grace.token)).status).toBe(200);
    expect(await (await call('GET', `/api/ngos/${NGO}/friends`, resynced.token)).json()).toMatchObject({
      enabled: true,
      friends: [],
    });
    expect((await call('GET', `/api/ngos/${NGO}/friends`)).status).toBe(401);
  });

  it('still signs in when the friends call fails, keeping what was stored', async () => {
    const fb = fbApp();
    facebook = stubFacebook({ profile: { id: '500', name: 'Flaky Friend', picture: null } });
    await signInWithFacebook(fb);
    facebook.set({ profile: { id: '501', name: 'Steady Friend', picture: null }, friends: ['500'] });
    await signInWithFacebook(fb, true);
    facebook.set({ profile: { id: '500', name: 'Flaky Friend', picture: null }, friends: ['501'] });
    const friend = await signInWithFacebook(fb, true);
    await call('PUT', `/api/follows/ngos/${OTHER_NGO}`, friend.token);
    facebook.set({ profile: { id: '501', name: 'Steady Friend', picture: null }, friendsError: true });
    const again = await signInWithFacebook(fb, true);
    expect((await call('GET', '/api/me', again.token)).status).toBe(200);
    const body = (await (await call('GET', `/api/ngos/${OTHER_NGO}/friends`, again.token)).json()) as {
      friends: { name: string }[];
    };
    expect(body.friends.map((f) => f.name)).toEqual(['Flaky Friend']);
  });
});
