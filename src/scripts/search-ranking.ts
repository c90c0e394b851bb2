/**
 * Pagefind's ranking options for /search/, shared with the relevance benchmark and the
 * index tests (scripts/lib/pagefind-browser.ts) so they measure what visitors get.
 * Values chosen with `npm run bench:search` (README, Search).
 */
export const SEARCH_RANKING = {
  // Exact name matches should win over long texts mentioning the words.
  pageLength: 0.3,
  termFrequency: 0.6,
  termSimilarity: 10,
} as const;
