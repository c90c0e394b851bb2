import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAUSES } from '../../model/causes.ts';
import type { Ngo } from '../../model/ngo.ts';
import {
  ensureBuilt,
  fileFor,
  findTags,
  hrefs,
  jsonLd,
  linkHref,
  listPageScripts,
  metaContent,
  readPage,
  readRecords,
  reportedSize,
  textOf,
  texts,
} from './built-site.ts';

/**
 * The built site against the content it was built from (CONTENT_DIR, default
 * content/ngos): every expectation comes from the records themselves.
 */

let records: Ngo[] = [];
/** Records whose pages get every check: all of them for small content, a spread sample of 35,000. */
let sample: Ngo[] = [];
let origin = '';
// Listing pages are read several times; NGO pages once each (35,000 of them are not kept).
const pageCache = new Map<string, string>();
const page = (path: string) => {
  let html = pageCache.get(path);
  if (html === undefined) {
    html = readPage(path);
    if (!path.startsWith('/ngos/')) pageCache.set(path, html);
  }
  return html;
};
const ngoPath = (ngo: Ngo) => `/ngos/${ngo.slug}/`;
const head = (html: string) => html.slice(0, html.indexOf('</head>'));
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** Every k-th record, plus the first of each kind a page renders differently. */
function pickSample(all: Ngo[], size = 1500): Ngo[] {
  const step = Math.max(1, Math.floor(all.length / size));
  const picked = new Set(all.filter((_, i) => i % step === 0));
  const kinds: ((n: Ngo) => boolean)[] = [
    (n) => Boolean(n.website),
    (n) => !n.website,
    (n) => !n.financials,
    (n) => Boolean(n.countriesServed?.some((c) => c !== n.location.country)),
    (n) => !n.location.region,
    (n) => !n.location.city,
    (n) => n.id.startsWith('GB-NIC-'),
    (n) => n.id.startsWith('GB-CHC-'),
    (n) => n.id.startsWith('GB-SC-'),
    (n) => Boolean(n.sources),
    (n) => (n.financials?.length ?? 0) > 1,
    (n) => Boolean(n.classification && !n.classification.label),
    (n) => /[&<>"']/.test(n.name),
  ];
  for (const kind of kinds) {
    const found = all.find(kind);
    if (found) picked.add(found);
  }
  return [...picked];
}

/** Follow a listing's rel="next" links from its first page; returns every page path in order. */
function listingPages(first: string): string[] {
  const paths = [first];
  for (;;) {
    const html = page(paths.at(-1)!);
    const next = findTags(html, 'a').find((a) => a.rel === 'next')?.href;
    if (!next) return paths;
    expect(paths, `pagination loops back to ${next}`).not.toContain(next);
    paths.push(next);
  }
}

/** NGO page paths linked from a listing page's result list (not header/footer). */
function listedNgos(html: string): string[] {
  return hrefs(main(html)).filter((h) => h.startsWith('/ngos/'));
}

beforeAll(async () => {
  records = await readRecords();
  expect(records.length, `no NGO records in ${process.env.CONTENT_DIR ?? 'content/ngos'}`).toBeGreaterThan(0);
  ensureBuilt(records);
  sample = pickSample(records);
  origin = new URL(linkHref(page('/'), 'canonical')!).origin;
}, 900_000);

describe('NGO pages', () => {
  it('every one has a unique title, canonical URL and schema.org NGO JSON-LD from its record', () => {
    // 35,000 pages: collect problems in plain code and assert once (expect() per field is slow).
    const problems: string[] = [];
    const titles = new Map<string, string>();
    for (const ngo of records) {
      const top = head(page(ngoPath(ngo)));
      const url = `${origin}${ngoPath(ngo)}`;
      const fail = (what: string) => problems.push(`${ngo.id}: ${what}`);
      const found = texts(top, 'title');
      const title = found[0] ?? '';
      if (found.length !== 1 || !title.includes(ngo.name)) fail(`title ${JSON.stringify(found)}`);
      if (titles.has(title)) fail(`title "${title}" also used by ${titles.get(title)}`);
      titles.set(title, ngo.id);
      if (linkHref(top, 'canonical') !== url) fail(`canonical ${linkHref(top, 'canonical')}`);

      const blocks = jsonLd(top) as Record<string, any>[];
      const data = blocks[0] ?? {};
      if (blocks.length !== 1) fail(`${blocks.length} JSON-LD blocks`);
      const ids = ((data.identifier ?? []) as { value: string }[]).map((i) => String(i.value).replace(/-/g, ''));
      const address = data.address ?? {};
      const expected: [string, unknown, unknown][] = [
        ['@type', data['@type'], 'NGO'],
        ['name', data.name, ngo.name],
        ['description', data.description, ngo.summary],
        ['url', data.url, url],
        ['identifier has org-id', ids.includes(ngo.id.replace(/-/g, '')), true],
        ['identifier has registry number', ids.includes(ngo.registry!.number.replace(/-/g, '')), true],
        ['address @type', address['@type'], 'PostalAddress'],
        ['addressCountry', address.addressCountry, ngo.location.country],
        ['addressLocality', address.addressLocality, ngo.location.city],
        ['postalCode', address.postalCode, ngo.location.postcode],
        ['sameAs has registry', (data.sameAs ?? []).includes(ngo.registry!.url!), true],
        ['sameAs has website', ngo.website ? (data.sameAs ?? []).includes(ngo.website) : true, true],
      ];
      for (const [field, actual, want] of expected)
        if (actual !== want) fail(`JSON-LD ${field}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(want)}`);
    }
    expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
    expect(titles.size).toBe(records.length);
  }, 600_000);

  it('have Open Graph and Twitter tags pointing at the page and at its own share card', () => {
    const ogImages = new Set<string>();
    for (const ngo of sample) {
      const top = head(page(ngoPath(ngo)));
      const url = `${origin}${ngoPath(ngo)}`;
      expect(metaContent(top, 'og:url')).toBe(url);
      expect(metaContent(top, 'og:title')).toContain(ngo.name);
      expect(metaContent(top, 'twitter:card')).toBe('summary_large_image');
      const description = metaContent(top, 'description')!;
      expect(description.length).toBeGreaterThan(20);
      expect(
        ngo.summary.replace(/\s+/g, ' ').startsWith(description.replace(/…$/, '')),
        `${description} / ${ngo.summary}`,
      ).toBe(true);
      expect(metaContent(top, 'og:description')).toBe(description);
      // Each NGO's own card, drawn on demand by the API (its PNG is tested in test/ngo-card.test.ts).
      const image = metaContent(top, 'og:image')!;
      expect(image).toBe(`${origin}/api/ngos/${ngo.id}/card.png`);
      expect(metaContent(top, 'twitter:image')).toBe(image);
      ogImages.add(image);
    }
    expect(ogImages.size).toBe(sample.length);
  }, 300_000);

  it('show the facts a donor needs without JavaScript: causes, place, figures, regulator record, donate link', () => {
    const money = new Map<string, Intl.NumberFormat>();
    for (const ngo of sample) {
      const html = page(ngoPath(ngo));
      expect(texts(html, 'h1')).toEqual([ngo.name]);
      // Islands are first-party modules; no third-party script is ever loaded.
      for (const script of findTags(html, 'script')) {
        expect(['application/ld+json', 'module']).toContain(script.type);
        if (script.src) expect(script.src.startsWith('/') && !script.src.startsWith('//')).toBe(true);
      }
      const body = main(html);
      const links = hrefs(body);
      for (const cause of ngo.causes) expect(links).toContain(`/causes/${cause}/`);
      expect(links).toContain(`/places/${ngo.location.country.toLowerCase()}/`);
      if (ngo.location.region) expect(links).toContain(`/places/${ngo.location.region.toLowerCase()}/`);
      if (ngo.location.area) expect(links).toContain(`/places/${ngo.location.area.toLowerCase()}/`);
      for (const c of ngo.countriesServed ?? []) expect(links).toContain(`/places/${c.toLowerCase()}/`);
      expect(links).toContain(ngo.registry!.url!);
      const text = textOf(body);
      if (ngo.location.city) expect(text).toContain(ngo.location.city);
      if (ngo.website) {
        const donate = findTags(body, 'a').filter((a) => a.href === ngo.website);
        expect(donate.length).toBeGreaterThan(0);
        expect(texts(body, 'a')).toContain('Donate on their website');
      } else {
        expect(texts(body, 'a')).not.toContain('Donate on their website');
      }
      expect(text).toContain('Jumo never takes money');
      for (const f of ngo.financials ?? []) {
        const format =
          money.get(f.currency) ??
          new Intl.NumberFormat(f.currency === 'GBP' ? 'en-GB' : 'en-US', {
            style: 'currency',
            currency: f.currency,
            maximumFractionDigits: 0,
          });
        money.set(f.currency, format);
        for (const v of [f.income, f.spending, f.revenue, f.assets])
          if (v !== undefined) expect(text).toContain(format.format(v));
        expect(text).toContain(f.source);
      }
      if (ngo.classification) expect(text).toContain(ngo.classification.code);
      const shares = links.filter((h) =>
        /facebook\.com\/sharer|x\.com\/intent|linkedin\.com\/sharing|wa\.me|^mailto:/.test(h),
      );
      expect(shares).toHaveLength(5);
      for (const link of shares) expect(decodeURIComponent(link)).toContain(`${origin}${ngoPath(ngo)}`);
      if (ngo.id.startsWith('GB-NIC-')) {
        expect(textOf(html)).toContain(
          'Contains information from the Charity Commission for Northern Ireland licensed under the Open Government Licence v3.0',
        );
      }
      if (ngo.ownWords) {
        expect(text).toContain('In its own words (from its register entry)');
        expect(text).toContain(ngo.ownWords.text.replace(/\s+/g, ' '));
      }
      for (const tag of ngo.tags ?? []) expect(text).toContain(tag.label);
      if (ngo.tags || ngo.ownWords?.source.includes('UK-CAT')) {
        expect(text).toContain('UK Charity Activity Tags (UK-CAT), NCVO / Sheffield Hallam University / David Kane');
        expect(links).toContain('https://creativecommons.org/licenses/by/4.0/');
      }
      for (const source of ngo.sources ?? []) expect(text).toContain(source.name);
    }
  }, 300_000);

  it('stay within the 12 KB gzipped HTML budget', () => {
    // Gzip the largest pages (raw size ranks them well enough) rather than all 35,000.
    const bySize = records
      .map((n) => ({ path: ngoPath(n), raw: statSync(fileFor(ngoPath(n))).size }))
      .sort((a, b) => b.raw - a.raw);
    for (const { path } of bySize.slice(0, 300)) {
      const size = gzipSync(page(path)).length;
      expect(size, `${path} is ${size} bytes gzipped`).toBeLessThanOrEqual(12 * 1024);
    }
  }, 300_000);

  it('load at most 15 KB of gzipped JavaScript in all, the lazily loaded news and pledge form included', () => {
    // Every NGO page is built from the one template, so one page tells for all.
    const scripts = listPageScripts(page(ngoPath(sample[0]!)));
    const total = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    const listing = scripts.map((s) => `${s.file} ${s.gzipBytes}${s.lazy ? ' (lazy)' : ''}`).join(', ');
    // The news and the pledge form are in the count: their chunks must be found, or the sum is short.
    expect(scripts.filter((s) => s.lazy).length, listing).toBeGreaterThanOrEqual(2);
    expect(total, listing).toBeLessThanOrEqual(15 * 1024);
  });
});

describe('cause and place listings', () => {
  /** Every NGO page a listing links to, in order, across all its pages; checks it lists each NGO once. */
  function crawl(first: string, expected: Ngo[]): Ngo[] {
    const listed = listingPages(first).flatMap((p) => listedNgos(page(p)));
    expect(new Set(listed).size, `${first} lists an NGO twice`).toBe(listed.length);
    expect(listed.length, `${first} lists every NGO once`).toBe(expected.length);
    const byPath = new Map(expected.map((n) => [ngoPath(n), n]));
    return listed.map((path) => {
      const ngo = byPath.get(path);
      expect(ngo, `${first} lists ${path}, which does not belong there`).toBeDefined();
      return ngo!;
    });
  }

  function expectedPlaces(): Map<string, Ngo[]> {
    const byPlace = new Map<string, Set<Ngo>>();
    const add = (iso: string, ngo: Ngo) => byPlace.set(iso, (byPlace.get(iso) ?? new Set()).add(ngo));
    for (const ngo of records) {
      add(ngo.location.country, ngo);
      if (ngo.location.region) add(ngo.location.region, ngo);
      for (const c of ngo.countriesServed ?? []) add(c, ngo);
    }
    return new Map([...byPlace].map(([iso, set]) => [iso, [...set]]));
  }

  it("link each cause's news feed in the head (RSS alternate) and visibly on the cause's page", () => {
    for (const cause of CAUSES) {
      const html = page(`/causes/${cause.id}/`);
      const feed = `/api/causes/${cause.id}/feed.xml`;
      const alternate = findTags(head(html), 'link').find((l) => l.rel === 'alternate');
      expect(alternate).toMatchObject({ type: 'application/rss+xml', href: feed });
      expect(alternate!.title).toContain(cause.name);
      expect(hrefs(main(html))).toContain(feed);
    }
  });

  it('list every NGO under each of its causes, largest first, across pages', () => {
    for (const cause of CAUSES) {
      const listed = crawl(
        `/causes/${cause.id}/`,
        records.filter((n) => n.causes.includes(cause.id)),
      );
      const sizes = listed.map(reportedSize);
      for (let i = 1; i < sizes.length; i++)
        expect(sizes[i]!, `/causes/${cause.id}/ order at ${i}`).toBeLessThanOrEqual(sizes[i - 1]!);
    }
  }, 300_000);

  it('list every NGO under its country, its region and the countries it works in', () => {
    for (const [iso, expected] of expectedPlaces()) {
      const listed = crawl(`/places/${iso.toLowerCase()}/`, expected);
      // Based here first (largest first), then based elsewhere and working here.
      const basedHere = (n: Ngo) => n.location.country === iso || n.location.region === iso;
      const firstElsewhere = listed.findIndex((n) => !basedHere(n));
      if (firstElsewhere >= 0) expect(listed.slice(firstElsewhere).every((n) => !basedHere(n))).toBe(true);
      const here = listed.filter(basedHere).map(reportedSize);
      for (let i = 1; i < here.length; i++)
        expect(here[i]!, `/places/${iso.toLowerCase()}/ order at ${i}`).toBeLessThanOrEqual(here[i - 1]!);
    }
  }, 300_000);

  it('show counts on the index pages that match the data', () => {
    const causesIndex = page('/causes/');
    for (const cause of CAUSES) {
      const count = records.filter((n) => n.causes.includes(cause.id)).length;
      const tile = causesIndex.match(new RegExp(`href="/causes/${cause.id}/"[^>]*>([\\s\\S]*?)</a>`))?.[1] ?? '';
      expect(tile.replace(/<[^>]+>/g, ' '), cause.id).toContain(`${count.toLocaleString('en')} NGO`);
    }
    expect(page('/')).toContain(records.length.toLocaleString('en'));
    const placesIndex = page('/places/');
    for (const [iso, expected] of expectedPlaces()) {
      const tile =
        placesIndex.match(new RegExp(`href="/places/${iso.toLowerCase()}/"[^>]*>([\\s\\S]*?)</a>`))?.[1] ?? '';
      expect(tile.replace(/<[^>]+>/g, ' '), iso).toContain(`${expected.length.toLocaleString('en')} NGO`);
    }
  });

  it('link only to pages that exist (listings, pagination, NGO pages), with accessible pagination', () => {
    const firsts = [
      ...CAUSES.map((c) => `/causes/${c.id}/`),
      ...[...expectedPlaces().keys()].map((iso) => `/places/${iso.toLowerCase()}/`),
    ];
    const sources = ['/', '/causes/', '/places/', ...firsts.flatMap(listingPages)];
    const checked = new Set<string>();
    for (const source of sources) {
      const html = page(source);
      for (const href of hrefs(html)) {
        if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) continue;
        const path = href.split(/[?#]/)[0]!;
        if (checked.has(path)) continue;
        checked.add(path);
        expect(existsSync(fileFor(path)), `${source} links to ${href}, which was not built`).toBe(true);
      }
      const pager = html.match(/<nav class="pager"[^>]*>[\s\S]*?<\/nav>/)?.[0];
      if (pager) {
        expect(findTags(pager, 'nav')[0]!['aria-label']).toBeTruthy();
        expect(findTags(pager, 'a').filter((a) => a['aria-current'] === 'page')).toHaveLength(1);
        const next = findTags(pager, 'a').find((a) => a.rel === 'next');
        const prev = findTags(pager, 'a').find((a) => a.rel === 'prev');
        expect(linkHref(html, 'next')).toBe(next?.href);
        expect(linkHref(html, 'prev')).toBe(prev?.href);
      }
    }
    // Every NGO page is reachable from some listing.
    for (const ngo of records) expect(checked.has(ngoPath(ngo)), ngoPath(ngo)).toBe(true);
  }, 300_000);
});

describe('site pages', () => {
  it('about page explains the data, carries the OGL attribution and the data deletion section', () => {
    const html = page('/about/');
    expect(textOf(html)).toContain(
      'Contains information from the Charity Commission for Northern Ireland licensed under the Open Government Licence v3.0',
    );
    expect(html).toMatch(/id="data-deletion"/);
    expect(html).toContain('/api/auth/facebook/data-deletion');
    expect(html).toContain('public domain');
    expect(texts(html, 'h1')).toHaveLength(1);
  });

  it('every page has the search form, skip link and main landmark', () => {
    for (const path of ['/', '/about/', '/causes/', '/places/', '/signin-error/', '/404.html', ngoPath(records[0]!)]) {
      const html = page(path);
      const form = findTags(html, 'form').find((f) => f.role === 'search');
      expect(form?.action, path).toBe('/search/');
      const input = findTags(html, 'input').find((i) => i.name === 'q')!;
      expect(
        findTags(html, 'label').some((l) => l.for === input.id),
        `${path}: search input has a label`,
      ).toBe(true);
      expect(hrefs(html)).toContain('#main');
      expect(html).toContain('<main id="main"');
      expect(texts(html, 'h1')).toHaveLength(1);
    }
  });

  it('robots.txt allows crawling and names the absolute sitemap, which exists', () => {
    const robots = readFileSync(fileFor('/robots.txt'), 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Allow: \/$/m);
    const sitemap = robots.match(/^Sitemap: (\S+)$/m)?.[1];
    expect(sitemap).toBe(`${origin}/sitemap-index.xml`);
    expect(existsSync(fileFor('/sitemap-index.xml'))).toBe(true);
  });
});
