import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getReportedSize } from '../../src/lib/format.ts';
import type { Ngo } from '../../model/ngo.ts';

/**
 * Sort orders for search results, kept outside Pagefind: a Pagefind sort key
 * puts the whole page order into the metadata every search downloads (~80 KB
 * gzipped per sort at 35k NGOs). Instead the browser fetches this file only
 * when a visitor sorts, and orders Pagefind's results (whose ids are the
 * fragment hashes) by rank.
 *
 * Shape: { ids: hashes in name order, income: indexes into ids, largest first }.
 */
export type SearchSorts = { ids: string[]; income: number[] };

/**
 * url → fragment hash, read back from the fragments Pagefind wrote. Synchronous
 * reads: 35,000 small files, where an awaited read each costs seconds.
 */
export function readFragmentIds(bundleDir: string): Map<string, string> {
  const dir = join(bundleDir, 'fragment');
  const ids = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    // Fragments are gzip with a "pagefind_dcd" signature before the JSON.
    const text = gunzipSync(readFileSync(join(dir, file))).toString('utf8');
    const { url } = JSON.parse(text.slice(text.indexOf('{'))) as { url: string };
    ids.set(url, file.replace(/\.pf_fragment$/, ''));
  }
  return ids;
}

export function buildSearchSorts(records: Ngo[], idsByUrl: Map<string, string>): SearchSorts {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const byName = [...records].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const ids = byName.map((ngo) => {
    const id = idsByUrl.get(`/ngos/${ngo.slug}/`);
    if (!id) throw new Error(`search index has no fragment for ${ngo.id}`);
    return id;
  });
  const income = byName
    .map((ngo, i) => ({ i, size: getReportedSize(ngo) }))
    .sort((a, b) => b.size - a.size || a.i - b.i)
    .map((x) => x.i);
  return { ids, income };
}
