import { rm } from 'node:fs/promises';
import * as pagefind from 'pagefind';
import { readNgoShards } from '../src/lib/content-shards.ts';
import { ngoSchema } from '../src/lib/ngo-schema.ts';
import { renderSearchRecord } from './lib/search-records.ts';

/**
 * Builds the Pagefind index straight from the content collection's JSONL, so it
 * can run while `astro build` renders the pages (see scripts/build.ts).
 * Measured against indexing the built HTML: see README "Search".
 */
export async function buildSearchIndex(options: { contentDir?: string; outputPath: string }): Promise<{ pages: number }> {
  const records = await readNgoShards(options.contentDir);
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  // Feed the service in batches: one request per record keeps it busy without
  // queueing 35k promises at once.
  const BATCH = 500;
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH).map((raw) => ngoSchema.parse(raw));
    const results = await Promise.all(
      batch.map((ngo) => index.addHTMLFile({ url: `/ngos/${ngo.slug}/`, content: renderSearchRecord(ngo) })),
    );
    const failed = results.find((r) => r.errors.length > 0);
    if (failed) throw new Error(`pagefind: ${failed.errors.join('; ')}`);
  }
  await rm(options.outputPath, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: options.outputPath });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  return { pages: records.length };
}

if (import.meta.main) {
  const outputPath = process.argv[2] ?? 'dist/client/pagefind';
  const started = performance.now();
  const { pages } = await buildSearchIndex({ contentDir: process.env.CONTENT_DIR, outputPath });
  console.log(`search index: ${pages} NGOs in ${((performance.now() - started) / 1000).toFixed(1)} s → ${outputPath}`);
}
