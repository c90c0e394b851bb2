import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database } from '../../db/client.ts';
import { fingerprintExports, runExporters, type Exporter, type ExportResult } from './exporter.ts';

/** Where `npm start` keeps the fingerprint of the exports its last build rendered. */
export const BUILT_EXPORTS_RECORD = '.data/built-exports.txt';

export type StartPublishPlan = {
  results: ExportResult[];
  fingerprint: string;
  /** Why the site must be rebuilt before serving, or null when dist/ already shows this data. */
  rebuildReason: string | null;
};

/**
 * `npm start`'s publish step: export the database's directory data into content/, then decide
 * whether dist/ is stale. A build without a record (made by `npm run build`) counts as current
 * unless there is something exported to show, so a fresh checkout with no profiles never
 * rebuilds for nothing.
 */
export async function planStartPublish(options: {
  db: Database;
  exportDir: string;
  exporters: readonly Exporter[];
  recordFile: string;
  distExists: boolean;
}): Promise<StartPublishPlan> {
  const results = await runExporters(options.db, options.exportDir, options.exporters);
  const fingerprint = await fingerprintExports(options.exportDir, options.exporters);
  const recorded = (await readFile(options.recordFile, 'utf8').catch(() => null))?.trim() ?? null;
  let rebuildReason: string | null = null;
  if (!options.distExists) rebuildReason = 'dist/client is missing';
  else if (recorded !== null && recorded !== fingerprint)
    rebuildReason = 'NGO-provided data changed since the last build';
  else if (recorded === null && results.some((r) => r.lines > 0))
    rebuildReason = 'the last build may predate the NGO-provided data';
  return { results, fingerprint, rebuildReason };
}

/** After a successful build: remember which exports it rendered. */
export async function recordBuiltExports(recordFile: string, fingerprint: string): Promise<void> {
  await mkdir(dirname(recordFile), { recursive: true });
  await writeFile(recordFile, `${fingerprint}\n`);
}
