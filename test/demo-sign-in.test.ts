import type { HttpBindings } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAdmin, revokeAdmin } from '../db/admins.ts';
import { createClaim, decideClaim } from '../db/claims.ts';
import { users } from '../db/schema.ts';
import { upsertUser } from '../db/users.ts';
import { createNodeHandler, type NodeHandler } from '../functions/node-server.ts';
import { createWorkerApp } from '../functions/worker.ts';
import { createHarness, FACEBOOK_ENV, findCookie, ORIGIN, sameOriginHeaders, type Harness } from './helpers/harness.ts';

// Tests on the app take a new one each (h.withApp(), h.makeApp()): fresh sign-in rate limits.
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ demoSignIn: true });
});
afterAll(() => h.cleanup());

/** The address `npm start` prints: the demo is for this machine's own browser. */
const LOCAL = 'http://localhost:4321';

type EntryRequest = { url?: string; origin?: string; host?: string; client?: string; headers?: Record<string, string> };

/**
 * The Node entry exactly as `npm start` builds it, against the test database file. Requests
 * carry the socket binding the Node adapter hands over (`incoming.socket`), so the client's
 * address is the one given, as if it had connected from there.
 */
async function nodeEntry(vars: Record<string, string> = {}, hostname?: string) {
  const handler: NodeHandler = await createNodeHandler({
    clientDir: h.database.dir,
    environment: { DATABASE_URL: h.database.url, ...vars },
    hostname,
  });
  const send = (path: string, init: RequestInit, at: EntryRequest) => {
    const url = at.url ?? LOCAL;
    const headers: Record<string, string> = { ...(at.headers ?? {}) };
    if (at.host !== undefined) headers.Host = at.host;
    const client = at.client ?? '127.0.0.1';
    const socket = { remoteAddress: client, remotePort: 51234, remoteFamily: client.includes(':') ? 'IPv6' : 'IPv4' };
    const bindings = { incoming: { socket } } as unknown as HttpBindings;
    return handler.fetch(
      new Request(`${url}${path}`, { ...init, headers: { ...headers, ...(init.headers as object) } }),
      bindings,
    );
  };
  return {
    close: handler.close,
    providers: async (at: EntryRequest = {}) => (await send('/api/auth/providers', {}, at)).json(),
    signIn: (name: string, at: EntryRequest = {}) =>
      send(
        '/api/auth/demo',
        {
          method: 'POST',
          headers: { Origin: at.origin ?? at.url ?? LOCAL, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name }),
        },
        at,
      ),
    /** The raw body, as sent. */
    post: (body: string, at: EntryRequest = {}) =>
      send(
        '/api/auth/demo',
        { method: 'POST', headers: { Origin: at.origin ?? at.url ?? LOCAL, 'Content-Type': 'application/json' }, body },
        at,
      ),
    me: (token: string) => send('/api/me', { headers: { Cookie: `session=${token}` } }, {}),
  };
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function findDemoUser(name: string) {
  const [row] = await h.db
    .select()
    .from(users)
    .where(and(eq(users.provider, 'demo'), eq(users.providerUserId, name.toLowerCase())));
  return row;
}

