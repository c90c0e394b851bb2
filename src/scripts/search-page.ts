import {
  isEmptyState,
  rankResults,
  readSearchState,
  sortResults,
  toPagefindOptions,
  writeSearchState,
  type SearchSorts,
  type SearchState,
} from './search-state.ts';
import { SEARCH_RANKING } from './search-ranking.ts';

/**
 * Client for /search/: runs Pagefind in the browser, keeps the state in the
 * URL, announces the result count and loads more on demand.
 */

type PagefindResult = { id: string; data: () => Promise<{ url: string; meta: Record<string, string> }> };
type PagefindSearch = { results: PagefindResult[] } | null;
type Pagefind = {
  init: () => Promise<void>;
  preload: (q: string, o: object) => Promise<void>;
  options: (o: object) => Promise<void>;
  search: (q: string | null, o: object) => Promise<PagefindSearch>;
};

const PAGE_SIZE = 10;
const form = document.querySelector<HTMLFormElement>('#search-form')!;
const input = form.querySelector<HTMLInputElement>('[name=q]')!;
const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
const status = document.querySelector<HTMLElement>('#search-status')!;
const list = document.querySelector<HTMLOListElement>('#search-results')!;
const more = document.querySelector<HTMLButtonElement>('#search-more')!;
const help = document.querySelector<HTMLElement>('#search-help')!;
const labels: Record<string, Record<string, string>> = JSON.parse(
  document.querySelector('#search-labels')?.textContent ?? '{}',
);

let pagefind: Promise<Pagefind> | undefined;
const ranks = new Map<string, Promise<Map<string, number>>>();
let current: PagefindResult[] = [];
let shown = 0;
let generation = 0;

function loadPagefind(): Promise<Pagefind> {
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
    await pf.options({ ranking: SEARCH_RANKING });
    // Load the index metadata and wasm now, not on the first search.
    await pf.init();
    return pf;
  });
  return pagefind;
}

/** Sort orders are fetched only when a visitor first sorts (scripts/lib/search-sorts.ts). */
function loadRanks(sort: 'name' | 'income'): Promise<Map<string, number>> {
  let loaded = ranks.get(sort);
  if (!loaded) {
    loaded = fetch('/search-sorts.json')
      .then((r) => (r.ok ? (r.json() as Promise<SearchSorts>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((sorts) => rankResults(sorts, sort));
    loaded.catch(() => ranks.delete(sort));
    ranks.set(sort, loaded);
  }
  return loaded;
}

function readForm(): SearchState {
  return readSearchState(new URLSearchParams(new FormData(form) as unknown as Record<string, string>));
}

function fillForm(state: SearchState): void {
  input.value = state.q;
  for (const select of selects) select.value = state[select.name as keyof SearchState] ?? '';
}

function renderResult(data: { url: string; meta: Record<string, string> }): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-result';
  const link = Object.assign(document.createElement('a'), { href: data.url, textContent: data.meta.title ?? data.url });
  const heading = document.createElement('h2');
  heading.append(link);
  const place = Object.assign(document.createElement('p'), {
    className: 'result-meta',
    textContent: [data.meta.place, data.meta.causes].filter(Boolean).join(' · '),
  });
  const summary = Object.assign(document.createElement('p'), { textContent: data.meta.summary ?? '' });
  li.append(heading, place, summary);
  return li;
}

async function showMore(run: number): Promise<void> {
  const slice = current.slice(shown, shown + PAGE_SIZE);
  const items = await Promise.all(slice.map((r) => r.data()));
  if (run !== generation) return;
  const firstNew = list.children.length;
  list.append(...items.map(renderResult));
  shown += slice.length;
  more.hidden = shown >= current.length;
  if (firstNew > 0) list.children[firstNew]?.querySelector('a')?.focus();
}

function describeFilters(state: SearchState): string {
  const parts = [state.cause && labels.cause?.[state.cause], state.place && labels.place?.[state.place]].filter(
    Boolean,
  );
  return parts.length ? ` in ${parts.join(', ')}` : '';
}

async function runSearch(state: SearchState): Promise<void> {
  const run = ++generation;
  // One letter matches too much to be useful and costs a large index chunk.
  if (isEmptyState(state) || (state.q.length < 2 && !state.cause && !state.place)) {
    list.replaceChildren();
    more.hidden = true;
    help.hidden = false;
    status.textContent = state.q ? 'Keep typing…' : '';
    current = [];
    return;
  }
  let search: PagefindSearch;
  let order: Map<string, number> | undefined;
  try {
    const pf = await loadPagefind();
    [search, order] = await Promise.all([
      pf.search(state.q || null, toPagefindOptions(state)),
      state.sort === 'relevance' ? undefined : loadRanks(state.sort),
    ]);
  } catch {
    if (run !== generation) return;
    pagefind = undefined;
    status.textContent = 'Search could not load. Check your connection and try again, or browse by cause or place.';
    help.hidden = false;
    return;
  }
  if (run !== generation || !search) return;
  // Earlier results stay on screen until these replace them: no flicker while typing.
  list.replaceChildren();
  more.hidden = true;
  current = order ? sortResults(search.results, order) : search.results;
  shown = 0;
  const n = current.length;
  const about = state.q ? ` for “${state.q}”` : '';
  status.textContent = n
    ? `${n.toLocaleString('en')} NGO${n === 1 ? '' : 's'} found${about}${describeFilters(state)}.`
    : `No NGOs found${about}${describeFilters(state)}. ${state.cause || state.place ? 'Try removing a filter, or ' : 'Try another spelling, or '}browse by cause or place.`;
  help.hidden = n > 0;
  await showMore(run);
}

function commit(push: boolean): void {
  const state = readForm();
  const url = `${location.pathname}${writeSearchState(state)}`;
  if (url !== `${location.pathname}${location.search}`) history[push ? 'pushState' : 'replaceState'](null, '', url);
  void runSearch(state);
}

let typingTimer: ReturnType<typeof setTimeout> | undefined;
input.addEventListener('input', () => {
  clearTimeout(typingTimer);
  // Fetch the index chunks for the words so far while the visitor is still typing.
  const state = readForm();
  if (state.q.length >= 2) {
    loadPagefind()
      .then((pf) => pf.preload(state.q, toPagefindOptions(state)))
      .catch(() => undefined); // the search itself reports failures
  }
  // Replace while typing so Back does not step through every keystroke.
  typingTimer = setTimeout(() => commit(false), 150);
});
input.addEventListener('focus', () => void loadPagefind(), { once: true });
for (const select of selects) select.addEventListener('change', () => commit(true));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  commit(true);
});
more.addEventListener('click', () => void showMore(generation));
window.addEventListener('popstate', () => {
  const state = readSearchState(new URLSearchParams(location.search));
  fillForm(state);
  void runSearch(state);
});

const initial = readSearchState(new URLSearchParams(location.search));
fillForm(initial);
void runSearch(initial);
