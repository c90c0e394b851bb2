import { getNgoIndexPath, getNgoIndexShard, type NgoIndexShard } from '../../lib/ngo-index.ts';

export type NgoNames = Map<string, { slug: string; name: string }>;

const shards = new Map<number, Promise<NgoIndexShard>>();

/**
 * NGO names and pages for ids the API gave (it keeps ids only): from the build's
 * /ngo-index/ shards, each fetched once, only those the ids fall in.
 */
export async function lookUpNgos(ids: string[]): Promise<NgoNames> {
  const found: NgoNames = new Map();
  await Promise.all(
    [...new Set(ids.map(getNgoIndexShard))].map(async (shard) => {
      let request = shards.get(shard);
      if (!request) {
        request = fetch(getNgoIndexPath(shard))
          .then((r) => (r.ok ? (r.json() as Promise<NgoIndexShard>) : {}))
          .catch(() => ({}));
        shards.set(shard, request);
      }
      const entries = await request;
      for (const id of ids) {
        const entry = entries[id];
        if (entry) found.set(id, { slug: entry[0], name: entry[1] });
      }
    }),
  );
  return found;
}
