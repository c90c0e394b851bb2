import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the committed directory lives: one JSONL shard per registry prefix. */
export const DEFAULT_CONTENT_DIR = 'content/ngos';

/**
 * The shard `npm run export` writes for NGOs that joined through Jumo (scripts/export/joined-ngos.ts).
 * The importer never writes or removes it; its records win over a register shard's record with
 * the same id (an NGO that joined keeps its page, manager and words if a later import brings it).
 */
export const JOINED_SHARD = 'joined.jsonl';

async function readShard(dir: string, file: string, into: Record<string, unknown>[]): Promise<void> {
  const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      into.push(JSON.parse(line));
    } catch (error) {
      throw new Error(`${join(dir, file)}:${i + 1}: not valid JSON (${(error as Error).message})`, {
        cause: error,
      });
    }
  });
}

/**
 * Read every NGO line from the JSONL shards in `dir`, in file then line order, the joined
 * shard last. Parsing problems name the shard and line so a bad commit is easy to find.
 */
export async function readNgoShards(dir: string = DEFAULT_CONTENT_DIR): Promise<Record<string, unknown>[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort();
  const records: Record<string, unknown>[] = [];
  for (const file of files) if (file !== JOINED_SHARD) await readShard(dir, file, records);
  if (!files.includes(JOINED_SHARD)) return records;
  const joined: Record<string, unknown>[] = [];
  await readShard(dir, JOINED_SHARD, joined);
  if (joined.length === 0) return records;
  const joinedIds = new Set(joined.map((record) => record.id));
  return [...records.filter((record) => !joinedIds.has(record.id)), ...joined];
}
