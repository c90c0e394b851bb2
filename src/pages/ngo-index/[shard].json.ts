import type { APIRoute, GetStaticPaths } from 'astro';
import { loadDirectory } from '../../lib/directory.ts';
import { getNgoIndexShard, NGO_INDEX_SHARDS, type NgoIndexShard } from '../../lib/ngo-index.ts';

/** /ngo-index/<n>.json: names and slugs of the NGOs whose id falls in shard n (see ngo-index.ts). */
export const getStaticPaths = (async () => {
  const { ngos } = await loadDirectory();
  const shards: NgoIndexShard[] = Array.from({ length: NGO_INDEX_SHARDS }, () => ({}));
  for (const ngo of ngos) shards[getNgoIndexShard(ngo.id)]![ngo.id] = [ngo.slug, ngo.name];
  return shards.map((entries, shard) => ({ params: { shard: String(shard) }, props: { entries } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(props.entries), { headers: { 'Content-Type': 'application/json' } });
