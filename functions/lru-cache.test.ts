import { describe, expect, it } from 'vitest';
import { createLruCache } from './lru-cache.ts';

describe('createLruCache', () => {
  it('keeps at most maxEntries, dropping the least recently read first', () => {
    const cache = createLruCache<string>(2);
    cache.set('a', '{"a":1}');
    cache.set('b', '{"b":1}');
    expect(cache.get('a')).toBe('{"a":1}'); // a is now the most recently used
    cache.set('c', '{"c":1}');
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('{"a":1}');
    expect(cache.get('c')).toBe('{"c":1}');
  });

  it('answers undefined for a key never kept, and keeps nothing with room for none', () => {
    expect(createLruCache<string>(1).get('post:x:1')).toBeUndefined();
    const none = createLruCache<string>(0);
    none.set('a', 'x');
    expect(none.get('a')).toBeUndefined();
  });

  it('forgets an entry once it is ttlMs old', () => {
    let clock = 1_000;
    const cache = createLruCache<string>(10, { ttlMs: 30_000, now: () => clock });
    cache.set('page', 'v1');
    clock += 29_999;
    expect(cache.get('page')).toBe('v1');
    clock += 1;
    expect(cache.get('page')).toBeUndefined();
    expect(cache.size).toBe(0);
    // Storing again starts its age anew.
    cache.set('page', 'v2');
    clock += 29_999;
    expect(cache.get('page')).toBe('v2');
  });
});