describe('demo sign-in on the Node entry without Facebook, from this machine', () => {
  it('is advertised by /api/auth/providers', async () => {
    const node = await nodeEntry();
    expect(await node.providers()).toEqual({ facebook: false, demo: true });
    node.close();
  });

  it('creates a demo user, starts a session, and reuses the account for the same name', async () => {
    const node = await nodeEntry();
    const first = await node.signIn('  Wangari Maathai ');
    expect(first.status).toBe(200);
    const body = (await first.json()) as { user: { id: string; name: string; provider: string } };
    expect(body.user).toMatchObject({ name: 'Wangari Maathai', provider: 'demo', pictureUrl: null });
    const token = findCookie(first, 'session')!.value;
    const me = await node.me(token);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(body.user.id);

    const again = (await (await node.signIn('wangari maathai')).json()) as { user: { id: string } };
    expect(again.user.id).toBe(body.user.id);
    node.close();
  });

  it.each([
    ['127.0.0.1', 'http://localhost:4321'],
    ['127.8.9.10', 'http://127.0.0.1:4321'],
    ['::1', 'http://[::1]:4321'],
    ['::ffff:127.0.0.1', 'http://LOCALHOST:4321'],
    ['127.0.0.1', 'http://127.1.2.3'],
  ])('serves the loopback client %s at %s', async (client, url) => {
    const node = await nodeEntry();
    expect(await node.providers({ client, url })).toEqual({ facebook: false, demo: true });
    expect((await node.signIn('Loopback Person', { client, url })).status).toBe(200);
    node.close();
  });

  it.each([
    [{}, 'validation_failed'],
    [{ name: '' }, 'validation_failed'],
    [{ name: '   ' }, 'validation_failed'],
    [{ name: 'x'.repeat(61) }, 'validation_failed'],
    [{ name: '<script>' }, 'validation_failed'],
    [{ name: 42 }, 'validation_failed'],
    ['{not json', 'invalid_json'],
  ])('refuses %j with 400 %s', async (body, code) => {
    const response = await h.withApp().send('POST', '/api/auth/demo', null, body);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe(code);
    expect(findCookie(response, 'session')).toBeUndefined();
  });
});

