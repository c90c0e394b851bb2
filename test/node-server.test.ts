import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../functions/node-server.ts';
import { pageSecurityHeaders } from '../functions/security-headers.ts';
import { createTestDatabase, type TestDatabase } from './helpers/harness.ts';

/** The Node entry over a real socket: static site and API on one port. */
let testDb: TestDatabase;
let server: RunningServer;
let clientDir: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  clientDir = join(testDb.dir, 'client');
  mkdirSync(join(clientDir, 'ngos', 'gb-nic-100002'), { recursive: true });
  mkdirSync(join(clientDir, '_astro'), { recursive: true });
  mkdirSync(join(clientDir, 'embed', 'ngo'), { recursive: true });
  mkdirSync(join(clientDir, 'follow'), { recursive: true });
  writeFileSync(join(clientDir, 'embed', 'ngo', 'index.html'), '<!doctype html><p>Widget</p>');
  writeFileSync(join(clientDir, 'follow', 'index.html'), '<!doctype html><p>Follow</p>');
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Jumo</title><h1>Home</h1>');
  writeFileSync(join(clientDir, 'ngos', 'gb-nic-100002', 'index.html'), '<!doctype html><h1>An NGO</h1>');
  writeFileSync(join(clientDir, '_astro', 'app.abc123.js'), 'console.log(1)');
  writeFileSync(join(clientDir, '_astro', 'big.abc123.js'), `${'console.log("jumo");\n'.repeat(500)}`);
  writeFileSync(join(clientDir, '404.html'), '<!doctype html><h1>Page not found</h1>');
  server = await startNodeServer({ clientDir, environment: { DATABASE_URL: testDb.url }, port: 0 });
});
afterAll(async () => {
  await server.close();
  testDb.cleanup();
});

describe('static files', () => {
  it('serves pages with the shared page security headers', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('text/html');
    expect(await response.text()).toContain('<h1>Home</h1>');
    for (const [name, value] of Object.entries(pageSecurityHeaders))
      expect(response.headers.get(name), name).toBe(value);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate');
  });

  it('lets other sites frame the widget pages only (/embed/*)', async () => {
    const embed = await fetch(`${server.url}/embed/ngo/?id=GB-NIC-100002&widget=badge`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('X-Frame-Options')).toBeNull();
    for (const path of ['/ngos/gb-nic-100002/', '/follow/', '/', '/no/such/page/']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('X-Frame-Options'), path).toBe('DENY');
    }
    // A path that starts with /embed/ but climbs out of it (the file server decodes it to the
    // NGO page) is not frameable.
    for (const path of ['/embed/%2e%2e/ngos/gb-nic-100002/', '/embed/..%2fngos/gb-nic-100002/']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('X-Frame-Options'), path).toBe('DENY');
      expect(response.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('gives the follow window no Cross-Origin-Opener-Policy, so the widget that opened it hears back', async () => {
    const follow = await fetch(`${server.url}/follow/?ngo=GB-NIC-100002`);
    expect(follow.status).toBe(200);
    expect(follow.headers.get('Cross-Origin-Opener-Policy')).toBeNull();
    expect((await fetch(`${server.url}/`)).headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
  });

  it('serves hashed assets as immutable', async () => {
    const response = await fetch(`${server.url}/_astro/app.abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('compresses text for clients that accept gzip, like the edge does', async () => {
    const res = await fetch(`${server.url}/_astro/big.abc123.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes the body: it must be the file, whole.
    expect(await res.text()).toBe('console.log("jumo");\n'.repeat(500));
    const plain = await fetch(`${server.url}/_astro/big.abc123.js`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('adds the trailing slash like Cloudflare does', async () => {
    const response = await fetch(`${server.url}/ngos/gb-nic-100002?x=1`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('Location')).toBe('/ngos/gb-nic-100002/?x=1');
    expect((await fetch(`${server.url}/ngos/gb-nic-100002/`)).status).toBe(200);
  });

  it('answers unknown pages with the site 404 page', async () => {
    const response = await fetch(`${server.url}/no/such/page/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('does not serve files outside dist/client', async () => {
    for (const path of ['/../test.db', '/%2e%2e/test.db', '/..%2ftest.db']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});

describe('API on the same port', () => {
  it('answers /api/health with API headers', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('signs in with the demo and keeps the session over plain http on loopback', async () => {
    const signIn = await fetch(`${server.url}/api/auth/demo`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Socket Person' }),
    });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/^session=[a-z2-9]{24}\.[a-z2-9]{24};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const me = await fetch(`${server.url}/api/me`, { headers: { Cookie: setCookie.split(';')[0]! } });
    expect(((await me.json()) as { user: { name: string } }).user.name).toBe('Socket Person');
  });

  it('answers unknown API routes with JSON 404, not the HTML 404 page', async () => {
    const response = await fetch(`${server.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

/** A raw HTTP/1.1 request, so the Host header is whatever a (rebound) browser would send. */
function rawPost(url: string, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string }>((resolvePromise, reject) => {
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('demo sign-in over a real socket', () => {
  it('refuses a loopback connection whose Host is another name (DNS rebinding)', async () => {
    const rebound = `rebind.evil.example:${server.port}`;
    const response = await rawPost(
      server.url,
      '/api/auth/demo',
      { Host: rebound, Origin: `http://${rebound}`, 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'Rebound Person' }),
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.code).toBe('demo_local_only');
  });

  async function demoOnServerListeningOn(hostname: string, vars: Record<string, string> = {}) {
    const open = await startNodeServer({
      clientDir,
      environment: { DATABASE_URL: testDb.url, ...vars },
      port: 0,
      hostname,
    });
    try {
      // Always from this machine, so only the listen address (and DEMO_SIGN_IN) differs.
      const local = `http://127.0.0.1:${open.port}`;
      const providers = await (await fetch(`${local}/api/auth/providers`)).json();
      const signIn = await fetch(`${local}/api/auth/demo`, {
        method: 'POST',
        headers: { Origin: local, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Lan Person' }),
      });
      return { providers, status: signIn.status };
    } finally {
      await open.close();
    }
  }

  it('is off when HOST is 0.0.0.0 (the server is open to the network)', async () => {
    expect(await demoOnServerListeningOn('0.0.0.0')).toEqual({
      providers: { facebook: false, demo: false },
      status: 404,
    });
  });

  it('is on for this machine when HOST is 0.0.0.0 and DEMO_SIGN_IN=1', async () => {
    expect(await demoOnServerListeningOn('0.0.0.0', { DEMO_SIGN_IN: '1' })).toEqual({
      providers: { facebook: false, demo: true },
      status: 200,
    });
  });
});
