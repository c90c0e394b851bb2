/**
 * NGO names and pages by id, for pages that get ids from the API (My Jumo): the build writes
 * /ngo-index/<shard>.json (id → [slug, name]) in NGO_INDEX_SHARDS files of ~300 NGOs each
 * (a few KB gzipped), and a page fetches only the shards of the ids it shows.
 */
export const NGO_INDEX_SHARDS = 128;

/** FNV-1a over the id, so the browser and the build agree on the shard without a table. */
export function getNgoIndexShard(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % NGO_INDEX_SHARDS;
}

export function getNgoIndexPath(shard: number): string {
  return `/ngo-index/${shard}.json`;
}

export type NgoIndexShard = Record<string, [slug: string, name: string]>;
