import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Database } from '../../db/client.ts';

/**
 * The export step's one contract: each exporter turns database-held directory data (NGO
 * profiles, impact reports…) into the lines of one JSONL file under content/. Lines must come
 * out in a stable order (by id) with stable JSON (stringifyStable), so the same data always
 * writes the same bytes: diffs show real changes and the build is skipped when nothing moved.
 */
export type Exporter = {
  /** File name under the export directory, e.g. `profiles.jsonl`. */
  file: string;
  /** One JSON document per line, already in their final order. */
  exportLines: (db: Database) => Promise<string[]>;
};

export type ExportResult = { file: string; path: string; lines: number; changed: boolean };

/** JSON with object keys sorted at every level (arrays keep their order): same data, same text. */
export function stringifyStable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Write `content` unless the file already holds exactly it (its mtime then stays put). */
export async function writeFileIfChanged(path: string, content: string): Promise<boolean> {
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === content) return false;
  await mkdir(dirname(path), { recursive: true });
  // Written aside and renamed: a build reading the file never sees half of it.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
  return true;
}

/** Run every exporter into `dir`; files are written only when their content changed. */
export async function runExporters(db: Database, dir: string, exporters: readonly Exporter[]): Promise<ExportResult[]> {
  const results: ExportResult[] = [];
  for (const exporter of exporters) {
    const lines = await exporter.exportLines(db);
    const path = join(dir, exporter.file);
    const changed = await writeFileIfChanged(path, lines.map((line) => `${line}\n`).join(''));
    results.push({ file: exporter.file, path, lines: lines.length, changed });
  }
  return results;
}

/**
 * One hash of every exported file's bytes: `npm start` keeps the one its last build saw and
 * rebuilds when this differs. Missing files count as empty.
 */
export async function fingerprintExports(dir: string, exporters: readonly Exporter[]): Promise<string> {
  const hash = createHash('sha256');
  for (const exporter of [...exporters].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    hash.update(`${exporter.file}\0`);
    hash.update(await readFile(join(dir, exporter.file)).catch(() => Buffer.alloc(0)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
