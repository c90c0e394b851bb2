import { getNgoIndexPath, getNgoIndexShard, type NgoIndexShard } from '../../lib/ngo-index.ts';

export type NgoName = { id: string; slug: string; name: string };

/**
 * One NGO's name and page by its id, for pages that get only an id in their address (the
 * widgets, the follow window): from the build's /ngo-index/ shard the id falls in (a few KB).
 * null for an id the directory does not hold (or when the shard cannot be read).
 */
export async function findNgo(id: string): Promise<NgoName | null> {
  try {
    const response = await fetch(getNgoIndexPath(getNgoIndexShard(id)));
    if (!response.ok) return null;
    const entry = ((await response.json()) as NgoIndexShard)[id];
    return entry ? { id, slug: entry[0], name: entry[1] } : null;
  } catch {
    return null;
  }
}
