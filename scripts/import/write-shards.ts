import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The shard of NGOs that joined through Jumo (content/read-ngo-shards.ts): written by `npm run export`. */
const JOINED_SHARD = 'joined.jsonl';

/**
 * The committed directory: a few JSONL shards (gb-chc.jsonl, gb-sc.jsonl,
 * gb-nic.jsonl and us-ein-<first EIN digit>.jsonl), one NGO per line sorted
 * by id, so a re-import shows up as a small line diff.
 */
export function getShardName(id: string): string {
  const uk = /^GB-(NIC|CHC|SC)-/.exec(id)?.[1];
  if (uk) return `gb-${uk.toLowerCase()}.jsonl`;
  const digit = /^US-EIN-(\d)/.exec(id)?.[1];
  if (!digit) throw new Error(`no shard for id ${id}`);
  return `us-ein-${digit}.jsonl`;
}

/** One NGO already serialised (JSON in schema key order), with its id for sorting. */
export interface SerialisedNgo {
  id: string;
  json: string;
}

/** Shard file name -> file content (UTF-8 JSON lines sorted by id, trailing newline). */
export function serialiseShards(ngos: readonly SerialisedNgo[]): Map<string, string> {
  const sorted = [...ngos].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = new Map<string, string[]>();
  for (const ngo of sorted) {
    const name = getShardName(ngo.id);
    const shard = lines.get(name) ?? [];
    shard.push(ngo.json);
    lines.set(name, shard);
  }
  const names = [...lines.keys()].sort();
  return new Map(names.map((name) => [name, `${lines.get(name)!.join('\n')}\n`]));
}

/**
 * Replace the directory's *.jsonl with `shards`: every shard is written to a
 * temporary file first and only then renamed over the old one, so a failed
 * run (disk full, a crash mid-write) leaves the previous import in place.
 * Shards the new import no longer produces are removed last (never joined.jsonl).
 */
export async function writeShards(dir: string, shards: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temps = new Map([...shards.keys()].map((name) => [name, join(dir, `.${name}.tmp-${process.pid}`)]));
  try {
    for (const [name, content] of shards) await writeFile(temps.get(name)!, content, 'utf8');
  } catch (error) {
    await Promise.allSettled([...temps.values()].map((temp) => rm(temp, { force: true })));
    throw error;
  }
  for (const [name, temp] of temps) await rename(temp, join(dir, name));
  // joined.jsonl is the export's (NGOs that joined through Jumo), never the importer's to remove.
  const stale = (await readdir(dir)).filter(
    (file) => file.endsWith('.jsonl') && !shards.has(file) && file !== JOINED_SHARD,
  );
  await Promise.all(stale.map((file) => rm(join(dir, file))));
}
