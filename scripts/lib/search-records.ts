import { getCause } from '../../src/lib/causes.ts';
import type { Ngo } from '../../src/lib/ngo-schema.ts';

/**
 * What Pagefind indexes for one NGO: a small HTML document built from the
 * content collection record (not the rendered page), so the index holds only
 * the NGO's own words — no header, footer or navigation — and the name
 * outweighs the summary. Pagefind stores this text in the result fragment,
 * so it is also what a result downloads: keep it short.
 */

const regionNames = new Intl.DisplayNames('en', { type: 'region' });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Belfast, GB-NIR" style place label for result metadata. */
export function describePlace(ngo: Ngo): string {
  const { city, region, country } = ngo.location;
  const parts = [city, region && region.startsWith('US-') ? region.slice(3) : undefined, regionNames.of(country)];
  return parts.filter(Boolean).join(', ');
}

/** Filter values: every cause, and the place at country and region level. */
export function describeFilters(ngo: Ngo): Record<string, string[]> {
  const place = [ngo.location.country, ...(ngo.location.region ? [ngo.location.region] : [])];
  return { cause: [...ngo.causes], place };
}

/** Largest reported figure, for the "income" sort (0 when none is published). */
export function pickIncome(ngo: Ngo): number {
  const f = ngo.financials;
  return f ? Math.max(f.income ?? 0, f.revenue ?? 0) : 0;
}

const SUMMARY_META_LENGTH = 160;

export function renderSearchRecord(ngo: Ngo): string {
  const causes = ngo.causes.map((id) => getCause(id)?.name ?? id).join(', ');
  const summary =
    ngo.summary.length > SUMMARY_META_LENGTH ? `${ngo.summary.slice(0, SUMMARY_META_LENGTH - 1).trimEnd()}…` : ngo.summary;
  const filters = Object.entries(describeFilters(ngo)).flatMap(([name, values]) =>
    values.map((v) => `<span data-pagefind-filter="${name}:${escapeHtml(v)}"></span>`),
  );
  return [
    '<html lang="en"><body><main data-pagefind-body>',
    `<h1 data-pagefind-weight="10">${escapeHtml(ngo.name)}</h1>`,
    `<p data-pagefind-weight="0.5">${escapeHtml(ngo.summary)}</p>`,
    `<p data-pagefind-weight="0.3">${escapeHtml(ngo.registry.number)}</p>`,
    `<span data-pagefind-meta="title:${escapeHtml(ngo.name)}"></span>`,
    `<span data-pagefind-meta="place:${escapeHtml(describePlace(ngo))}"></span>`,
    `<span data-pagefind-meta="causes:${escapeHtml(causes)}"></span>`,
    `<span data-pagefind-meta="summary:${escapeHtml(summary)}"></span>`,
    `<span data-pagefind-sort="name:${escapeHtml(ngo.name.toLowerCase())}"></span>`,
    `<span data-pagefind-sort="income:${pickIncome(ngo)}"></span>`,
    ...filters,
    '</main></body></html>',
  ].join('');
}
