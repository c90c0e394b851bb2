import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows `limit` hits per window per key, then says when to retry', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter(() => now);
    const rule = { limit: 2, windowSeconds: 60 };
    expect(limiter.check('a', rule)).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.check('a', rule)).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.check('b', rule).allowed).toBe(true);
    now += 15_000;
    expect(limiter.check('a', rule)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    now += 45_000;
    expect(limiter.check('a', rule).allowed).toBe(true);
  });
});
