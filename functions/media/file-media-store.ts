import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MEDIA_KEY_PATTERN, type MediaStore } from './media-store.ts';

/** Default directory of the Node entry's media (MEDIA_DIR overrides it). */
export const DEFAULT_MEDIA_DIR = '.data';

/**
 * The Node entry's store: `<dir>/media/<sha256>.<ext>`. Written to a temporary name and renamed,
 * so a reader never sees half a file.
 */
export function createFileMediaStore(dir: string): MediaStore {
  const pathOf = (key: string): string => {
    if (!MEDIA_KEY_PATTERN.test(key)) throw new Error(`not a media key: ${key}`);
    return join(dir, key);
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
