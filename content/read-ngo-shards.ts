import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the committed directory lives: one JSONL shard per registry prefix. */
export const DEFAULT_CONTENT_DIR = 'content/ngos';

/**
 * Read every NGO line from the JSONL shards in `dir`, in file then line order.
 * Parsing problems name the shard and line so a bad commit is easy to find.
 */
export async function readNgoShards(dir: string = DEFAULT_CONTENT_DIR): Promise<Record<string, unknown>[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort();
  const records: Record<string, unknown>[] = [];
  for (const file of files) {
    const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push(JSON.parse(line));
      } catch (error) {
        throw new Error(`${join(dir, file)}:${i + 1}: not valid JSON (${(error as Error).message})`, {
          cause: error,
        });
      }
    });
  }
  return records;
}
