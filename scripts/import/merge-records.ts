import type { Ngo } from '../../model/ngo.ts';
import { dedupeCauses } from './cause-map.ts';
import { acceptRecord, type RowResult, type SourceFacts } from './row-result.ts';
import { buildUkSummary } from './summary.ts';
import { describeUkWhere } from './uk-postcodes.ts';

/**
 * One record per charity from several register rows (the NI register's 2020 export and UK-CAT,
 * or UK-CAT's two files): each field is taken from the newest source that has it, and the
 * record says which source gave which field (`sources`). Figures are a history: every period
 * of every source, newest first (a period two sources both report is listed for each).
 *
 * Two exceptions to "newest wins": the slug is the oldest source's, so a page already published
 * keeps its address when a newer file spells the name differently; and causes, tags, beneficiaries
 * and activities are the union, newest source's first.
 */

export interface Contribution {
  ngo: Ngo;
  facts: SourceFacts;
}

/** Scalar fields taken whole from the newest source that has them. */
const NEWEST_WINS = ['name', 'website', 'registry', 'ownWords', 'registeredYear', 'registeredOn'] as const;

function latestPeriod(ngo: Ngo): string {
  return ngo.financials?.[0]?.periodEnd ?? '';
}

/** Newest first: by extract date, then by the latest period reported (UK-CAT's two files share a date). */
function compareNewestFirst(a: Contribution, b: Contribution): number {
  if (a.facts.date !== b.facts.date) return a.facts.date > b.facts.date ? -1 : 1;
  const [pa, pb] = [latestPeriod(a.ngo), latestPeriod(b.ngo)];
  return pa === pb ? 0 : pa > pb ? -1 : 1;
}

function mergeFinancials(list: readonly Contribution[]): Ngo['financials'] {
  const seen = new Set<string>();
  const periods: NonNullable<Ngo['financials']> = [];
  for (const { ngo } of list) {
    for (const period of ngo.financials ?? []) {
      const key = `${period.periodEnd} ${period.source}`;
      if (!seen.has(key)) periods.push(period);
      seen.add(key);
    }
  }
  periods.sort((a, b) => (a.periodEnd === b.periodEnd ? 0 : a.periodEnd > b.periodEnd ? -1 : 1));
  return periods.length > 0 ? periods.slice(0, 12) : undefined;
}

function unionBy<T>(
  lists: readonly (readonly T[] | undefined)[],
  key: (item: T) => string,
  max: number,
): T[] | undefined {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const item of lists.flatMap((list) => list ?? [])) {
    if (!seen.has(key(item))) out.push(item);
    seen.add(key(item));
  }
  return out.length > 0 ? out.slice(0, max) : undefined;
}

/** Merge the rows of one charity into its record (a single row passes through unchanged). */
export function mergeContributions(contributions: readonly Contribution[]): RowResult {
  const list = [...contributions].sort(compareNewestFirst);
  const newest = list[0]!;
  if (list.length === 1)
    return { kind: 'ok', rank: rankOf(newest.ngo), ngo: newest.ngo, notes: [], facts: newest.facts };

  const fieldsBySource = new Map<string, Set<string>>();
  const credit = (source: Contribution, field: string) => {
    const fields = fieldsBySource.get(source.facts.source) ?? new Set<string>();
    fields.add(field);
    fieldsBySource.set(source.facts.source, fields);
  };
  const pick = <K extends keyof Ngo>(field: K, has: (ngo: Ngo) => boolean = (ngo) => ngo[field] !== undefined) => {
    const from = list.find((c) => has(c.ngo));
    if (from) credit(from, field);
    return from?.ngo[field];
  };

  const merged: Record<string, unknown> = { id: newest.ngo.id };
  for (const field of NEWEST_WINS) merged[field] = pick(field);
  // A place with a postcode beats one without; within that, the newest.
  const location = pick('location', (ngo) => ngo.location.postcode !== undefined) ?? pick('location')!;
  const district = (ngo: Ngo) => ngo.location.postcode?.split(' ')[0];
  // The NI register names towns for postcodes outside the few cities the postcode table knows.
  const town = location.city
    ? undefined
    : list.find((c) => c.ngo.location.city && district(c.ngo) === location.postcode?.split(' ')[0]);
  if (town) credit(town, 'location.city');
  merged.location = town ? { ...location, city: town.ngo.location.city } : location;
  merged.slug = list.at(-1)!.ngo.slug;
  const unions = {
    causes: dedupeCauses(list.flatMap((c) => c.ngo.causes)),
    tags: unionBy(
      list.map((c) => c.ngo.tags),
      (tag) => tag.code,
      60,
    ),
    beneficiaries: unionBy(
      list.map((c) => c.ngo.beneficiaries),
      (item) => item,
      40,
    ),
    activities: unionBy(
      list.map((c) => c.ngo.activities),
      (item) => item,
      40,
    ),
  };
  Object.assign(merged, unions);
  for (const field of Object.keys(unions) as (keyof typeof unions)[]) {
    for (const c of list) if (c.ngo[field] !== undefined) credit(c, field);
  }
  merged.financials = mergeFinancials(list);
  for (const c of list) if (c.ngo.financials) credit(c, 'financials');
  merged.updated = list
    .map((c) => c.facts.date)
    .sort()
    .at(-1);

  const name = merged.name as string;
  const place = merged.location as Ngo['location'];
  const latest = (merged.financials as Ngo['financials'])?.[0];
  const purposesFrom = list.find((c) => c.facts.purposes.length > 0) ?? newest;
  merged.summary = buildUkSummary({
    name,
    city: place.city,
    where: describeUkWhere(place),
    regulator: newest.facts.regulator,
    registeredYear: merged.registeredYear as number | undefined,
    purposes: purposesFrom.facts.purposes,
    periodEnd: latest?.periodEnd,
    income: latest?.income,
  });

  const sources = [...fieldsBySource.entries()].map(([source, fields]) => ({
    name: source,
    date: list.find((c) => c.facts.source === source)!.facts.date,
    fields: [...fields],
  }));
  if (sources.length > 1) merged.sources = sources;
  const ngoRecord = merged as Ngo;
  return acceptRecord(merged, rankOf(ngoRecord), [], newest.facts);
}

/** Every UK charity ranks in tier 0, larger latest income first. */
export function rankOf(ngo: Ngo) {
  const income = ngo.financials?.[0]?.income ?? -Infinity;
  return { tier: 0 as const, revenue: income, income, id: ngo.id };
}
