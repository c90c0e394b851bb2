import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oauthStates, sessions, users } from '../db/schema.ts';
import { hashOAuthState } from '../functions/auth/facebook.ts';
import { ACCESS_TOKEN, stubFacebook } from './helpers/facebook-stub.ts';
import {
  createClock,
  createHarness,
  FACEBOOK_ENV,
  findCookie,
  ORIGIN,
  type App,
  type Harness,
} from './helpers/harness.ts';

let h: Harness;
let facebook: ReturnType<typeof stubFacebook>;
let clock: ReturnType<typeof createClock>;

// Each test builds its apps with h.makeApp(): fresh sign-in rate limits, on a clock of its own.
beforeAll(async () => {
  h = await createHarness({ vars: FACEBOOK_ENV, now: () => clock.now() });
});
afterAll(() => h.cleanup());
beforeEach(() => {
  facebook = stubFacebook();
  clock = createClock();
});
afterEach(() => facebook.restore());

async function startSignIn(app: App, next?: string) {
  const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
  const response = await app.request(`${ORIGIN}/api/auth/facebook${query}`);
  const location = response.headers.get('Location');
  const state = location ? new URL(location).searchParams.get('state') : null;
  const cookie = findCookie(response, 'fb_oauth_state');
  return { response, location, state, cookie };
}

async function callback(app: App, params: Record<string, string>, stateCookie?: string) {
  return app.request(`${ORIGIN}/api/auth/facebook/callback?${new URLSearchParams(params)}`, {
    headers: stateCookie ? { Cookie: `fb_oauth_state=${stateCookie}` } : {},
  });
}

async function signInFully(app: App, next = '/ngos/us-ein-010674736/') {
  const start = await startSignIn(app, next);
  const response = await callback(app, { code: 'auth-code-1', state: start.state! }, start.cookie!.value);
  return { start, response };
}

describe('the email permission (prefills My Jumo, never required)', () => {
  async function emailSettings(app: App, response: Response) {
    const session = findCookie(response, 'session')!;
    return (await app.request(`${ORIGIN}/api/me/email`, { headers: { Cookie: `session=${session.value}` } })).json();
  }

  it('is asked for only with ?email=1, again if declined before', async () => {
    const app = h.makeApp();
    const plain = new URL((await startSignIn(app)).location!);
    expect(plain.searchParams.get('scope')).toBe('public_profile');
    const asking = new URL(
      (await app.request(`${ORIGIN}/api/auth/facebook?email=1&next=%2Fme%2F`)).headers.get('Location')!,
    );
    expect(asking.searchParams.get('scope')).toBe('public_profile email');
    expect(asking.searchParams.get('auth_type')).toBe('rerequest');
  });

  it('stores the address Facebook gives unconfirmed, sends nothing, and never replaces one the person set', async () => {
    const app = h.makeApp();
    facebook.set({ profile: { id: '10160000000000901', name: 'Mail Person' }, email: 'Mail.Person@example.org' });
    const first = await signInFully(app);
    expect(await emailSettings(app, first.response)).toMatchObject({
      email: 'Mail.Person@example.org',
      confirmed: false,
    });
    facebook.set({ email: 'other@example.org' });
    const second = await signInFully(app);
    expect((await emailSettings(app, second.response)).email).toBe('Mail.Person@example.org');
  });

  it('ignores what is not an address', async () => {
    const app = h.makeApp();
    for (const [n, email] of ['not an address', 'a@b\nBcc: x@y.org', 42].entries()) {
      facebook.set({ profile: { id: `1016000000000095${n}`, name: `Odd Mail ${n}` }, email });
      const { response } = await signInFully(app);
      expect(response.status).toBe(302);
      expect((await emailSettings(app, response)).email).toBeNull();
    }
  });
});

