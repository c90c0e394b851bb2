import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

// Node only (npm start, scripts): the Worker never opens a file, and db/client.ts is in its bundle.

/** The directory of a `file:` database URL ('' for the working directory, undefined if not a file). */
export function localDatabaseDirectory(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** mkdir of one level; an existing directory is fine. */
async function makeOneDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} exists and is not a directory`, { cause: error });
  }
}

/**
 * mkdir -p, one level at a time. Node's `mkdir(dir, { recursive: true })` never returns when
 * the kernel answers ENOENT for a directory whose parent exists (`/proc/x`): it retries forever,
 * which hung `npm start` with DATABASE_URL=file:/proc/x/y.db.
 */
async function makeDirectories(dir: string): Promise<void> {
  try {
    await makeOneDirectory(dir);
  } catch (error) {
    const parent = dirname(dir);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) throw error;
    await makeDirectories(parent);
    await makeOneDirectory(dir);
  }
}

/** libSQL wants the directory of a `file:` database to exist. Never throws. */
export async function ensureLocalDatabaseDirectory(
  url: string,
): Promise<{ ok: true } | { ok: false; directory: string; reason: string }> {
  const directory = localDatabaseDirectory(url);
  if (!directory) return { ok: true };
  try {
    await makeDirectories(directory);
    return { ok: true };
  } catch (error) {
    return { ok: false, directory, reason: (error as Error).message };
  }
}
