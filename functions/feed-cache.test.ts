import { describe, expect, it } from 'vitest';
import { createFeedItemCache } from './feed-cache.ts';

describe('createFeedItemCache', () => {
  it('keeps at most maxItems, dropping the least recently read first', () => {
    const cache = createFeedItemCache(2);
    cache.set('a', '{"a":1}');
    cache.set('b', '{"b":1}');
    expect(cache.get('a')).toBe('{"a":1}'); // a is now the most recently used
    cache.set('c', '{"c":1}');
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('{"a":1}');
    expect(cache.get('c')).toBe('{"c":1}');
  });

  it('answers undefined for a key never kept', () => {
    expect(createFeedItemCache(1).get('post:x:1')).toBeUndefined();
  });
});
