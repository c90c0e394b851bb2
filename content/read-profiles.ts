import { readFile } from 'node:fs/promises';
import { publishedProfileSchema, type PublishedProfile } from '../model/ngo-profile.ts';

/** Written by `npm run export` (scripts/export/profiles.ts) from the database. */
export const DEFAULT_PROFILES_FILE = 'content/profiles.jsonl';

/**
 * NGO-provided profiles by NGO id, for the build. No file means none published yet (a fresh
 * checkout, or a site built before any export). A line that fails the model's schema names the
 * file and line: the export writes only checked data, so that is a hand edit to fix.
 */
export async function readPublishedProfiles(
  file: string = DEFAULT_PROFILES_FILE,
): Promise<Map<string, PublishedProfile>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const profiles = new Map<string, PublishedProfile>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: ReturnType<typeof publishedProfileSchema.safeParse>;
    try {
      parsed = publishedProfileSchema.safeParse(JSON.parse(line));
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid profile'}`);
    profiles.set(parsed.data.ngoId, parsed.data);
  });
  return profiles;
}
