/**
 * Pagefind's ranking options for /search/, shared with the relevance benchmark and the
 * index tests (scripts/lib/pagefind-browser.ts) so they measure what visitors get.
 * Values chosen with `npm run bench:search` (README, Search).
 */
export const SEARCH_RANKING = {
  // Exact name matches should win over long texts mentioning the words.
  pageLength: 0.3,
  termFrequency: 0.6,
  // A whole word well above a longer word it starts ("water" over "Waterbury"): at 10 a
  // prefix match four letters longer counts ~1/4,000 of the whole word, enough to outweigh
  // the name's weight of 10 (scripts/lib/search-records.ts).
  termSimilarity: 10,
  // Pagefind 1.6 also scores query words found in a result's metadata, prefixes included,
  // with no length penalty: "water" boosted every NGO in Waterbury through the place line.
  // Our metadata only repeats indexed text (name, place, causes, summary) for display, so
  // it adds nothing to the ranking; the indexed body (weighted) does it all.
  metaWeights: { title: 0, place: 0, causes: 0, summary: 0 },
} as const;