describe('the demo body, as its contract describes it', () => {
  it('names the field at fault: a refused name carries error.field and a message that starts with it', async () => {
    const demo = h.withApp();
    for (const name of ['', '<script>', 'x'.repeat(61)]) {
      const response = await demo.send('POST', '/api/auth/demo', null, { name });
      expect(response.status, name).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; field?: string; message: string } };
      expect(error).toMatchObject({ code: 'validation_failed', field: 'name' });
      expect(error.message).toMatch(/^name: \S/);
    }
  });

  it('refuses a field it does not know, naming it, and creates no account', async () => {
    const response = await h.withApp().send('POST', '/api/auth/demo', null, { name: 'Strict Body', isAdmin: true });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field?: string } }).error.field).toBe('isAdmin');
    expect(findCookie(response, 'session')).toBeUndefined();
    expect(await findDemoUser('Strict Body')).toBeUndefined();
  });

  it.each([
    ['no Content-Type', {}],
    ['Content-Type text/plain', { 'Content-Type': 'text/plain' }],
    ['a form Content-Type', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ])('answers a JSON body sent with %s with 400 invalid_json, not a server error', async (_label, contentType) => {
    const response = await h.makeApp().request(`${ORIGIN}/api/auth/demo`, {
      method: 'POST',
      headers: sameOriginHeaders(contentType),
      // Bytes, so that fetch adds no Content-Type of its own.
      body: new TextEncoder().encode(JSON.stringify({ name: 'Typeless Body' })),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_json', message: expect.stringMatching(/JSON/) } });
    expect(await findDemoUser('Typeless Body')).toBeUndefined();
  });

  it('refuses a client elsewhere before reading its body: 403, even for a body that would be a 400', async () => {
    const node = await nodeEntry();
    for (const body of ['{not json', '{}', '{"name":"<b>"}']) {
      const response = await node.post(body, { client: '192.0.2.10' });
      expect(response.status, body).toBe(403);
      expect(await errorCode(response)).toBe('demo_local_only');
    }
    node.close();
  });

  it('is 404 where the demo is off, whatever the body', async () => {
    const node = await nodeEntry({ ...FACEBOOK_ENV, DEMO_SIGN_IN: '1' });
    for (const body of ['{not json', '{}', '{"name":"Valid Name"}']) {
      const response = await node.post(body);
      expect(response.status, body).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
    }
    node.close();
  });
});

describe('demo sign-in refuses anyone not on this machine (403 demo_local_only)', () => {
  it.each([
    ['192.0.2.10'],
    ['10.0.0.5'],
    ['::ffff:192.0.2.10'],
    ['2001:db8::1'],
    ['::ffff:7f00:1'],
    ['128.0.0.1'],
    ['127.0.0.1.example'],
  ])('a client at %s', async (client) => {
    const node = await nodeEntry();
    const name = `Remote ${client.replace(/[^a-z0-9]/gi, ' ')}`.trim();
    const response = await node.signIn(name, { client });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('demo_local_only');
    expect(findCookie(response, 'session')).toBeUndefined();
    expect(await findDemoUser(name)).toBeUndefined();
    // The header must not offer what would be refused.
    expect(await node.providers({ client })).toEqual({ facebook: false, demo: false });
    node.close();
  });

  it('a request without a socket address', async () => {
    const node = await createNodeHandler({ clientDir: h.database.dir, environment: { DATABASE_URL: h.database.url } });
    const response = await node.fetch(
      new Request(`${LOCAL}/api/auth/demo`, {
        method: 'POST',
        headers: { Origin: LOCAL, 'Content-Type': 'application/json' },
        body: '{"name":"No Socket"}',
      }),
    );
    expect(response.status).toBe(403);
    node.close();
  });

  it.each([
    // DNS rebinding: the attacker's name resolves to 127.0.0.1, and the page's Origin matches its Host.
    [{ url: 'http://rebind.evil.example:4399', host: 'rebind.evil.example:4399' }],
    // An absolute request target: the URL says localhost, the Host header does not.
    [{ host: 'rebind.evil.example:4399' }],
    [{ url: 'http://localhost.evil.example:4321' }],
    [{ url: 'http://127.0.0.1.nip.io:4321' }],
    [{ url: 'http://192.0.2.2:4321' }],
    [{ url: 'http://[::2]:4321' }],
    // A page elsewhere (already refused by the Origin check, whatever Host says).
    [{ origin: 'https://evil.example' }],
    // A proxy on this machine passing on someone else's request.
    [{ headers: { 'X-Forwarded-For': '192.0.2.50' } }],
    [{ headers: { Forwarded: 'for=192.0.2.50' } }],
    [{ headers: { 'X-Real-IP': '192.0.2.50' } }],
  ])('a loopback connection with %j', async (at) => {
    const node = await nodeEntry();
    const response = await node.signIn('Rebound Person', at);
    expect(response.status).toBe(403);
    expect(findCookie(response, 'session')).toBeUndefined();
    expect(await findDemoUser('Rebound Person')).toBeUndefined();
    node.close();
  });

  it('names the Host problem in its answer, and providers says demo:false for that Host', async () => {
    const node = await nodeEntry();
    const at = { url: 'http://rebind.evil.example:4399', host: 'rebind.evil.example:4399' };
    const response = await node.signIn('Rebound Person', at);
    expect(await response.json()).toEqual({
      error: { code: 'demo_local_only', message: expect.stringMatching(/this computer/) },
    });
    expect(await node.providers(at)).toEqual({ facebook: false, demo: false });
    node.close();
  });
});

describe('demo sign-in never signs in as a site admin (403 demo_admin_refused)', () => {
  it('refuses a demo account that is an admin, whatever the case of the name', async () => {
    const node = await nodeEntry();
    const first = await node.signIn('Sec Admin');
    const { user } = (await first.json()) as { user: { id: string } };
    await grantAdmin(h.db, user.id, new Date());
    for (const name of ['Sec Admin', 'sec admin', 'SEC ADMIN']) {
      const response = await node.signIn(name);
      expect(response.status, name).toBe(403);
      expect(await errorCode(response)).toBe('demo_admin_refused');
      expect(findCookie(response, 'session')).toBeUndefined();
    }
    node.close();
  });

  it('keeps refusing a demo account that acted as an admin after the grant is revoked', async () => {
    const node = await nodeEntry();
    const admin = ((await (await node.signIn('Former Admin')).json()) as { user: { id: string } }).user;
    const claimant = ((await (await node.signIn('Claimant Person')).json()) as { user: { id: string } }).user;
    await grantAdmin(h.db, admin.id, new Date());
    const created = await createClaim(
      h.db,
      claimant.id,
      { ngoId: 'gb-nic-100002', role: 'Director', workEmail: 'director@example.org', note: null },
      new Date(),
    );
    expect((await decideClaim(h.db, created.claim.id, 'rejected', admin.id, new Date())).status).toBe('decided');
    await revokeAdmin(h.db, admin.id);
    const response = await node.signIn('former admin');
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('demo_admin_refused');
    node.close();
  });

  it('refuses the name of an admin who signs in with Facebook, and creates no look-alike account', async () => {
    const node = await nodeEntry();
    const owner = await upsertUser(
      h.db,
      { provider: 'facebook', providerUserId: '10160000000000999', name: 'Site Owner', pictureUrl: null },
      new Date(),
    );
    await grantAdmin(h.db, owner.id, new Date());
    for (const name of ['Site Owner', 'site  owner']) {
      const response = await node.signIn(name);
      expect(response.status, name).toBe(403);
      expect(await errorCode(response)).toBe('demo_admin_refused');
    }
    expect(await findDemoUser('Site Owner')).toBeUndefined();
    // Anyone else still signs in.
    expect((await node.signIn('Site Visitor')).status).toBe(200);
    node.close();
  });

  it('applies on any app that offers the demo, not only the Node entry', async () => {
    const demo = h.withApp();
    const first = await demo.send('POST', '/api/auth/demo', null, { name: 'Test App Admin' });
    await grantAdmin(h.db, ((await first.json()) as { user: { id: string } }).user.id, new Date());
    const response = await demo.send('POST', '/api/auth/demo', null, { name: 'Test App Admin' });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('demo_admin_refused');
  });
});

describe('the listen address (HOST) decides whether the demo is on', () => {
  it.each([['0.0.0.0'], ['::'], ['192.0.2.2'], ['jumo.example.org']])(
    'off when listening on %s: 404, and providers says demo:false',
    async (hostname) => {
      const node = await nodeEntry({}, hostname);
      const response = await node.signIn('Lan Person');
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
      expect(await node.providers()).toEqual({ facebook: false, demo: false });
      node.close();
    },
  );

  it('reads HOST from the environment when no listen address is given', async () => {
    const node = await nodeEntry({ HOST: '0.0.0.0' });
    expect((await node.signIn('Lan Person')).status).toBe(404);
    node.close();
  });

  it.each([['127.0.0.1'], ['localhost'], ['::1'], ['127.0.0.53']])('on when listening on %s', async (hostname) => {
    const node = await nodeEntry({}, hostname);
    expect((await node.signIn('Loopback Listener')).status).toBe(200);
    node.close();
  });

  it('DEMO_SIGN_IN=1 turns it on for a non-loopback HOST, still only for this machine', async () => {
    const node = await nodeEntry({ DEMO_SIGN_IN: '1' }, '0.0.0.0');
    expect(await node.providers()).toEqual({ facebook: false, demo: true });
    expect((await node.signIn('Lan Person')).status).toBe(200);
    expect((await node.signIn('Lan Person', { client: '192.0.2.10' })).status).toBe(403);
    node.close();
  });

  it('DEMO_SIGN_IN=0 turns it off even on loopback', async () => {
    const node = await nodeEntry({ DEMO_SIGN_IN: '0' });
    expect((await node.signIn('Anyone')).status).toBe(404);
    expect(await node.providers()).toEqual({ facebook: false, demo: false });
    node.close();
  });
});

describe('demo sign-in is absent', () => {
  it('on the Node entry when Facebook is configured: 404, and providers says so', async () => {
    const node = await nodeEntry({ ...FACEBOOK_ENV, DEMO_SIGN_IN: '1' });
    const response = await node.signIn('Someone');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(findCookie(response, 'session')).toBeUndefined();
    expect(await node.providers()).toEqual({ facebook: true, demo: false });
    node.close();
  });

  it('from the Worker entry, with or without Facebook', async () => {
    const worker = createWorkerApp();
    for (const env of [{}, FACEBOOK_ENV, { DEMO_SIGN_IN: '1' }]) {
      const response = await worker.request(
        `${ORIGIN}/api/auth/demo`,
        { method: 'POST', headers: sameOriginHeaders({ 'Content-Type': 'application/json' }), body: '{"name":"X"}' },
        env,
      );
      expect(response.status).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
    }
    const providers = await worker.request(`${ORIGIN}/api/auth/providers`, {}, {});
    expect(await providers.json()).toEqual({ facebook: false, demo: false });
  });
});
