import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ngoFollowerCounts, ngoFollows, pledges, users } from '../db/schema.ts';
import { upsertUser } from '../db/users.ts';
import { createTestDatabase, type TestDatabase } from './helpers/harness.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.cleanup());

const NGO = 'GB-NIC-100002';
const now = new Date('2026-01-15T12:00:00Z');

async function makeUser(name: string) {
  return upsertUser(testDb.db, { provider: 'demo', providerUserId: name, name, pictureUrl: null }, now);
}

async function followers(): Promise<number> {
  const [row] = await testDb.db.select().from(ngoFollowerCounts).where(eq(ngoFollowerCounts.ngoId, NGO));
  return row?.followers ?? 0;
}

function follow(userId: string) {
  return testDb.db.insert(ngoFollows).values({ userId, ngoId: NGO, createdAt: now }).onConflictDoNothing();
}

describe('follower counters (triggers from the committed migration)', () => {
  it('count follows exactly: repeated follows are no-ops, unfollows subtract, concurrent follows all count', async () => {
    const a = await makeUser('counter-a');
    const b = await makeUser('counter-b');
    await follow(a.id);
    await follow(a.id);
    expect(await followers()).toBe(1);
    await follow(b.id);
    expect(await followers()).toBe(2);
    await testDb.db.delete(ngoFollows).where(and(eq(ngoFollows.userId, a.id), eq(ngoFollows.ngoId, NGO)));
    expect(await followers()).toBe(1);

    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => makeUser(`counter-many-${i}`)));
    await Promise.all(many.map((u) => follow(u.id)));
    expect(await followers()).toBe(21);
  });
});

describe('pledges', () => {
  const base = {
    ngoId: NGO,
    amountMinor: 1000,
    currency: 'GBP',
    recurrence: 'once' as const,
    visibility: 'anonymous' as const,
    createdAt: now,
    updatedAt: now,
  };

  it('accept a valid pledge with status active by default', async () => {
    const u = await makeUser('pledger');
    await testDb.db.insert(pledges).values({ ...base, id: 'p1', userId: u.id, idempotencyKey: 'key-1' });
    const [row] = await testDb.db.select().from(pledges).where(eq(pledges.id, 'p1'));
    expect(row!.status).toBe('active');
  });

  it('keep idempotency keys unique per user, not globally', async () => {
    const u = await makeUser('pledger-2');
    const v = await makeUser('pledger-3');
    await testDb.db.insert(pledges).values({ ...base, id: 'p2', userId: u.id, idempotencyKey: 'same' });
    await expect(
      testDb.db.insert(pledges).values({ ...base, id: 'p3', userId: u.id, idempotencyKey: 'same' }),
    ).rejects.toThrow();
    await testDb.db.insert(pledges).values({ ...base, id: 'p4', userId: v.id, idempotencyKey: 'same' });
  });

  it.each([
    ['a zero amount', { amountMinor: 0 }],
    ['a negative amount', { amountMinor: -5 }],
    ['a lower-case currency', { currency: 'gbp' }],
    ['a 4-letter currency', { currency: 'GBPX' }],
    ['an unknown recurrence', { recurrence: 'weekly' }],
    ['an unknown visibility', { visibility: 'secret' }],
    ['an unknown status', { status: 'paid' }],
    ['a 501-character note', { note: 'x'.repeat(501) }],
  ])('refuse %s', async (_label, patch) => {
    const u = await makeUser(`bad-${_label}`);
    await expect(
      testDb.db
        .insert(pledges)
        .values({ ...base, id: `bad-${_label}`, userId: u.id, idempotencyKey: 'k', ...(patch as object) }),
    ).rejects.toThrow();
  });
});

describe('users', () => {
  it('are unique per provider account', async () => {
    await makeUser('unique-me');
    await makeUser('unique-me');
    const rows = await testDb.db.select().from(users).where(eq(users.providerUserId, 'unique-me'));
    expect(rows).toHaveLength(1);
  });
});
