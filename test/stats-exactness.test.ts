import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../functions/node-server.ts';
import { createTestDatabase, type TestDatabase } from './helpers/harness.ts';

/**
 * NGO stats come from counters kept by triggers and are read on the Node entry through its own
 * read connection (db/local-statements.ts). Both must be exact the moment a write is answered: each
 * write below is followed at once by a stats read over a real socket, and the read is checked
 * against the numbers counted from the rows themselves.
 */
let testDb: TestDatabase;
let server: RunningServer;

const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';

beforeAll(async () => {
  testDb = await createTestDatabase({ fixtureNgos: true });
  const clientDir = join(testDb.dir, 'client');
  mkdirSync(clientDir);
  server = await startNodeServer({
    clientDir,
    environment: { DATABASE_URL: testDb.url },
    port: 0,
    appOverrides: {
      rateLimits: {
        signIn: { limit: 1e6, windowSeconds: 60 },
        write: { limit: 1e6, windowSeconds: 60 },
        content: { limit: 1e6, windowSeconds: 600 },
      },
    },
  });
});
afterAll(async () => {
  await server.close();
  testDb.cleanup();
});

type Person = { id: string; cookie: string };
type Stats = {
  followers: number;
  pledges: { count: number; totals: { currency: string; onceMinor: number; monthlyMinor: number }[] };
  supporters: number;
  recent: { name: string; amountMinor: number; currency: string; recurrence: string; createdAt: string }[];
  viewerFollows: boolean | null;
};

