import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { readNgoShards } from '../content/read-ngo-shards.ts';
import { readPublishedProfiles } from '../content/read-profiles.ts';
import type { PublishedProfile } from '../model/ngo-profile.ts';
import { ngoSchema, type Ngo } from '../model/ngo.ts';
import { renderSearchRecord } from './lib/search-records.ts';
import { buildSearchSorts, readFragmentIds } from './lib/search-sorts.ts';

/**
 * Builds the Pagefind index straight from the content collection's JSONL, so it
 * can be built while `astro build` renders the pages (scripts/build.ts), plus
 * `search-sorts.json`, the name and income orders the search page loads only
 * when a visitor sorts (see scripts/lib/search-sorts.ts).
 */

// Records are sent in batches: enough to keep Pagefind's service busy without
// queueing 35,000 requests at once.
const BATCH = 500;

export async function buildSearchIndex(options: {
  contentDir?: string;
  /** Already read and checked (scripts/build.ts also counts pages from them); else read from contentDir. */
  records?: Ngo[];
  /** NGO-provided profiles by NGO id: their mission is indexed; else read from PROFILES_FILE or content/. */
  profiles?: ReadonlyMap<string, PublishedProfile>;
  outputPath: string;
  onProgress?: (indexed: number, total: number) => void;
}): Promise<{ pages: number }> {
  const records = options.records ?? (await readNgoRecords(options.contentDir));
  const profiles = options.profiles ?? (await readPublishedProfiles(process.env.PROFILES_FILE || undefined));
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (let i = 0; i < records.length; i += BATCH) {
    const added = await Promise.all(
      records.slice(i, i + BATCH).map((ngo) =>
        index.addHTMLFile({
          url: `/ngos/${ngo.slug}/`,
          content: renderSearchRecord(ngo, { mission: profiles.get(ngo.id)?.mission }),
        }),
      ),
    );
    const failed = added.find((r) => r.errors.length > 0);
    if (failed) throw new Error(`pagefind: ${failed.errors.join('; ')}`);
    options.onProgress?.(Math.min(i + BATCH, records.length), records.length);
  }
  await rm(options.outputPath, { recursive: true, force: true });
  const bundle = join(options.outputPath, 'pagefind');
  const written = await index.writeFiles({ outputPath: bundle });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  const sorts = buildSearchSorts(records, readFragmentIds(bundle));
  await mkdir(options.outputPath, { recursive: true });
  await writeFile(join(options.outputPath, 'search-sorts.json'), JSON.stringify(sorts));
  return { pages: records.length };
}

export async function readNgoRecords(contentDir?: string): Promise<Ngo[]> {
  return (await readNgoShards(contentDir)).map((raw) => ngoSchema.parse(raw));
}

if (import.meta.main) {
  const outputPath = process.argv[2] ?? '.cache/search';
  const started = performance.now();
  const { pages } = await buildSearchIndex({ contentDir: process.env.CONTENT_DIR, outputPath });
  console.log(`search index: ${pages} NGOs in ${((performance.now() - started) / 1000).toFixed(1)} s → ${outputPath}`);
}
