import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHandler, type NodeHandler } from '../functions/node-server.ts';
import { createWorkerApp } from '../functions/worker.ts';
import { createTestApp, FACEBOOK_ENV, findCookie, ORIGIN, sameOriginHeaders } from './helpers/app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.cleanup());

function postDemo(app: { request: (url: string, init: RequestInit) => Response | Promise<Response> }, body: unknown) {
  return app.request(`${ORIGIN}/api/auth/demo`, {
    method: 'POST',
    headers: sameOriginHeaders({ 'Content-Type': 'application/json' }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The Node entry exactly as `npm start` builds it, against the test database file. */
async function nodeEntry(
  vars: Record<string, string>,
): Promise<NodeHandler & { request: (url: string, init?: RequestInit) => Promise<Response> }> {
  const handler = await createNodeHandler({
    clientDir: testDb.dir,
    environment: { DATABASE_URL: testDb.url, ...vars },
  });
  return { ...handler, request: async (url, init) => handler.fetch(new Request(url, init)) };
}

describe('demo sign-in on the Node entry without Facebook', () => {
  it('is advertised by /api/auth/providers', async () => {
    const node = await nodeEntry({});
    const response = await node.request(`${ORIGIN}/api/auth/providers`);
    expect(await response.json()).toEqual({ facebook: false, demo: true });
    node.close();
  });

  it('creates a demo user, starts a session, and reuses the account for the same name', async () => {
    const node = await nodeEntry({});
    const first = await postDemo(node, { name: '  Wangari Maathai ' });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { user: { id: string; name: string; provider: string } };
    expect(body.user).toMatchObject({ name: 'Wangari Maathai', provider: 'demo', pictureUrl: null });
    const token = findCookie(first, 'session')!.value;
    const me = await node.request(`${ORIGIN}/api/me`, { headers: { Cookie: `session=${token}` } });
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(body.user.id);

    const again = (await (await postDemo(node, { name: 'wangari maathai' })).json()) as { user: { id: string } };
    expect(again.user.id).toBe(body.user.id);
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
    const app = createTestApp({ db: testDb.db, allowDemoSignIn: true });
    const response = await postDemo(app, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(findCookie(response, 'session')).toBeUndefined();
  });
});

describe('demo sign-in is absent', () => {
  it('on the Node entry when Facebook is configured: 404, and providers says so', async () => {
    const node = await nodeEntry(FACEBOOK_ENV);
    const response = await postDemo(node, { name: 'Someone' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(findCookie(response, 'session')).toBeUndefined();
    expect(await (await node.request(`${ORIGIN}/api/auth/providers`)).json()).toEqual({ facebook: true, demo: false });
    node.close();
  });

  it('from the Worker entry, with or without Facebook', async () => {
    const worker = createWorkerApp();
    for (const env of [{}, FACEBOOK_ENV]) {
      const response = await worker.request(
        `${ORIGIN}/api/auth/demo`,
        { method: 'POST', headers: sameOriginHeaders({ 'Content-Type': 'application/json' }), body: '{"name":"X"}' },
        env,
      );
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    const providers = await worker.request(`${ORIGIN}/api/auth/providers`, {}, {});
    expect(await providers.json()).toEqual({ facebook: false, demo: false });
  });
});
