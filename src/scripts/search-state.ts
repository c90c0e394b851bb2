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

/** Pagefind search options for a state: one filter per value (see scripts/lib/search-records.ts), and sort. */
export function toPagefindOptions(state: SearchState) {
  const filters: Record<string, string> = {};
  if (state.cause) filters[`cause-${state.cause}`] = 'yes';
  if (state.place) filters[`place-${state.place}`] = 'yes';
  const sort = state.sort === 'name' ? { name: 'asc' } : state.sort === 'income' ? { income: 'desc' } : undefined;
  return { filters, ...(sort ? { sort } : {}) };
}

/** The Pagefind bundle a state needs: sort keys live only in the second bundle. */
export function getBundlePath(state: SearchState): string {
  return state.sort === 'relevance' ? '/pagefind/' : '/pagefind-sorted/';
}

export function isEmptyState(state: SearchState): boolean {
  return !state.q && !state.cause && !state.place;
}
