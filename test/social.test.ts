import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stubFacebook } from './helpers/facebook-stub.ts';
import { createHarness, FACEBOOK_ENV, ORIGIN, type Harness } from './helpers/harness.ts';

/**
 * The social API: cause stats, My Jumo's follows, the data export, pledges to real NGOs only,
 * public pledges as "First L.", anonymous ones never shown, and Facebook friends.
 */

let h: Harness;

beforeAll(async () => {
  // Pledges name NGOs of the directory table: the harness fills it with the fixtures, as `npm start` does.
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted' });
});
afterAll(() => h.cleanup());

const NGO = 'GB-NIC-100004';
const OTHER_NGO = 'US-EIN-010880225';

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
    const user = await h.signIn('Cause Fan');
    const before = await (await h.send('GET', '/api/causes/animals/stats', null)).json();
    expect(before).toEqual({ followers: 0, viewerFollows: null });
    expect((await h.send('PUT', '/api/follows/causes/animals', user)).status).toBe(200);
    expect(await (await h.send('GET', '/api/causes/animals/stats', user)).json()).toEqual({
      followers: 1,
      viewerFollows: true,
    });
    expect(await (await h.send('GET', '/api/causes/animals/stats', null)).json()).toEqual({
      followers: 1,
      viewerFollows: null,
    });
    expect((await h.send('GET', '/api/causes/no-such-cause/stats', null)).status).toBe(404);
  });

  it('keeps the count exact under many parallel follows and unfollows', async () => {
    const people = await Promise.all(Array.from({ length: 25 }, (_, i) => h.signIn(`Parallel ${i}`)));
    const puts = await Promise.all(
      people.flatMap((person) => [1, 2, 3].map(() => h.send('PUT', '/api/follows/causes/health', person))),
    );
    expect(puts.every((r) => r.status === 200)).toBe(true);
    expect(
      ((await (await h.send('GET', '/api/causes/health/stats', null)).json()) as { followers: number }).followers,
    ).toBe(25);
    await Promise.all(
      people
        .slice(0, 10)
        .flatMap((person) => [
          h.send('DELETE', '/api/follows/causes/health', person),
          h.send('DELETE', '/api/follows/causes/health', person),
        ]),
    );
    expect(
      ((await (await h.send('GET', '/api/causes/health/stats', null)).json()) as { followers: number }).followers,
    ).toBe(15);
  });

  it('refuses a cross-site follow of a cause', async () => {
    const user = await h.signIn('Csrf Target');
    const response = await h.app.request(`${ORIGIN}/api/follows/causes/youth`, {
      method: 'PUT',
      headers: { Cookie: `session=${user.token}`, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(response.status).toBe(403);
    expect(await (await h.send('GET', '/api/causes/youth/stats', null)).json()).toMatchObject({ followers: 0 });
  });
});

describe('GET /api/me/follows', () => {
  it('lists the NGOs and causes I follow, newest first, and nobody else’s', async () => {
    const me = await h.signIn('Lister');
    const other = await h.signIn('Other Lister');
    await h.send('PUT', `/api/follows/ngos/${NGO}`, me);
    await h.send('PUT', `/api/follows/ngos/${OTHER_NGO}`, me);
    await h.send('PUT', '/api/follows/causes/education', me);
    await h.send('PUT', '/api/follows/causes/religion', other);
    const body = (await (await h.send('GET', '/api/me/follows', me)).json()) as {
      ngos: { id: string }[];
      causes: { id: string }[];
    };
    expect(body.ngos.map((n) => n.id).sort()).toEqual([NGO, OTHER_NGO].sort());
    expect(body.causes.map((c) => c.id)).toEqual(['education']);
    await h.send('DELETE', `/api/follows/ngos/${NGO}`, me);
    const after = (await (await h.send('GET', '/api/me/follows', me)).json()) as { ngos: { id: string }[] };
    expect(after.ngos.map((n) => n.id)).toEqual([OTHER_NGO]);
    expect((await h.send('GET', '/api/me/follows', null)).status).toBe(401);
  });
});

describe('pledges: validation, idempotency, privacy', () => {
  it.each([
    [{ ngoId: 'US-EIN-999999999' }, 'ngoId'],
    [{ currency: 'XYZ' }, 'currency'],
    [{ amount: 1_000_000_001 }, 'amount'],
    [{ amount: -5 }, 'amount'],
  ])('refuses %j naming the field', async (over, field) => {
    const user = await h.signIn('Strict');
    const response = await h.send('POST', '/api/pledges', user, pledge(over));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('validation_failed');
    expect(error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('accepts any ISO 4217 currency the runtime knows', async () => {
    const user = await h.signIn('Traveller');
    const response = await h.send(
      'POST',
      '/api/pledges',
      user,
      pledge({ ngoId: OTHER_NGO, currency: 'JPY', amount: 5000 }),
    );
    expect(response.status).toBe(201);
  });

  it('records exactly one pledge per key and exactly N for N keys under concurrency', async () => {
    const ngoId = 'US-EIN-050390312';
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => h.signIn(`Donor ${i}`)));
    // Every donor sends 3 distinct pledges, each retried 3 times in parallel.
    const responses = await Promise.all(
      people.flatMap((person, i) =>
        [0, 1, 2].flatMap((k) =>
          [0, 1, 2].map(() =>
            h.send('POST', '/api/pledges', person, pledge({ ngoId, amount: 100, currency: 'USD' }), {
              'Idempotency-Key': `key-${i}-${k}-abcdef`,
            }),
          ),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.filter((s) => s !== 200 && s !== 201),
      await responses.find((r) => r.status >= 300)?.text(),
    ).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    const stats = (await (await h.send('GET', `/api/ngos/${ngoId}/stats`, null)).json()) as Stats;
    expect(stats.pledges.count).toBe(30);
    expect(stats.supporters).toBe(10);
    expect(stats.pledges.totals).toEqual([{ currency: 'USD', onceMinor: 3000, monthlyMinor: 0 }]);
  });

  it('shows public pledges as "First L." and never anonymous ones; each user sees only their own', async () => {
    const ngoId = 'GB-NIC-100369';
    const ada = await h.signIn('Ada Byron Lovelace');
    const secret = await h.signIn('Secret Santa Person');
    await h.send('POST', '/api/pledges', ada, pledge({ ngoId, amount: 2500, recurrence: 'monthly' }));
    await h.send(
      'POST',
      '/api/pledges',
      secret,
      pledge({ ngoId, amount: 99900, visibility: 'anonymous', note: 'from me' }),
    );

    const response = await h.send('GET', `/api/ngos/${ngoId}/stats`, null);
    const raw = await response.text();
    const stats = JSON.parse(raw) as Stats;
    expect(stats.supporters).toBe(2);
    expect(stats.pledges.totals).toEqual([{ currency: 'GBP', onceMinor: 99900, monthlyMinor: 2500 }]);
    expect(stats.recent).toHaveLength(1);
    expect(stats.recent[0]).toMatchObject({
      name: 'Ada L.',
      amountMinor: 2500,
      currency: 'GBP',
      recurrence: 'monthly',
    });
    // Nothing identifies the anonymous donor, nor Ada beyond "Ada L.".
    for (const leak of ['Secret', 'Santa', 'Lovelace', 'Byron', 'from me', 'userId']) expect(raw).not.toContain(leak);
    // Also not to a signed-in stranger.
    const stranger = await h.signIn('Nosy Parker');
    expect(await (await h.send('GET', `/api/ngos/${ngoId}/stats`, stranger)).text()).not.toContain('Santa');

    const mine = (await (await h.send('GET', '/api/me/pledges', secret)).json()) as { pledges: { note: string }[] };
    expect(mine.pledges.map((p) => p.note)).toEqual(['from me']);
    const theirs = (await (await h.send('GET', '/api/me/pledges', stranger)).json()) as { pledges: unknown[] };
    expect(theirs.pledges).toEqual([]);
  });

  it('drops a cancelled public pledge from the recent list', async () => {
    const ngoId = 'GB-NIC-100002';
    const user = await h.signIn('Changed Mind');
    const created = (await (await h.send('POST', '/api/pledges', user, pledge({ ngoId }))).json()) as {
      pledge: { id: string };
    };
    expect(
      ((await (await h.send('GET', `/api/ngos/${ngoId}/stats`, null)).json()) as Stats).recent.map((r) => r.name),
    ).toContain('Changed M.');
    await h.send('PATCH', `/api/pledges/${created.pledge.id}`, user, { status: 'cancelled' });
    expect(
      ((await (await h.send('GET', `/api/ngos/${ngoId}/stats`, null)).json()) as Stats).recent.map((r) => r.name),
    ).not.toContain('Changed M.');
  });
});

describe('GET /api/me/export', () => {
  it('downloads my account, follows and pledges as a JSON attachment, nobody else’s', async () => {
    const user = await h.signIn('Exporter Person');
    const other = await h.signIn('Someone Else');
    await h.send('PUT', `/api/follows/ngos/${NGO}`, user);
    await h.send('PUT', '/api/follows/causes/animals', user);
    await h.send('POST', '/api/pledges', user, pledge({ note: 'my note' }));
    await h.send('POST', '/api/pledges', other, pledge({ note: 'their note' }));
    const response = await h.send('GET', '/api/me/export', user);
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
    expect((await h.send('GET', '/api/me/export', null)).status).toBe(401);
  });
});

describe('GET /api/me/export: what the person did', () => {
  it('includes their claims and proposals with what they wrote, and nobody else’s', async () => {
    const user = await h.signIn('Active Exporter');
    const other = await h.signIn('Other Claimant');
    const claim = { role: 'Treasurer', workEmail: 'treasurer@example.org', note: 'I keep the books' };
    expect((await h.send('POST', `/api/ngos/${NGO}/claims`, user, claim)).status).toBe(201);
    expect((await h.send('POST', `/api/ngos/${NGO}/claims`, other, { ...claim, note: 'not mine' })).status).toBe(201);
    const proposal = {
      name: 'Kibera Reading Room',
      country: 'KE',
      register: 'none',
      mission: 'A free reading room and homework club for children in Kibera.',
      causes: ['education'],
      role: 'Founder',
      workEmail: 'founder@example.org',
    };
    expect((await h.send('POST', '/api/proposals', user, proposal)).status).toBe(201);
    const body = (await (await h.send('GET', '/api/me/export', user)).json()) as {
      activity: {
        claims: { ngoId: string; role: string; note: string | null; status: string; createdAt: string }[];
        proposals: { name: string; mission: string; workEmail: string; status: string }[];
        managedNgos: unknown[];
      };
    };
    expect(body.activity.claims).toEqual([
      expect.objectContaining({ ngoId: NGO, role: 'Treasurer', note: 'I keep the books', status: 'pending' }),
    ]);
    expect(Number.isNaN(Date.parse(body.activity.claims[0]!.createdAt))).toBe(false);
    expect(body.activity.proposals).toEqual([
      expect.objectContaining({
        name: 'Kibera Reading Room',
        mission: proposal.mission,
        workEmail: 'founder@example.org',
        status: 'pending',
      }),
    ]);
    expect(body.activity.managedNgos).toEqual([]);
  });
});

describe('Facebook friends', () => {
  let facebook: ReturnType<typeof stubFacebook>;
  afterEach(() => facebook?.restore());
  // Each test signs in through an app of its own with Facebook configured, on the same database.
  const fbApp = () => h.withApp({ demoSignIn: false, vars: FACEBOOK_ENV });

  it('asks for user_friends with rerequest only when the person asks to see friends', async () => {
    facebook = stubFacebook();
    const fb = fbApp();
    const plain = await fb.signInWithFacebook({ next: '/ngos/x/' });
    expect(plain.location.searchParams.get('scope')).toBe('public_profile');
    expect(plain.location.searchParams.get('auth_type')).toBeNull();
    const asking = await fb.signInWithFacebook({ next: '/ngos/x/', friends: true });
    expect(asking.location.searchParams.get('scope')).toBe('public_profile user_friends');
    expect(asking.location.searchParams.get('auth_type')).toBe('rerequest');
  });

  it('stores friends at login and lists the ones who follow an NGO; nothing without the permission', async () => {
    const fb = fbApp();
    // Two friends sign in first (without the permission: Graph would not list them anyway).
    facebook = stubFacebook({ profile: { id: '201', name: 'Grace Hopper', picture: null } });
    const grace = await fb.signInWithFacebook({ next: '/ngos/x/' });
    facebook.set({ profile: { id: '202', name: 'Alan Turing', picture: null } });
    const alan = await fb.signInWithFacebook({ next: '/ngos/x/' });
    facebook.set({ profile: { id: '203', name: 'Not A Friend', picture: null } });
    const stranger = await fb.signInWithFacebook({ next: '/ngos/x/' });
    for (const person of [grace, alan, stranger]) await h.send('PUT', `/api/follows/ngos/${NGO}`, person);

    // Without user_friends: enabled false, no list.
    facebook.set({ profile: { id: '300', name: 'Katherine Johnson', picture: null }, friends: null });
    const kath = await fb.signInWithFacebook({ next: '/ngos/x/' });
    expect(await (await h.send('GET', `/api/ngos/${NGO}/friends`, kath)).json()).toEqual({
      enabled: false,
      count: 0,
      friends: [],
    });

    // With it: Graph returns Grace and Alan (and an id that is not a Jumo user).
    facebook.set({ friends: ['201', '202', '999'] });
    const again = await fb.signInWithFacebook({ next: '/ngos/x/', friends: true });
    const friendsCall = facebook.calls.find((c) => c.url.pathname.endsWith('/me/friends'));
    expect(friendsCall?.url.searchParams.get('appsecret_proof')).toMatch(/^[0-9a-f]{64}$/);
    const body = (await (await h.send('GET', `/api/ngos/${NGO}/friends`, again)).json()) as {
      enabled: boolean;
      count: number;
      friends: { name: string }[];
    };
    expect(body).toMatchObject({ enabled: true, count: 2 });
    expect(body.friends.map((f) => f.name)).toEqual(['Alan Turing', 'Grace Hopper']);
    // Mutual: Grace sees Katherine once Katherine follows too.
    await h.send('PUT', `/api/follows/ngos/${NGO}`, again);
    const graceView = (await (await h.send('GET', `/api/ngos/${NGO}/friends`, grace)).json()) as {
      friends: { name: string }[];
    };
    // Grace never granted user_friends herself: she sees nothing.
    expect(graceView.friends).toEqual([]);

    // Signing in later without the permission forgets the pairs.
    facebook.set({ friends: null });
    const declined = await fb.signInWithFacebook({ next: '/ngos/x/' });
    expect(await (await h.send('GET', `/api/ngos/${NGO}/friends`, declined)).json()).toMatchObject({
      enabled: false,
      friends: [],
    });
    // Deleting an account removes its pairs too.
    facebook.set({ friends: ['201'] });
    const resynced = await fb.signInWithFacebook({ next: '/ngos/x/', friends: true });
    expect((await h.send('DELETE', '/api/me', grace)).status).toBe(200);
    expect(await (await h.send('GET', `/api/ngos/${NGO}/friends`, resynced)).json()).toMatchObject({
      enabled: true,
      friends: [],
    });
    expect((await h.send('GET', `/api/ngos/${NGO}/friends`, null)).status).toBe(401);
  });

  it('still signs in when the friends call fails, keeping what was stored', async () => {
    const fb = fbApp();
    facebook = stubFacebook({ profile: { id: '500', name: 'Flaky Friend', picture: null } });
    await fb.signInWithFacebook({ next: '/ngos/x/' });
    facebook.set({ profile: { id: '501', name: 'Steady Friend', picture: null }, friends: ['500'] });
    await fb.signInWithFacebook({ next: '/ngos/x/', friends: true });
    facebook.set({ profile: { id: '500', name: 'Flaky Friend', picture: null }, friends: ['501'] });
    const friend = await fb.signInWithFacebook({ next: '/ngos/x/', friends: true });
    await h.send('PUT', `/api/follows/ngos/${OTHER_NGO}`, friend);
    facebook.set({ profile: { id: '501', name: 'Steady Friend', picture: null }, friendsError: true });
    const again = await fb.signInWithFacebook({ next: '/ngos/x/', friends: true });
    expect((await h.send('GET', '/api/me', again)).status).toBe(200);
    const body = (await (await h.send('GET', `/api/ngos/${OTHER_NGO}/friends`, again)).json()) as {
      friends: { name: string }[];
    };
    expect(body.friends.map((f) => f.name)).toEqual(['Flaky Friend']);
  });
});
