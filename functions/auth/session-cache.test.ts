import { describe, expect, it } from 'vitest';
import type { Session, User } from '../../db/schema.ts';
import { createSessionCache } from './session-cache.ts';

const at = new Date(0);
function entry(sessionId: string, userId: string): { session: Session; user: User } {
  return {
    session: { id: sessionId, secretHash: '00', userId, createdAt: at, lastVerifiedAt: at },
    user: {
      id: userId,
      provider: 'demo',
      providerUserId: userId,
      name: userId,
      pictureUrl: null,
      friendsSyncedAt: null,
      createdAt: at,
      updatedAt: at,
    },
  };
}

describe('createSessionCache', () => {
  it('forgets entries after the TTL', () => {
    const cache = createSessionCache({ ttlMs: 1_000, maxEntries: 10 });
    cache.set('s1', entry('s1', 'u1'), 0);
    expect(cache.get('s1', 999)?.user.id).toBe('u1');
    expect(cache.get('s1', 1_000)).toBeUndefined();
  });

  it('evicts the oldest entry when full', () => {
    const cache = createSessionCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', entry('a', 'u1'), 0);
    cache.set('b', entry('b', 'u2'), 0);
    cache.set('c', entry('c', 'u3'), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('c', 1)?.user.id).toBe('u3');
  });

  it('drops every session of a user at once', () => {
    const cache = createSessionCache({ ttlMs: 60_000, maxEntries: 10 });
    cache.set('phone', entry('phone', 'u1'), 0);
    cache.set('laptop', entry('laptop', 'u1'), 0);
    cache.set('other', entry('other', 'u2'), 0);
    cache.deleteUser('u1');
    expect(cache.get('phone', 1)).toBeUndefined();
    expect(cache.get('laptop', 1)).toBeUndefined();
    expect(cache.get('other', 1)?.user.id).toBe('u2');
  });
});
