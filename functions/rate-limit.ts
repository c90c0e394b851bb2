/**
 * Fixed-window counters per key (client IP + route group), in memory. On the Node entry that
 * is the whole server; on Cloudflare each isolate counts on its own, so the effective limit
 * is per isolate — enough to blunt a single client hammering one location. A global limit
 * would need Cloudflare's rate limiting binding or a Durable Object.
 */
export type RateLimitRule = { limit: number; windowSeconds: number };

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = { check: (key: string, rule: RateLimitRule) => RateLimitDecision };

/** Above this many keys, expired windows are swept so memory stays bounded under a spray of IPs. */
const SWEEP_THRESHOLD = 10_000;

export function createRateLimiter(nowMs: () => number): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number; windowMs: number }>();

  function sweep(now: number): void {
    for (const [key, w] of windows) if (now - w.startedAt >= w.windowMs) windows.delete(key);
  }

  return {
    check(key, rule) {
      const now = nowMs();
      const windowMs = rule.windowSeconds * 1000;
      let w = windows.get(key);
      if (!w || now - w.startedAt >= windowMs) {
        if (windows.size >= SWEEP_THRESHOLD) sweep(now);
        w = { startedAt: now, count: 0, windowMs };
        windows.set(key, w);
      }
      if (w.count >= rule.limit) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.startedAt + windowMs - now) / 1000)) };
      }
      w.count += 1;
      return { allowed: true, remaining: rule.limit - w.count };
    },
  };
}
