import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ORIGIN, type Harness } from './helpers/harness.ts';

// The app's own rate limits; each test takes a new app (h.makeApp(), h.withApp()) with fresh counters.
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ demoSignIn: true });
});
afterAll(() => h.cleanup());

describe('same-origin check on mutations', () => {
  it.each([
    ['no Origin and no Sec-Fetch-Site', {}],
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['Origin "null" (sandboxed frame, data: URL)', { Origin: 'null' }],
    ['a look-alike Origin', { Origin: 'https://jumo.test.evil.example' }],
    ['another port', { Origin: 'https://jumo.test:8443' }],
    ['another scheme (http page, https site)', { Origin: 'http://jumo.test' }],
    ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }],
    [
      'Sec-Fetch-Site same-site (a sibling subdomain)',
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.jumo.test' },
    ],
  ])('refuses %s with 403 JSON and does nothing', async (_label, headers) => {
    const site = h.withApp();
    const { app } = site;
    const { token } = await site.signIn('Hardening');
    for (const [method, path] of [
      ['POST', '/api/auth/logout'],
      ['DELETE', '/api/me'],
      ['POST', '/api/auth/demo'],
    ] as const) {
      const response = await app.request(`${ORIGIN}${path}`, {
        method,
        headers: { ...headers, Cookie: `session=${token}`, 'Content-Type': 'application/json' },
        body: method === 'POST' ? '{"name":"Csrf"}' : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'forbidden_origin', message: expect.any(String) } });
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    // The session survived all of it.
    const me = await app.request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${token}` } });
    expect(me.status).toBe(200);
  });

  it('accepts a matching Origin without Sec-Fetch-Site (older browsers)', async () => {
    const app = h.makeApp();
    const response = await app.request(`${ORIGIN}/api/auth/logout`, { method: 'POST', headers: { Origin: ORIGIN } });
    expect(response.status).toBe(200);
  });

  it('accepts Sec-Fetch-Site same-origin', async () => {
    const app = h.makeApp();
    const response = await app.request(`${ORIGIN}/api/auth/logout`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(response.status).toBe(200);
  });

  it('accepts the PUBLIC_ORIGIN host behind a proxy that rewrites Host', async () => {
    const app = h.makeApp({ demoSignIn: false, vars: { PUBLIC_ORIGIN: 'https://jumo.example.org' } });
    const internal = 'http://jumo-upstream.internal:4321/api/auth/logout';
    expect(
      (await app.request(internal, { method: 'POST', headers: { Origin: 'https://jumo.example.org' } })).status,
    ).toBe(200);
    expect((await app.request(internal, { method: 'POST', headers: { Origin: 'https://evil.example' } })).status).toBe(
      403,
    );
    // Same host on the other scheme is another origin.
    expect(
      (await app.request(internal, { method: 'POST', headers: { Origin: 'http://jumo.example.org' } })).status,
    ).toBe(403);
  });

  it('compares the scheme with the request, not just host and port', async () => {
    const app = h.makeApp();
    const plain = 'http://127.0.0.1:4399/api/auth/logout';
    expect((await app.request(plain, { method: 'POST', headers: { Origin: 'https://127.0.0.1:4399' } })).status).toBe(
      403,
    );
    expect((await app.request(plain, { method: 'POST', headers: { Origin: 'http://127.0.0.1:4399' } })).status).toBe(
      200,
    );
  });

  it('does not apply to reads', async () => {
    const response = await h.makeApp().request(`${ORIGIN}/api/health`, { headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
  });
});

describe('rate limits', () => {
  it('limit sign-in attempts per IP with 429 and Retry-After', async () => {
    const site = h.withApp({
      rateLimits: { signIn: { limit: 3, windowSeconds: 60 }, write: { limit: 100, windowSeconds: 60 } },
    });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await site.send('POST', '/api/auth/demo', null, { name: `Person ${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(Number(last!.headers.get('Retry-After'))).toBeLessThanOrEqual(60);
    expect(await last!.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  });

  it('answers a browser navigation to the Facebook redirect with a readable 429 page', async () => {
    const app = h.makeApp({
      rateLimits: { signIn: { limit: 1, windowSeconds: 60 }, write: { limit: 100, windowSeconds: 60 } },
    });
    await app.request(`${ORIGIN}/api/auth/facebook`, { headers: { Accept: 'text/html' } });
    const limited = await app.request(`${ORIGIN}/api/auth/facebook`, { headers: { Accept: 'text/html' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(limited.headers.get('Content-Type')).toContain('text/html');
  });

  it('limit writes per IP and route, and count clients separately', async () => {
    let ip = '198.51.100.1';
    const site = h.withApp({
      rateLimits: { signIn: { limit: 100, windowSeconds: 60 }, write: { limit: 2, windowSeconds: 60 } },
      getClientIp: () => ip,
    });
    const logout = () => site.send('POST', '/api/auth/logout', null);
    expect([(await logout()).status, (await logout()).status, (await logout()).status]).toEqual([200, 200, 429]);
    ip = '198.51.100.2';
    expect((await logout()).status).toBe(200);
  });

  it('do not limit reads such as /api/me and /api/health', async () => {
    const app = h.makeApp({
      rateLimits: { signIn: { limit: 1, windowSeconds: 60 }, write: { limit: 1, windowSeconds: 60 } },
    });
    for (let i = 0; i < 5; i++) expect((await app.request(`${ORIGIN}/api/health`)).status).toBe(200);
  });
});

describe('uniform JSON errors and headers', () => {
  it('404 for unknown routes and methods', async () => {
    const site = h.withApp();
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api/'],
      ['PUT', '/api/health'],
    ] as const) {
      const response = await site.send(method, path, null);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('500 without a stack trace when something unexpected throws', async () => {
    const app = h.makeApp({
      demoSignIn: false,
      resolveEnv: () => {
        throw new Error('boom at secret/internal/path.ts:12');
      },
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      const response = await app.request(`${ORIGIN}/api/health`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(text).not.toContain('boom');
      expect(text).not.toContain('.ts');
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    } finally {
      console.error = original;
    }
  });

  it('413 for oversized bodies', async () => {
    const response = await h.withApp().send('POST', '/api/auth/demo', null, { name: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('security headers and no-store on every API response, errors included', async () => {
    const app = h.makeApp();
    for (const path of ['/api/health', '/api/me', '/api/missing']) {
      const response = await app.request(`${ORIGIN}${path}`);
      const h = response.headers;
      expect(h.get('Content-Security-Policy'), path).toContain("default-src 'none'");
      expect(h.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
      expect(h.get('X-Frame-Options')).toBe('DENY');
      expect(h.get('X-Content-Type-Options')).toBe('nosniff');
      expect(h.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
      expect(h.get('Strict-Transport-Security')).toContain('max-age=');
      expect(h.get('Cache-Control')).toBe('no-store');
      expect(h.get('Content-Type')).toContain('application/json');
    }
  });
});
