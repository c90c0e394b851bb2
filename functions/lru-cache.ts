/**
 * The one in-process cache of the API (feed items, share cards, public directory answers): at
 * most `maxEntries`, the least recently used going first. A Map keeps insertion order, so moving
 * a hit to the end makes the first key the least used. Each Node process or Worker isolate has
 * its own; what is kept must be safe to serve until it goes by its key (a revision) or its age.
 */
export function createLruCache<V>(maxEntries: number, options: { ttlMs?: number; now?: () => number } = {}) {
  const entries = new Map<string, { value: V; storedAt: number }>();
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? Infinity;
  return {
    get(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (now() - entry.storedAt >= ttlMs) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key: string, value: V): void {
      if (maxEntries <= 0) return;
      entries.delete(key);
      entries.set(key, { value, storedAt: now() });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type LruCache<V> = ReturnType<typeof createLruCache<V>>;
