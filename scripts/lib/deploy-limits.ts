import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Cloudflare Workers static assets limits (Paid plan), with headroom on the count. */
export const MAX_FILES = 95_000;
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export type DeployStats = { files: number; bytes: number; largest: { path: string; bytes: number } };

export async function measureTree(dir: string): Promise<DeployStats> {
  const stats: DeployStats = { files: 0, bytes: 0, largest: { path: '', bytes: 0 } };
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { size } = await stat(path);
    stats.files += 1;
    stats.bytes += size;
    if (size > stats.largest.bytes) stats.largest = { path, bytes: size };
  }
  return stats;
}

/** Problems that would make `wrangler deploy` refuse the output; empty when it fits. */
export function findDeployProblems(stats: DeployStats): string[] {
  const problems: string[] = [];
  if (stats.files > MAX_FILES) problems.push(`${stats.files} files exceed the budget of ${MAX_FILES}`);
  if (stats.largest.bytes > MAX_FILE_BYTES) {
    problems.push(`${stats.largest.path} is ${stats.largest.bytes} bytes, over the 25 MiB per-file limit`);
  }
  return problems;
}
