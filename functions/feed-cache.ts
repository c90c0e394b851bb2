/**
 * Feed items as the API sends them (JSON text, without the reader-specific `via`), kept by kind,
 * id and revision. A revision is drawn again whenever what the feed shows of an item changes
 * (migration 0010), so an item kept here is current exactly when the feed's index names the same
 * revision: nothing needs telling when it goes stale, in this process or any other. Rendering
 * the items took as long as finding the page; most readers see the same recent items.
 * Least recently used items go first once `maxItems` are kept (~1–2 KB each).
 */
export function createFeedItemCache(maxItems: number) {
  const items = new Map<string, string>();
  return {
    get(key: string): string | undefined {
      const json = items.get(key);
      if (json !== undefined) {
        // Map keeps insertion order: moving a hit to the end makes the first key the least used.
        items.delete(key);
        items.set(key, json);
      }
      return json;
    },
    set(key: string, json: string): void {
      items.set(key, json);
      if (items.size > maxItems) items.delete(items.keys().next().value as string);
    },
    get size(): number {
      return items.size;
    },
  };
}

export type FeedItemCache = ReturnType<typeof createFeedItemCache>;
