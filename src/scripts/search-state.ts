/**
 * The search page's state lives in the URL (/search/?q=water&cause=health&place=US-AK&sort=income),
 * so results are shareable and the back button works. Pure functions, unit-tested.
 */
export type SortKey = 'relevance' | 'name' | 'income';
export type SearchState = { q: string; cause: string; place: string; sort: SortKey };

const SORTS: readonly SortKey[] = ['relevance', 'name', 'income'];
const CODE = /^[a-z0-9-]{1,40}$/i;

export function readSearchState(params: URLSearchParams): SearchState {
  const sort = params.get('sort') ?? 'relevance';
  const cause = params.get('cause') ?? '';
  const place = (params.get('place') ?? '').toUpperCase();
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    // Anything that is not a plausible code is dropped rather than sent to the index.
    cause: CODE.test(cause) ? cause : '',
    place: CODE.test(place) ? place : '',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as SortKey) : 'relevance',
  };
}

export function writeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.cause) params.set('cause', state.cause);
  if (state.place) params.set('place', state.place);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Pagefind filters for a state: one filter per value (see scripts/lib/search-records.ts). */
export function toPagefindOptions(state: SearchState) {
  const filters: Record<string, string> = {};
  if (state.cause) filters[`cause-${state.cause}`] = 'yes';
  if (state.place) filters[`place-${state.place}`] = 'yes';
  return { filters };
}

/** The orders in /search-sorts.json (scripts/lib/search-sorts.ts). */
export type SearchSorts = { ids: string[]; income: number[] };

/** Rank of each Pagefind result id under a sort: position in name or income order. */
export function rankResults(sorts: SearchSorts, sort: Exclude<SortKey, 'relevance'>): Map<string, number> {
  const order = sort === 'name' ? sorts.ids : sorts.income.map((i) => sorts.ids[i]!);
  return new Map(order.map((id, rank) => [id, rank]));
}

/** Results in rank order; ids missing from the ranks (none expected) go last, in their own order. */
export function sortResults<T extends { id: string }>(results: T[], ranks: Map<string, number>): T[] {
  const last = Number.MAX_SAFE_INTEGER;
  return [...results].sort((a, b) => (ranks.get(a.id) ?? last) - (ranks.get(b.id) ?? last));
}

export function isEmptyState(state: SearchState): boolean {
  return !state.q && !state.cause && !state.place;
}
