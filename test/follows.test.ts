import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, sameOriginHeaders, signInDemo } from './helpers/app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { FIXTURE_CONTENT_DIR } from './helpers/engage.ts';
import { syncNgoDirectoryFromContent } from '../db/sync-ngo-directory.ts';

let testDb: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Follows need NGOs of the directory, as npm start copies them on migrate.
  await syncNgoDirectoryFromContent(testDb.db, FIXTURE_CONTENT_DIR);
  app = createTestApp({
    db: testDb.db,
    allowDemoSignIn: true,
    rateLimits: { signIn: { limit: 1_000, windowSeconds: 60 }, write: { limit: 10_000, windowSeconds: 60 } },
  });
});
afterAll(() => testDb.cleanup());

const NGO = 'US-EIN-010674736';

const signIn = (name: string) => signInDemo(app, name);

function call(method: string, path: string, token?: string) {
  return app.request(`${ORIGIN}${path}`, {
    method,
    headers: sameOriginHeaders(token ? { Cookie: `session=${token}` } : {}),
  });
}

async function stats(token?: string) {
  const response = await app.request(`${ORIGIN}/api/ngos/${NGO}/stats`, {
    headers: token ? { Cookie: `session=${token}` } : {},
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { followers: number; viewerFollows: boolean | null };
}

describe('following NGOs', () => {
  it('is idempotent both ways and keeps the count exact', async () => {
    const token = await signIn('Follower One');
    const first = await call('PUT', `/api/follows/ngos/${NGO}`, token);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ following: true, changed: true, followers: 1 });
    expect(await (await call('PUT', `/api/follows/ngos/${NGO}`, token)).json()).toEqual({
      following: true,
      changed: false,
      followers: 1,
    });
    expect(await stats(token)).toMatchObject({ followers: 1, viewerFollows: true });
    expect(await stats()).toMatchObject({ followers: 1, viewerFollows: null });

    expect(await (await call('DELETE', `/api/follows/ngos/${NGO}`, token)).json()).toEqual({
      following: false,
      changed: true,
      followers: 0,
    });
    expect(await (await call('DELETE', `/api/follows/ngos/${NGO}`, token)).json()).toEqual({
      following: false,
      changed: false,
      followers: 0,
    });
    expect(await stats(token)).toMatchObject({ followers: 0, viewerFollows: false });
  });

  it('loses nothing under concurrent follows from many users', async () => {
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(`Crowd ${i}`)));
    const responses = await Promise.all(
      tokens.flatMap((t) => [call('PUT', `/api/follows/ngos/${NGO}`, t), call('PUT', `/api/follows/ngos/${NGO}`, t)]),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect((await stats()).followers).toBe(30);
  });

  it('needs a session and a same-origin request, and a well-formed NGO id', async () => {
    expect((await call('PUT', `/api/follows/ngos/${NGO}`)).status).toBe(401);
    const token = await signIn('Careful');
    const crossSite = await app.request(`${ORIGIN}/api/follows/ngos/${NGO}`, {
      method: 'PUT',
      headers: { Cookie: `session=${token}`, Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect((await call('PUT', '/api/follows/ngos/not-an-ngo', token)).status).toBe(400);
    expect((await call('PUT', '/api/follows/ngos/US-EIN-999999999', token)).status).toBe(404);
    expect((await app.request(`${ORIGIN}/api/ngos/nope/stats`)).status).toBe(400);
    expect((await app.request(`${ORIGIN}/api/ngos/US-EIN-999999999/stats`)).status).toBe(404);
  });
});

describe('following causes', () => {
  it('follows and unfollows a cause from the taxonomy', async () => {
    const token = await signIn('Cause Fan');
    expect(await (await call('PUT', '/api/follows/causes/health', token)).json()).toEqual({
      following: true,
      changed: true,
      followers: 1,
    });
    expect(await (await call('DELETE', '/api/follows/causes/health', token)).json()).toEqual({
      following: false,
      changed: true,
      followers: 0,
    });
    expect((await call('PUT', '/api/follows/causes/not-a-cause', token)).status).toBe(404);
  });
});