describe('GET /api/auth/facebook', () => {
  it('redirects to the Facebook dialog with state, our callback and only public_profile', async () => {
    const { response, location, state } = await startSignIn(h.makeApp(), '/causes/health/');
    expect(response.status).toBe(302);
    const url = new URL(location!);
    expect(url.origin).toBe('https://www.facebook.com');
    expect(url.pathname).toMatch(/^\/v\d+\.\d+\/dialog\/oauth$/);
    expect(url.searchParams.get('client_id')).toBe(FACEBOOK_ENV.FACEBOOK_APP_ID);
    expect(url.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/api/auth/facebook/callback`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('public_profile');
    expect(state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('sets the state cookie: HttpOnly, Secure, SameSite=Lax, 10 minutes, scoped to the callback path', async () => {
    const { cookie, state } = await startSignIn(h.makeApp());
    expect(cookie).toBeDefined();
    expect(cookie!.value).toBe(state);
    expect(cookie!.attributes).toMatchObject({
      httponly: true,
      secure: true,
      samesite: 'Lax',
      'max-age': '600',
      path: '/api/auth/facebook',
    });
  });

  it('uses PUBLIC_ORIGIN for the redirect URI when set', async () => {
    const { location } = await startSignIn(
      h.makeApp({ vars: { ...FACEBOOK_ENV, PUBLIC_ORIGIN: 'https://jumo.example.org/' } }),
    );
    expect(new URL(location!).searchParams.get('redirect_uri')).toBe(
      'https://jumo.example.org/api/auth/facebook/callback',
    );
  });

  it('sends people to the friendly error page when Facebook Login is not configured', async () => {
    const response = await h.makeApp({ vars: {} }).request(`${ORIGIN}/api/auth/facebook?next=/about/`);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/signin-error/?reason=unavailable&next=%2Fabout%2F');
  });
});

describe('the whole Facebook login flow', () => {
  it('exchanges the code, reads /me with appsecret_proof, creates the user and a session, and returns to next', async () => {
    const app = h.makeApp();
    const { response } = await signInFully(app, '/ngos/us-ein-010674736/?tab=news');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/ngos/us-ein-010674736/?tab=news');

    // Token exchange: client_secret in the body (Facebook's documented form), our redirect URI.
    const tokenCall = facebook.calls.find((c) => c.url.pathname.endsWith('/oauth/access_token'))!;
    expect(tokenCall.method).toBe('POST');
    const tokenBody = new URLSearchParams(tokenCall.body);
    expect(tokenBody.get('code')).toBe('auth-code-1');
    expect(tokenBody.get('client_id')).toBe(FACEBOOK_ENV.FACEBOOK_APP_ID);
    expect(tokenBody.get('client_secret')).toBe(FACEBOOK_ENV.FACEBOOK_APP_SECRET);
    expect(tokenBody.get('redirect_uri')).toBe(`${ORIGIN}/api/auth/facebook/callback`);

    // Graph /me: current version by default, signed, token in a header and not in the URL.
    const meCall = facebook.calls.find((c) => c.url.pathname.endsWith('/me'))!;
    expect(meCall.url.pathname).toBe('/v25.0/me');
    expect(meCall.url.searchParams.get('fields')).toContain('id,name,picture');
    // Facebook's definition, computed independently: hex HMAC-SHA256 of the token keyed by the secret.
    const expectedProof = createHmac('sha256', FACEBOOK_ENV.FACEBOOK_APP_SECRET).update(ACCESS_TOKEN).digest('hex');
    expect(meCall.url.searchParams.get('appsecret_proof')).toBe(expectedProof);
    expect(meCall.url.searchParams.get('access_token')).toBeNull();
    expect(meCall.headers.get('Authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);

    // Session cookie attributes.
    const session = findCookie(response, 'session')!;
    expect(session.value).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
    expect(session.attributes).toMatchObject({ httponly: true, secure: true, samesite: 'Lax', path: '/' });
    expect(Number(session.attributes['max-age'])).toBeGreaterThan(24 * 3600);
    // The state cookie is cleared.
    expect(findCookie(response, 'fb_oauth_state')?.attributes['max-age']).toBe('0');

    // The session works, and shows the Facebook name and picture.
    const me = await app.request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${session.value}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      user: {
        id: expect.stringMatching(/^[a-z2-9]{24}$/),
        name: 'Ada Lovelace',
        pictureUrl: 'https://scontent.xx.fbcdn.net/ada.jpg',
        provider: 'facebook',
      },
    });

    // Stored hashed: the database never holds the cookie's secret.
    const [id, secret] = session.value.split('.') as [string, string];
    const [row] = await h.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.secretHash).not.toContain(secret);
  });

  it('uses the configured Graph version', async () => {
    await signInFully(h.makeApp({ vars: { ...FACEBOOK_ENV, FACEBOOK_GRAPH_VERSION: 'v26.0' } }));
    expect(facebook.calls.find((c) => c.url.pathname.endsWith('/me'))!.url.pathname).toBe('/v26.0/me');
  });

  it('signs the same Facebook user in to the same account, refreshing name and picture', async () => {
    const app = h.makeApp();
    facebook.set({ profile: { id: '10160000000000777', name: 'Grace Hopper', picture: null } });
    await signInFully(app);
    facebook.set({
      profile: { id: '10160000000000777', name: 'Grace B. Hopper', picture: 'https://scontent.xx.fbcdn.net/g.jpg' },
    });
    await signInFully(app);
    const rows = await h.db.select().from(users).where(eq(users.providerUserId, '10160000000000777'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Grace B. Hopper', pictureUrl: 'https://scontent.xx.fbcdn.net/g.jpg' });
  });

  it.each([
    ['//evil.example/steal', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('only returns to same-site paths (next=%s → %s)', async (next, expected) => {
    const { response } = await signInFully(h.makeApp(), next);
    expect(response.headers.get('Location')).toBe(expected);
  });

  // Attempts to leave the site after sign-in, in every encoding the black-box test tried.
  it.each([
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '/%5cevil.example',
    'https:evil.example',
    'javascript:alert(1)',
    '/.//evil.example',
    '/..//evil.example',
    '/a/../..//evil.example',
    '/%2e%2e//evil.example',
    '/.%2E//evil.example',
    '/%252e%252e//evil.example',
    '/\t/evil.example',
    '/.\n//evil.example',
  ])('never answers a Location that leaves the site (next=%j)', async (next) => {
    const app = h.makeApp();
    const start = await startSignIn(app, next);
    const [stored] = await h.db
      .select({ nextPath: oauthStates.nextPath })
      .from(oauthStates)
      .where(eq(oauthStates.stateHash, hashOAuthState(start.state!)));
    expect(stored!.nextPath.startsWith('//')).toBe(false);
    const response = await callback(app, { code: 'auth-code-1', state: start.state! }, start.cookie!.value);
    expect(response.status).toBe(302);
    expect(findCookie(response, 'session')).toBeDefined();
    const location = response.headers.get('Location')!;
    expect(location.startsWith('/') && !location.startsWith('//')).toBe(true);
    // Resolved the way a browser does (`\` as `/`, dot segments, tabs dropped).
    expect(new URL(location, `${ORIGIN}/api/auth/facebook/callback`).origin).toBe(ORIGIN);
  });

  it('re-checks the stored next path before redirecting (a row written before the fix)', async () => {
    const app = h.makeApp();
    const start = await startSignIn(app, '/ngos/us-ein-010674736/');
    await h.db
      .update(oauthStates)
      .set({ nextPath: '//evil.example' })
      .where(eq(oauthStates.stateHash, hashOAuthState(start.state!)));
    const response = await callback(app, { code: 'auth-code-1', state: start.state! }, start.cookie!.value);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/');
  });
});

describe('sign-in failures land on the friendly page', () => {
  function reasonOf(response: Response): string | null {
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('Location')!, ORIGIN);
    expect(location.pathname).toBe('/signin-error/');
    return location.searchParams.get('reason');
  }

  it('user cancelled (error=access_denied)', async () => {
    const app = h.makeApp();
    const start = await startSignIn(app);
    const response = await callback(
      app,
      {
        error: 'access_denied',
        error_reason: 'user_denied',
        error_description: 'Permissions error',
        state: start.state!,
      },
      start.cookie!.value,
    );
    expect(reasonOf(response)).toBe('cancelled');
    expect(findCookie(response, 'session')).toBeUndefined();
    expect(facebook.calls).toHaveLength(0);
  });

  it('other error from the dialog', async () => {
    const app = h.makeApp();
    const start = await startSignIn(app);
    expect(reasonOf(await callback(app, { error: 'server_error', state: start.state! }, start.cookie!.value))).toBe(
      'facebook',
    );
  });

  it('missing state cookie', async () => {
    const app = h.makeApp();
    const start = await startSignIn(app);
    expect(reasonOf(await callback(app, { code: 'c', state: start.state! }))).toBe('state');
  });

  it('missing state parameter', async () => {
    const app = h.makeApp();
    const start = await startSignIn(app);
    expect(reasonOf(await callback(app, { code: 'c' }, start.cookie!.value))).toBe('state');
  });

  it('state that does not match the cookie (login CSRF)', async () => {
    const app = h.makeApp();
    const mine = await startSignIn(app);
    const attackers = await startSignIn(app);
    const response = await callback(app, { code: 'c', state: attackers.state! }, mine.cookie!.value);
    expect(reasonOf(response)).toBe('state');
    expect(facebook.calls).toHaveLength(0);
  });

  it('replayed callback, even with the original cookie', async () => {
    const app = h.makeApp();
    const start = await startSignIn(app);
    const first = await callback(app, { code: 'auth-code-1', state: start.state! }, start.cookie!.value);
    expect(findCookie(first, 'session')).toBeDefined();
    const replay = await callback(app, { code: 'auth-code-1', state: start.state! }, start.cookie!.value);
    expect(reasonOf(replay)).toBe('state');
    expect(findCookie(replay, 'session')).toBeUndefined();
  });

  it('state older than 10 minutes', async () => {
    const app = h.makeApp();
    const start = await startSignIn(app);
    clock.advanceSeconds(601);
    expect(reasonOf(await callback(app, { code: 'c', state: start.state! }, start.cookie!.value))).toBe('state');
  });

  it.each([
    ['token endpoint refuses the code', { token: 'oauth-error' as const }, 'facebook'],
    ['token endpoint fails', { token: 'server-error' as const }, 'facebook'],
    ['token endpoint unreachable', { token: 'network-error' as const }, 'network'],
    ['Graph /me refuses', { me: 'graph-error' as const }, 'facebook'],
    ['Graph /me answers garbage', { me: 'garbage' as const }, 'facebook'],
    ['Graph /me unreachable', { me: 'network-error' as const }, 'network'],
  ])('%s', async (_label, behaviour, reason) => {
    facebook.set(behaviour);
    const app = h.makeApp();
    const { response } = await signInFully(app);
    expect(reasonOf(response)).toBe(reason);
    expect(findCookie(response, 'session')).toBeUndefined();
  });

  it('never answers with a stack trace or JSON, and keeps no half-finished state', async () => {
    facebook.set({ me: 'garbage' });
    const app = h.makeApp();
    const { response } = await signInFully(app);
    expect(await response.text()).not.toMatch(/at \w+ \(|Error:/);
    const remaining = await h.db.select().from(oauthStates);
    expect(remaining.every((r) => r.expiresAt.getTime() > clock.now().getTime())).toBe(true);
  });
});

describe('the browser steps answer with redirects only, whatever the query', () => {
  function errorPage(response: Response) {
    expect(response.status).toBe(302);
    expect(response.headers.get('Content-Type') ?? '').not.toContain('json');
    const location = new URL(response.headers.get('Location')!, ORIGIN);
    expect(location.pathname).toBe('/signin-error/');
    return location.searchParams;
  }

  it.each([
    ['an empty state', (_state: string) => ({ code: 'c', state: '', next: '/about/' })],
    ['an overlong code', (state: string) => ({ code: 'c'.repeat(2049), state, next: '/about/' })],
    ['an overlong state', (state: string) => ({ code: 'c', state: `${state}${'s'.repeat(256)}`, next: '/about/' })],
    ['an overlong error', (state: string) => ({ error: 'e'.repeat(257), state, next: '/about/' })],
  ])(
    'a callback with %s that the contract refuses ends on the error page (state), cookie cleared',
    async (_label, query) => {
      const app = h.makeApp();
      const start = await startSignIn(app);
      const response = await callback(app, query(start.state!), start.cookie!.value);
      const params = errorPage(response);
      expect(params.get('reason')).toBe('state');
      expect(params.get('next')).toBe('/about/');
      expect(findCookie(response, 'fb_oauth_state')?.attributes['max-age']).toBe('0');
      expect(findCookie(response, 'session')).toBeUndefined();
      expect(facebook.calls).toHaveLength(0);
    },
  );

  it('a refused callback query while Facebook Login is off says unavailable, as before', async () => {
    const response = await callback(h.makeApp({ vars: {} }), { code: '', state: '' });
    expect(errorPage(response).get('reason')).toBe('unavailable');
  });

  it.each([['0'], ['yes'], [''], ['1 ']])(
    'friends=%j is ignored, not refused: Facebook is asked for public_profile only',
    async (friends) => {
      const response = await h.makeApp().request(`${ORIGIN}/api/auth/facebook?friends=${encodeURIComponent(friends)}`);
      expect(response.status).toBe(302);
      const url = new URL(response.headers.get('Location')!);
      expect(url.origin).toBe('https://www.facebook.com');
      expect(url.searchParams.get('scope')).toBe('public_profile');
    },
  );

  it('a parameter given twice counts by its first value, as before', async () => {
    const app = h.makeApp();
    const start = await app.request(
      `${ORIGIN}/api/auth/facebook?next=%2Fcauses%2Fhealth%2F&next=%2F%2Fevil.example&friends=1&friends=0`,
    );
    const url = new URL(start.headers.get('Location')!);
    expect(url.searchParams.get('scope')).toBe('public_profile user_friends');
    const state = url.searchParams.get('state')!;
    const [stored] = await h.db
      .select({ nextPath: oauthStates.nextPath })
      .from(oauthStates)
      .where(eq(oauthStates.stateHash, hashOAuthState(state)));
    expect(stored!.nextPath).toBe('/causes/health/');
    const response = await app.request(
      `${ORIGIN}/api/auth/facebook/callback?code=auth-code-1&state=${state}&state=forged&code=other`,
      { headers: { Cookie: `fb_oauth_state=${state}` } },
    );
    expect(response.headers.get('Location')).toBe('/causes/health/');
    expect(findCookie(response, 'session')).toBeDefined();
  });

  it('are described in /api/openapi.json: their query and their 302', async () => {
    const doc = (await (await h.makeApp().request(`${ORIGIN}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>>;
    };
    const start = doc.paths['/api/auth/facebook']!.get!;
    expect(start.parameters!.map((p) => p.name)).toEqual(['next', 'friends', 'email']);
    expect(Object.keys(start.responses)).toContain('302');
    const finish = doc.paths['/api/auth/facebook/callback']!.get!;
    expect(finish.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['code', 'state', 'error']));
    expect(Object.keys(finish.responses)).toContain('302');
  });
});
