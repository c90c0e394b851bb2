import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CAUSES } from '../../model/causes.ts';
import { LISTING_PAGE_SIZE } from '../../src/lib/listing.ts';
import { NGO_INDEX_SHARDS } from '../../src/lib/ngo-index.ts';
import { countOpenDataFiles } from '../../src/lib/open-data.ts';
import type { Ngo } from '../../model/ngo.ts';
import { getBasePlaces, getServedElsewhere } from '../../model/places.ts';

/**
 * The progress `npm run build` prints instead of Astro's line per page: pages rendered of the
 * total, search records indexed, elapsed time. On a terminal one line updates in place; in a
 * log (CI) a plain line every few seconds.
 */

export type BuildProgress = {
  pagesDone: number;
  /** Unknown until the content is read. */
  pagesTotal?: number;
  searchDone: number;
  searchTotal?: number;
  /** The index is written out (Pagefind takes a while after the last record). */
  searchWritten?: boolean;
  elapsedMs: number;
};

const count = new Intl.NumberFormat('en-US');

/** "[jumo] pages 12,000/37,647 (31%) · search 20,000/35,000 · 31 s" (then "search 35,000/35,000, writing", "search done") */
export function formatBuildProgress(progress: BuildProgress): string {
  const { pagesDone, searchDone } = progress;
  // The total is counted ahead from the content; should a route be missing from the count,
  // the line still never claims more than all of them.
  const pagesTotal = progress.pagesTotal === undefined ? undefined : Math.max(progress.pagesTotal, pagesDone);
  const pages =
    pagesTotal === undefined
      ? `pages ${count.format(pagesDone)}`
      : `pages ${count.format(pagesDone)}/${count.format(pagesTotal)} (${pagesTotal === 0 ? 100 : Math.floor((pagesDone / pagesTotal) * 100)}%)`;
  const { searchTotal } = progress;
  const search = progress.searchWritten
    ? 'search done'
    : searchTotal === undefined
      ? `search ${count.format(searchDone)}`
      : `search ${count.format(searchDone)}/${count.format(searchTotal)}${searchDone === searchTotal ? ', writing' : ''}`;
  return `[jumo] ${pages} · ${search} · ${Math.floor(progress.elapsedMs / 1000)} s`;
}

/**
 * How many files `astro build` renders, counted ahead from the directory: the routes without
 * parameters (`staticRoutes`), a page per NGO, the NGO index shards, and the cause and place
 * listings, paginated as their getStaticPaths do (src/pages/causes, src/pages/places).
 */
export function countSitePages(ngos: readonly Ngo[], staticRoutes: number): number {
  const perCause = new Map<string, number>(CAUSES.map((cause) => [cause.id, 0]));
  const perPlace = new Map<string, number>();
  for (const ngo of ngos) {
    for (const cause of ngo.causes) {
      const listed = perCause.get(cause);
      if (listed !== undefined) perCause.set(cause, listed + 1);
    }
    for (const iso of [...getBasePlaces(ngo), ...getServedElsewhere(ngo)])
      perPlace.set(iso, (perPlace.get(iso) ?? 0) + 1);
  }
  let listingPages = 0;
  // Astro's paginate() makes one page even of an empty list.
  for (const listed of [...perCause.values(), ...perPlace.values()])
    listingPages += Math.max(1, Math.ceil(listed / LISTING_PAGE_SIZE));
  return staticRoutes + ngos.length + NGO_INDEX_SHARDS + listingPages + countOpenDataFiles(ngos);
}

/**
 * Routes in `pagesDir` that render exactly one file: no `[param]` in their path and not
 * rendered on demand (`export const prerender = false`).
 */
