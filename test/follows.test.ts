import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ORIGIN, type Actor, type Harness } from './helpers/harness.ts';

let h: Harness;

beforeAll(async () => {
  // Follows need NGOs of the directory: the harness fills it with the fixtures, as npm start does on migrate.
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted' });
});
afterAll(() => h.cleanup());

const NGO = 'US-EIN-010674736';

type Stats = { followers: number; viewerFollows: boolean | null };

async function stats(viewer: Actor | null = null) {
  const response = await h.json<Stats>('GET', `/api/ngos/${NGO}/stats`, viewer);
  expect(response.status).toBe(200);
  return response.body;
}

describe('following NGOs', () => {
  it('is idempotent both ways and keeps the count exact', async () => {
    const user = await h.signIn('Follower One');
    const first = await h.send('PUT', `/api/follows/ngos/${NGO}`, user);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ following: true, changed: true, followers: 1 });
    expect(await (await h.send('PUT', `/api/follows/ngos/${NGO}`, user)).json()).toEqual({
      following: true,
      changed: false,
      followers: 1,
    });
    expect(await stats(user)).toMatchObject({ followers: 1, viewerFollows: true });
    expect(await stats()).toMatchObject({ followers: 1, viewerFollows: null });

    expect(await (await h.send('DELETE', `/api/follows/ngos/${NGO}`, user)).json()).toEqual({
      following: false,
      changed: true,
      followers: 0,
    });
    expect(await (await h.send('DELETE', `/api/follows/ngos/${NGO}`, user)).json()).toEqual({
      following: false,
      changed: false,
      followers: 0,
    });
    expect(await stats(user)).toMatchObject({ followers: 0, viewerFollows: false });
  });

  it('loses nothing under concurrent follows from many users', async () => {
    const crowd = await Promise.all(Array.from({ length: 30 }, (_, i) => h.signIn(`Crowd ${i}`)));
    const responses = await Promise.all(
      crowd.flatMap((person) => [
        h.send('PUT', `/api/follows/ngos/${NGO}`, person),
        h.send('PUT', `/api/follows/ngos/${NGO}`, person),
      ]),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect((await stats()).followers).toBe(30);
  });

  it('needs a session and a same-origin request, and a well-formed NGO id', async () => {
    expect((await h.send('PUT', `/api/follows/ngos/${NGO}`, null)).status).toBe(401);
    const user = await h.signIn('Careful');
    const crossSite = await h.app.request(`${ORIGIN}/api/follows/ngos/${NGO}`, {
      method: 'PUT',
      headers: { Cookie: `session=${user.token}`, Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect((await h.send('PUT', '/api/follows/ngos/not-an-ngo', user)).status).toBe(400);
    expect((await h.send('PUT', '/api/follows/ngos/US-EIN-999999999', user)).status).toBe(404);
    expect((await h.app.request(`${ORIGIN}/api/ngos/nope/stats`)).status).toBe(400);
    expect((await h.app.request(`${ORIGIN}/api/ngos/US-EIN-999999999/stats`)).status).toBe(404);
  });
});

describe('following causes', () => {
  it('follows and unfollows a cause from the taxonomy', async () => {
    const user = await h.signIn('Cause Fan');
    expect(await (await h.send('PUT', '/api/follows/causes/health', user)).json()).toEqual({
      following: true,
      changed: true,
      followers: 1,
    });
    expect(await (await h.send('DELETE', '/api/follows/causes/health', user)).json()).toEqual({
      following: false,
      changed: true,
      followers: 0,
    });
    expect((await h.send('PUT', '/api/follows/causes/not-a-cause', user)).status).toBe(404);
  });
});
