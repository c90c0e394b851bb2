import { getCause } from '../../model/causes.ts';
import { firstSentence, truncate } from '../../src/lib/format.ts';
import type { Ngo } from '../../model/ngo.ts';
import { describeLocation, getBasePlaces, getServedElsewhere } from '../../model/places.ts';
import { escapeHtml } from '../../model/escape-html.ts';
import { addAlternativeSpellings } from './search-spellings.ts';

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
 * Own words and mission are cut here: Pagefind keeps every indexed word in the result's
 * fragment, which a visitor downloads for each result shown, and the first few hundred
 * characters say what an NGO is for.
 */
const PURPOSE_LENGTH = 600;

/** What the NGO is for, in words: its own (register entry, NGO-provided mission) and its classification's. */
export function describePurpose(ngo: Ngo, mission?: string): { ownWords: string; classification: string } {
  const own = [ngo.ownWords?.text, mission && toPlainText(mission)].filter(Boolean) as string[];
  return {
    ownWords: own.map((text) => truncate(text.replace(/\s+/g, ' ').trim(), PURPOSE_LENGTH)).join(' '),
    classification: [
      ngo.classification?.label,
      ...(ngo.tags ?? []).map((t) => t.label),
      ...(ngo.activities ?? []),
      ...(ngo.beneficiaries ?? []),
    ]
      .filter(Boolean)
      .join(', '),
  };
}

/** Markdown (an NGO-provided mission) as words: link targets and markup dropped. */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[*_#>`~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Indexed: the name (weight 10: it ranks first), the summary's first sentence (what and
 * where: the place names; the second sentence is mostly figures, which nobody searches
 * for and which made the index build ~10 s slower), the NGO's purpose in its own words
 * and in its classification's (NTEE title, UK-CAT tags, the NI register's categories),
 * the other spellings of compound words in those (scripts/lib/search-spellings.ts), the
 * cause names and the registry number.
 * No Pagefind sort keys here: see scripts/lib/search-sorts.ts.
 */
export function renderSearchRecord(ngo: Ngo, options: { mission?: string } = {}): string {
  const causes = ngo.causes.map((id) => getCause(id)?.name ?? id).join(', ');
  const summary = truncate(ngo.summary, SUMMARY_META_LENGTH);
  const purpose = describePurpose(ngo, options.mission);
  const spellings = addAlternativeSpellings(`${ngo.name} ${purpose.ownWords} ${purpose.classification}`);
  const filters = describeFilters(ngo).map((name) => `<span data-pagefind-filter="${escapeHtml(name)}:yes"></span>`);
  const paragraph = (weight: number, text: string) =>
    text ? [`<p data-pagefind-weight="${weight}">${escapeHtml(text)}</p>`] : [];
  return [
    '<html lang="en"><body><main data-pagefind-body>',
    `<h1 data-pagefind-weight="10">${escapeHtml(ngo.name)}</h1>`,
    ...paragraph(0.5, firstSentence(ngo.summary, 400)),
    ...paragraph(0.5, purpose.classification),
    ...paragraph(0.5, purpose.ownWords),
    ...paragraph(0.5, spellings),
    ...paragraph(0.5, causes),
    ...(ngo.registry ? paragraph(0.3, ngo.registry.number) : []),
    `<span data-pagefind-meta="title:${escapeHtml(ngo.name)}"></span>`,
    `<span data-pagefind-meta="place:${escapeHtml(describeLocation(ngo))}"></span>`,
    `<span data-pagefind-meta="causes:${escapeHtml(causes)}"></span>`,
    `<span data-pagefind-meta="summary:${escapeHtml(summary)}"></span>`,
    ...filters,
    '</main></body></html>',
  ].join('');
}