async function call(
  method: string,
  path: string,
  person: Person | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      Origin: server.url,
      ...(person ? { Cookie: person.cookie } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function signIn(name: string): Promise<Person> {
  const response = await call('POST', '/api/auth/demo', null, { name });
  expect(response.status).toBe(200);
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, cookie: response.headers.getSetCookie()[0]!.split(';')[0]! };
}

async function readStats(ngoId: string, viewer: Person | null = null): Promise<Stats> {
  const response = await call('GET', `/api/ngos/${ngoId}/stats`, viewer);
  expect(response.status).toBe(200);
  return (await response.json()) as Stats;
}

let pledgeKeys = 0;
async function pledge(
  person: Person,
  ngoId: string,
  amount: number,
  currency: string,
  recurrence: string,
  visibility: string,
) {
  const response = await call(
    'POST',
    '/api/pledges',
    person,
    { ngoId, amount, currency, recurrence, visibility },
    { 'Idempotency-Key': `exactness-${pledgeKeys++}` },
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { pledge: { id: string } }).pledge.id;
}

async function setPledgeStatus(person: Person, pledgeId: string, status: 'fulfilled' | 'cancelled') {
  expect((await call('PATCH', `/api/pledges/${pledgeId}`, person, { status })).status).toBe(200);
}

/** The numbers as defined, counted from the rows (what the counters must always equal). */
async function countFromRows(ngoId: string) {
  const { rows: follows } = await testDb.db.$client.execute({
    sql: 'SELECT count(*) AS n FROM ngo_follows WHERE ngo_id = ?',
    args: [ngoId],
  });
  const { rows: totals } = await testDb.db.$client.execute({
    sql: `SELECT currency, count(*) AS n,
            coalesce(sum(CASE WHEN recurrence = 'once' THEN amount_minor END), 0) AS once_minor,
            coalesce(sum(CASE WHEN recurrence = 'monthly' THEN amount_minor END), 0) AS monthly_minor
          FROM pledges WHERE ngo_id = ? AND status <> 'cancelled' GROUP BY currency ORDER BY currency`,
    args: [ngoId],
  });
  const { rows: supporters } = await testDb.db.$client.execute({
    sql: "SELECT count(DISTINCT user_id) AS n FROM pledges WHERE ngo_id = ? AND status <> 'cancelled'",
    args: [ngoId],
  });
  return {
    followers: Number(follows[0]!.n),
    pledges: {
      count: totals.reduce((n, r) => n + Number(r.n), 0),
      totals: totals.map((r) => ({
        currency: String(r.currency),
        onceMinor: Number(r.once_minor),
        monthlyMinor: Number(r.monthly_minor),
      })),
    },
    supporters: Number(supporters[0]!.n),
  };
}

/** Read right after a write: the expected numbers, and the same as counted from the rows. */
async function expectStats(ngoId: string, viewer: Person | null, expected: Partial<Stats>) {
  const stats = await readStats(ngoId, viewer);
  expect(stats).toMatchObject(expected);
  expect(stats).toMatchObject(await countFromRows(ngoId));
  return stats;
}

describe('GET /api/ngos/:id/stats on the Node entry, right after each write', () => {
  it('counts follows, pledges, status changes and account deletions exactly', async () => {
    const ada = await signIn('Ada Lovelace');
    const grace = await signIn('Grace Hopper');
    await expectStats(NGO, null, {
      followers: 0,
      pledges: { count: 0, totals: [] },
      supporters: 0,
      recent: [],
      viewerFollows: null,
    });
    await expectStats(NGO, ada, { viewerFollows: false });

    expect((await call('PUT', `/api/follows/ngos/${NGO}`, ada)).status).toBe(200);
    await expectStats(NGO, ada, { followers: 1, viewerFollows: true });
    expect((await call('PUT', `/api/follows/ngos/${NGO}`, grace)).status).toBe(200);
    await expectStats(NGO, grace, { followers: 2, viewerFollows: true });

    const monthly = await pledge(ada, NGO, 2500, 'GBP', 'monthly', 'public');
    await expectStats(NGO, null, {
      pledges: { count: 1, totals: [{ currency: 'GBP', onceMinor: 0, monthlyMinor: 2500 }] },
      supporters: 1,
      recent: [expect.objectContaining({ name: 'Ada L.', amountMinor: 2500, currency: 'GBP', recurrence: 'monthly' })],
    });
    // A second pledge by the same person: one more pledge, not one more supporter; anonymous, so not listed.
    const once = await pledge(ada, NGO, 1000, 'GBP', 'once', 'anonymous');
    await expectStats(NGO, null, {
      pledges: { count: 2, totals: [{ currency: 'GBP', onceMinor: 1000, monthlyMinor: 2500 }] },
      supporters: 1,
      recent: [expect.objectContaining({ name: 'Ada L.', amountMinor: 2500 })],
    });
    const dollars = await pledge(grace, NGO, 700, 'USD', 'once', 'public');
    const withGrace = await expectStats(NGO, null, {
      pledges: {
        count: 3,
        totals: [
          { currency: 'GBP', onceMinor: 1000, monthlyMinor: 2500 },
          { currency: 'USD', onceMinor: 700, monthlyMinor: 0 },
        ],
      },
      supporters: 2,
    });
    expect(withGrace.recent.map((r) => r.name).sort()).toEqual(['Ada L.', 'Grace H.']);

    // Cancelling takes a pledge out; Ada still stands by her anonymous one, so she still counts.
    await setPledgeStatus(ada, monthly, 'cancelled');
    await expectStats(NGO, null, {
      pledges: {
        count: 2,
        totals: [
          { currency: 'GBP', onceMinor: 1000, monthlyMinor: 0 },
          { currency: 'USD', onceMinor: 700, monthlyMinor: 0 },
        ],
      },
      supporters: 2,
      recent: [expect.objectContaining({ name: 'Grace H.' })],
    });
    // Fulfilled still stands.
    await setPledgeStatus(ada, once, 'fulfilled');
    await expectStats(NGO, null, { pledges: expect.objectContaining({ count: 2 }), supporters: 2 });
    // Grace's only pledge cancelled: her currency leaves the totals and she leaves the supporters.
    await setPledgeStatus(grace, dollars, 'cancelled');
    await expectStats(NGO, null, {
      pledges: { count: 1, totals: [{ currency: 'GBP', onceMinor: 1000, monthlyMinor: 0 }] },
      supporters: 1,
      recent: [],
    });

    expect((await call('DELETE', `/api/follows/ngos/${NGO}`, grace)).status).toBe(200);
    await expectStats(NGO, grace, { followers: 1, viewerFollows: false });

    // Deleting Ada's account removes her follow and pledges in a cascade: the counters follow.
    await pledge(ada, OTHER_NGO, 300, 'EUR', 'once', 'public');
    await expectStats(OTHER_NGO, null, { supporters: 1, pledges: expect.objectContaining({ count: 1 }) });
    expect((await call('DELETE', '/api/me', ada)).status).toBe(200);
    await expectStats(NGO, null, { followers: 0, pledges: { count: 0, totals: [] }, supporters: 0, recent: [] });
    await expectStats(OTHER_NGO, null, { followers: 0, pledges: { count: 0, totals: [] }, supporters: 0, recent: [] });
  });

  it('loses nothing when many people follow and pledge at once', async () => {
    const people = await Promise.all(Array.from({ length: 24 }, (_, i) => signIn(`Crowd Person ${i}`)));
    const before = await readStats(OTHER_NGO);
    await Promise.all(
      people.flatMap((p, i) => [
        call('PUT', `/api/follows/ngos/${OTHER_NGO}`, p),
        pledge(p, OTHER_NGO, 100 + i, i % 2 ? 'USD' : 'GBP', i % 3 ? 'once' : 'monthly', 'public'),
      ]),
    );
    const after = await expectStats(OTHER_NGO, null, {});
    expect(after.followers).toBe(before.followers + people.length);
    expect(after.pledges.count).toBe(before.pledges.count + people.length);
    expect(after.supporters).toBe(before.supporters + people.length);
    expect(after.recent).toHaveLength(5);
  });
});
