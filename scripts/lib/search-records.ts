import { getCause } from '../../model/causes.ts';
import { firstSentence, truncate } from '../../src/lib/format.ts';
import type { Ngo } from '../../model/ngo.ts';
import { describeLocation, getBasePlaces, getServedElsewhere } from '../../model/places.ts';
import { escapeHtml } from '../../model/escape-html.ts';

/**
 * What Pagefind indexes for one NGO: a small HTML document built from the
 * content collection record (not the rendered page), so the index holds only
 * the NGO's own words — no header, footer or navigation — and the name
 * outweighs the summary. Pagefind stores this text in the result fragment,
 * so it is also what a result downloads: keep it short.
 */

/**
 * Filters, one Pagefind filter per value ("cause-health", "place-US-AK"): Pagefind
 * downloads a whole filter's index to apply it, so one filter per value keeps a
 * filtered first query to the few KB of that value instead of ~130 KB per filter.
 * Places are as on the place pages: country, region, countries served.
 */
export function describeFilters(ngo: Ngo): string[] {
  return [
    ...ngo.causes.map((id) => `cause-${id}`),
    ...[...getBasePlaces(ngo), ...getServedElsewhere(ngo)].map((iso) => `place-${iso}`),
  ];
}

const SUMMARY_META_LENGTH = 160;

/**
 * Indexed: the name, the summary's first sentence (what and where: the second
 * is mostly figures, which nobody searches for and which made the index build
 * ~10 s slower), the cause names and the registry number.
 * No Pagefind sort keys here: see scripts/lib/search-sorts.ts.
 */
export function renderSearchRecord(ngo: Ngo): string {
  const causes = ngo.causes.map((id) => getCause(id)?.name ?? id).join(', ');
  const summary = truncate(ngo.summary, SUMMARY_META_LENGTH);
  const filters = describeFilters(ngo).map((name) => `<span data-pagefind-filter="${escapeHtml(name)}:yes"></span>`);
  return [
    '<html lang="en"><body><main data-pagefind-body>',
    `<h1 data-pagefind-weight="10">${escapeHtml(ngo.name)}</h1>`,
    `<p data-pagefind-weight="0.5">${escapeHtml(firstSentence(ngo.summary, 400))}</p>`,
    `<p data-pagefind-weight="0.5">${escapeHtml(causes)}</p>`,
    ...(ngo.registry ? [`<p data-pagefind-weight="0.3">${escapeHtml(ngo.registry.number)}</p>`] : []),
    `<span data-pagefind-meta="title:${escapeHtml(ngo.name)}"></span>`,
    `<span data-pagefind-meta="place:${escapeHtml(describeLocation(ngo))}"></span>`,
    `<span data-pagefind-meta="causes:${escapeHtml(causes)}"></span>`,
    `<span data-pagefind-meta="summary:${escapeHtml(summary)}"></span>`,
    ...filters,
    '</main></body></html>',
  ].join('');
}