export async function countStaticRoutes(pagesDir: string): Promise<number> {
  let routes = 0;
  for (const entry of await readdir(pagesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(astro|md|mdx|html|ts|js)$/.test(entry.name) || /\.test\.ts$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (relative(pagesDir, path).includes('[')) continue;
    if (/export\s+const\s+prerender\s*=\s*false/.test(await readFile(path, 'utf8'))) continue;
    routes += 1;
  }
  return routes;
}

const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
// Astro 7 logs "<time>   ├─ /path/index.html" without a newline when a page starts (several
// start before one ends: 32 render at once) and " (+12ms) " with a newline when it is written
// ("(cached)" or "(restored)" with its incremental cache). The path may be wrapped in colour codes.
const PAGE_STARTS = /^.*├─(?:\x1b\[[0-9;]*m)* \S+/;
const PAGE_WRITTEN = /^\((?:\+\d[^)]*|cached|restored)\)\s*(.*)$/;

/**
 * Filters `astro build`'s stdout: takes out the per-page lines and counts the pages written;
 * everything else (phases, warnings, a page's note such as "file not created") is passed on
 * whole. A line that is not recognised is passed on, so a change in Astro's format costs
 * noise, never a message.
 */
export function createAstroOutputFilter(): {
  /** Returns the text to show and how many more pages were written. */
  push(text: string): { show: string; pagesWritten: number };
  /** The unfinished last line, if any. */
  end(): string;
} {
  let pending = '';
  return {
    push(text) {
      pending += text;
      const lastNewline = pending.lastIndexOf('\n');
      if (lastNewline === -1) return { show: '', pagesWritten: 0 };
      const lines = pending.slice(0, lastNewline).split('\n');
      pending = pending.slice(lastNewline + 1);
      let show = '';
      let pagesWritten = 0;
      for (const line of lines) {
        const rest = line.replace(PAGE_STARTS, '');
        const startsRemoved = rest !== line;
        const written = PAGE_WRITTEN.exec(rest.replace(SGR, '').trim());
        if (written) {
          pagesWritten += 1;
          if (written[1]) show += `[build] a page: ${written[1]}\n`;
        } else if (!startsRemoved) {
          show += `${line}\n`;
        } else if (rest.replace(SGR, '').trim()) {
          show += `${rest.trimStart()}\n`;
        }
      }
      return { show, pagesWritten };
    },
    end() {
      const rest = pending;
      pending = '';
      return rest;
    },
  };
}

type Output = { write(text: string): unknown; isTTY?: boolean; columns?: number };

export type ProgressReporter = {
  setPagesDone(done: number): void;
  setPagesTotal(total: number): void;
  setSearch(done: number, total: number): void;
  setSearchWritten(): void;
  /** Output of a child process (Astro), shown whole with the progress line kept below it. */
  passThrough(destination: Output, text: string): void;
  /** One line of our own. */
  log(line: string): void;
  /** Draws (terminal) or prints (log) the progress now; the timer calls it. */
  draw(): void;
  stop(): void;
  readonly pagesDone: number;
};

const CLEAR_LINE = '\r\x1b[2K';

/**
 * `out` is where the progress goes (stdout). On a terminal the line is redrawn every
 * `ttyEveryMs` and cleared around any other output; otherwise a line is printed every
 * `plainEveryMs`, between the other output.
 */
export function createProgressReporter(options: {
  out: Output;
  now?: () => number;
  ttyEveryMs?: number;
  plainEveryMs?: number;
}): ProgressReporter {
  const { out, now = () => performance.now() } = options;
  const tty = Boolean(out.isTTY);
  const started = now();
  const state: Omit<BuildProgress, 'elapsedMs'> = { pagesDone: 0, searchDone: 0 };
  let shown = ''; // the progress line on screen (terminal only)
  // A child may write half a line; the progress line waits until that line is finished.
  let atLineStart = true;

  const clear = () => {
    if (shown) out.write(CLEAR_LINE);
    shown = '';
  };
  const draw = () => {
    const line = formatBuildProgress({ ...state, elapsedMs: now() - started });
    if (!tty) {
      if (atLineStart) out.write(`${line}\n`);
      return;
    }
    if (!atLineStart || line === shown) return;
    // A line that wrapped could not be cleared in place.
    out.write(`${CLEAR_LINE}${out.columns ? line.slice(0, out.columns - 1) : line}`);
    shown = line;
  };
  const timer = setInterval(draw, tty ? (options.ttyEveryMs ?? 250) : (options.plainEveryMs ?? 10_000));
  timer.unref();

  return {
    setPagesDone(done) {
      state.pagesDone = done;
    },
    setPagesTotal(total) {
      state.pagesTotal = total;
    },
    setSearch(done, total) {
      state.searchDone = done;
      state.searchTotal = total;
    },
    setSearchWritten() {
      state.searchWritten = true;
    },
    passThrough(destination, text) {
      if (text.length === 0) return;
      clear();
      destination.write(text);
      atLineStart = text.endsWith('\n');
      if (tty && atLineStart) draw();
    },
    log(line) {
      clear();
      // Our line starts on a line of its own even after a child's unfinished one.
      out.write(`${atLineStart ? '' : '\n'}${line}\n`);
      atLineStart = true;
      if (tty) draw();
    },
    draw,
    stop() {
      clearInterval(timer);
      clear();
    },
    get pagesDone() {
      return state.pagesDone;
    },
  };
}
