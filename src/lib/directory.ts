import { getCollection } from 'astro:content';
import { CAUSES, type CauseId } from '../../model/causes.ts';
import type { Ngo } from '../../model/ngo.ts';
import { getReportedSize, labelRegistryNumber } from './format.ts';
import { describeLocation, getBasePlaces, getServedElsewhere } from '../../model/places.ts';

/**
 * The whole directory, loaded and grouped ONCE per build and shared by every
 * route module (35,000 NGO pages + ~2,000 listing pages): each getStaticPaths
 * reads from here instead of re-reading or re-sorting the collection.
 */

export { LISTING_PAGE_SIZE } from './listing.ts';

export type PlaceGroup = {
  /** ISO code, upper case: "US", "US-AK", "GB-NIR". */
  iso: string;
  /** Everything listed on the place's pages: based there first by size, then working there. */
  ngos: Ngo[];
  /** How many of `ngos` are based there (the rest are based elsewhere and work there). */
  based: number;
};

export type Directory = {
  /** Every NGO, largest reported income/revenue first, then by name. */
  ngos: Ngo[];
  byCause: Map<CauseId, Ngo[]>;
  /** Keyed by ISO code, upper case. */
  byPlace: Map<string, PlaceGroup>;
  /** Unique page title per NGO id (name and place, plus the registry number when those collide). */
  titles: Map<string, string>;
};

let loading: Promise<Directory> | undefined;

export function loadDirectory(): Promise<Directory> {
  loading ??= getCollection('ngos').then((entries) => buildDirectory(entries.map((e) => e.data)));
  return loading;
}

export function buildDirectory(records: Ngo[]): Directory {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const sizes = new Map(records.map((n) => [n.id, getReportedSize(n)]));
  const ngos = [...records].sort(
    (a, b) => sizes.get(b.id)! - sizes.get(a.id)! || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1),
  );

  const byCause = new Map<CauseId, Ngo[]>(CAUSES.map((c) => [c.id, []]));
  const based = new Map<string, Ngo[]>();
  const servedOnly = new Map<string, Ngo[]>();
  const push = (map: Map<string, Ngo[]>, key: string, ngo: Ngo) => {
    const list = map.get(key);
    if (list) list.push(ngo);
    else map.set(key, [ngo]);
  };
  for (const ngo of ngos) {
    for (const cause of ngo.causes) byCause.get(cause)?.push(ngo);
    for (const iso of getBasePlaces(ngo)) push(based, iso, ngo);
    for (const iso of getServedElsewhere(ngo)) push(servedOnly, iso, ngo);
  }
  const byPlace = new Map<string, PlaceGroup>();
  for (const iso of new Set([...based.keys(), ...servedOnly.keys()])) {
    const here = based.get(iso) ?? [];
    byPlace.set(iso, { iso, ngos: [...here, ...(servedOnly.get(iso) ?? [])], based: here.length });
  }

  const titles = new Map<string, string>();
  const seen = new Map<string, number>();
  const bases = ngos.map((ngo) => `${ngo.name}, ${describeLocation(ngo)}`);
  for (const base of bases) seen.set(base.toLowerCase(), (seen.get(base.toLowerCase()) ?? 0) + 1);
  ngos.forEach((ngo, i) => {
    const base = bases[i]!;
    titles.set(ngo.id, seen.get(base.toLowerCase())! > 1 ? `${base} (${labelRegistryNumber(ngo)})` : base);
  });

  return { ngos, byCause, byPlace, titles };
}
