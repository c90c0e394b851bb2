import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { readNgoShards } from '../src/lib/content-shards.ts';
import { ngoSchema } from '../src/lib/ngo-schema.ts';
import { renderSearchRecord } from './lib/search-records.ts';

/**
 * Builds the Pagefind indexes straight from the content collection's JSONL, so
 * they can be built while `astro build` renders the pages (scripts/build.ts).
 * Two bundles:
 * - `pagefind/`: what every search loads — no sort keys, one fragment per NGO;
 * - `pagefind-sorted/`: the same records with name and income sort keys, loaded
 *   only when a visitor sorts; its fragments are grouped to keep the file count
 *   under Cloudflare's limit.
 */
const BUNDLES = [
  { dir: 'pagefind', sortable: false, config: {} },
  { dir: 'pagefind-sorted', sortable: true, config: { maxFragments: 2000 } },
] as const;

// Records are sent in batches: enough to keep Pagefind's service busy without
// queueing 35,000 requests at once.
const BATCH = 500;

async function createIndex(config: object) {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', ...config });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  return index;
}

export async function buildSearchIndex(options: { contentDir?: string; outputPath: string }): Promise<{ pages: number }> {
  const records = (await readNgoShards(options.contentDir)).map((raw) => ngoSchema.parse(raw));
  const indexes = await Promise.all(BUNDLES.map((b) => createIndex(b.config)));
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const added = await Promise.all(
      BUNDLES.flatMap((bundle, b) =>
        batch.map((ngo) =>
          indexes[b]!.addHTMLFile({ url: `/ngos/${ngo.slug}/`, content: renderSearchRecord(ngo, bundle) }),
        ),
      ),
    );
    const failed = added.find((r) => r.errors.length > 0);
    if (failed) throw new Error(`pagefind: ${failed.errors.join('; ')}`);
  }
  await rm(options.outputPath, { recursive: true, force: true });
  for (const [b, bundle] of BUNDLES.entries()) {
    const written = await indexes[b]!.writeFiles({ outputPath: join(options.outputPath, bundle.dir) });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  }
  await pagefind.close();
  return { pages: records.length };
}

if (import.meta.main) {
  const outputPath = process.argv[2] ?? '.cache/search';
  const started = performance.now();
  const { pages } = await buildSearchIndex({ contentDir: process.env.CONTENT_DIR, outputPath });
  console.log(`search index: ${pages} NGOs in ${((performance.now() - started) / 1000).toFixed(1)} s → ${outputPath}`);
}
