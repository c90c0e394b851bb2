import { getCause } from '../../model/causes.ts';
import { truncate } from '../../src/lib/format.ts';
import type { Ngo } from '../../model/ngo.ts';
import {
  describeLocation,
  getBasePlaces,
  getCountryName,
  getPlaceName,
  getServedElsewhere,
} from '../../model/places.ts';
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

/**
 * Words left out of the own words when indexed: in nearly every text, so nobody finds an NGO
 * by them, and the longest lists in the index (every NGO and position), which make the index
 * chunks a first query downloads larger. Shown text is unaffected (results show metadata).
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from has have in is it its of on or our that the their this to ' +
    'was we were which who will with within also any other such all can may these those through'
  ).split(' '),
);

/** A text without its stop words (case-insensitive), for the index only. */
export function dropStopWords(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => !STOP_WORDS.has(word.toLowerCase().replace(/[^a-z]/g, '')))
    .join(' ');
}

/**
 * Where the NGO is, as names, for place searches ("refugees london"): city, the region's area,
 * region ("Bristol, South West England, England"), or the country when there is no region
 * ("Nairobi, Kenya"): "United States" on 23,000 records would only make the index larger.
 */
export function describePlaces(ngo: Ngo): string {
  const { city, area, region, country } = ngo.location;
  const names = [city, area && getPlaceName(area), region ? getPlaceName(region) : getCountryName(country)];
  return [...new Set(names.filter(Boolean))].join(', ');
}

/** What the NGO is for, in words: its own (register entry, NGO-provided mission) and its classification's. */
export function describePurpose(ngo: Ngo, mission?: string): { ownWords: string; classification: string } {
  const own = [ngo.ownWords?.text, mission && toPlainText(mission)].filter(Boolean) as string[];
  return {
    ownWords: own.map((text) => truncate(dropStopWords(text.replace(/\s+/g, ' ').trim()), PURPOSE_LENGTH)).join(' '),
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
 * Indexed: the name (weight 10: it ranks first), the place names, the NGO's purpose in its
 * own words and in its classification's (NTEE title, UK-CAT tags, the NI register's
 * categories), the other spellings of compound words in those (scripts/lib/search-spellings.ts),
 * the cause names and the registry number. Not the summary: its sentences are the same
 * words on every record ("a US 501(c)(3) tax-exempt organization … classified as … exempt
 * since"), which made the index chunks a first query downloads up to 60 KB each, and
 * figures nobody searches for; what it says that is searchable (place, classification) is
 * indexed from the fields.
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
    ...paragraph(0.5, describePlaces(ngo)),
    ...paragraph(0.5, purpose.classification),
    ...paragraph(0.5, purpose.ownWords),
    ...paragraph(0.5, spellings),
    // The search box promises "name, cause or place".
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
