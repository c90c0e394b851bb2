import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNgoShards } from '../../content/read-ngo-shards.ts';
import { ngoSchema, type Ngo } from '../../model/ngo.ts';
import { findTags, hrefs, textOf, texts } from './built-site.ts';

/**
 * UK charities' pages (England & Wales, Scotland, and a Northern Ireland charity merged from
 * the NI register and UK-CAT), the UK places pages and /about/, in a small build of the fixture
 * NGOs (test/fixtures/ngos) into its own directory. Expectations come from the fixture records.
 */
const OUT = '.cache/uk-site-test';
const CONTENT_DIR = 'test/fixtures/ngos';
const read = (path: string) => readFileSync(join(OUT, 'client', path, 'index.html'), 'utf8');
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
let records: Map<string, Ngo>;
const record = (id: string) => records.get(id)!;

beforeAll(async () => {
  records = new Map((await readNgoShards(CONTENT_DIR)).map((r) => [r.id as string, ngoSchema.parse(r)]));
  rmSync(OUT, { recursive: true, force: true });
  const astro = [process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--outDir', OUT];
  execFileSync('flock', ['/tmp/jumo-dist.lock', ...astro], {
    env: { ...process.env, CONTENT_DIR, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: 'pipe',
  });
}, 400_000);

/** The figures table's rows as [period, values and sources...] cell texts. */
function figureRows(html: string): string[][] {
  const table = /<table class="figures-table"[^>]*>([\s\S]*?)<\/table>/.exec(html)![1]!;
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!).trim()),
  );
}

describe('an England & Wales charity page', () => {
  it('names the regulator and number, links the public record, quotes its own words, lists years and tags', () => {
    const ngo = record('GB-CHC-1091222');
    const html = main(read(`ngos/${ngo.slug}`));
    const text = textOf(html);
    expect(text).toContain('Registered charity, England and Wales · Charity no. 1091222');
    expect(text).toContain('Charity Commission for England and Wales');
    expect(hrefs(html)).toContain(
      'https://register-of-charities.charitycommission.gov.uk/en/charity-search/-/charity-details/1091222',
    );
    expect(text).toContain('See the official record at the Charity Commission for England and Wales');
    expect(texts(html, 'h2')).toContain('In its own words (from its register entry)');
    expect(text).toContain(ngo.ownWords!.text);
    expect(text).toContain(`From ${ngo.ownWords!.source}.`);
    // The summary stays built from facts, apart from the charity's own words.
    expect(texts(html, 'p')).toContain(ngo.summary);
    // Years of figures, newest first, each with its source.
    expect(figureRows(html)).toEqual([
      ['March 2025', '£16,390,000', '£17,165,000', ngo.financials![0]!.source],
      ['March 2019', '£13,825,000', '£13,162,000', ngo.financials![1]!.source],
    ]);
    for (const tag of ngo.tags!) expect(text).toContain(tag.label);
    expect(text).toContain('Registered 20 March 2002');
    // Where: its region and nation, each with its listing page.
    expect(hrefs(html)).toEqual(expect.arrayContaining(['/places/gb-eng-sw/', '/places/gb-eng/', '/places/gb/']));
    expect(text).toContain('Based in Plymouth PL1 3DH, South West England, England, United Kingdom');
    // Attribution for UK-CAT (CC BY 4.0) and the Open Government Licence.
    expect(text).toContain(
      'UK Charity Activity Tags (UK-CAT), NCVO / Sheffield Hallam University / David Kane, licensed under CC BY 4.0. ' +
        'Contains public sector information licensed under the Open Government Licence v3.0.',
    );
    expect(hrefs(html)).toEqual(
      expect.arrayContaining([
        'https://creativecommons.org/licenses/by/4.0/',
        'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      ]),
    );
  });
});

describe('a Scottish charity page', () => {
  it('links its OSCR record and labels the number as OSCR writes it', () => {
    const ngo = record('GB-SC-SC039150');
    const html = main(read(`ngos/${ngo.slug}`));
    const text = textOf(html);
    expect(text).toContain('Registered charity, Scotland · Charity no. SC039150');
    expect(hrefs(html)).toContain(
      'https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number=SC039150',
    );
    expect(text).toContain('See the official record at the Scottish Charity Regulator (OSCR)');
    expect(hrefs(html)).toContain('/places/gb-sct-ea/');
    expect(figureRows(html).map((row) => row[0])).toEqual(['March 2025', 'March 2019']);
  });
});

describe('a Northern Ireland charity in both the NI register and UK-CAT', () => {
  it('has one page with both sources, what each gave, and one row for a year both report alike', () => {
    const ngo = record('GB-NIC-100045');
    const html = main(read(`ngos/${ngo.slug}`));
    const text = textOf(html);
    expect(texts(html, 'h3')).toContain('Sources');
    const sources = texts(html, 'li').filter((li) => ngo.sources!.some((s) => li.startsWith(s.name)));
    expect(sources).toEqual([
      'UK Charity Activity Tags (UK-CAT), data as of 2026-07-07: name, website, registration, own words, date registered, address, causes, UK-CAT tags, figures',
      'Charity Commission for Northern Ireland register, 2020-06-30 export: causes, who it helps, how it works, figures',
    ]);
    expect(figureRows(html)).toEqual([
      ['March 2019', '£575', '£1,207', ngo.financials!.map((f) => f.source).join('; ')],
    ]);
    expect(texts(html, 'h2')).toEqual(
      expect.arrayContaining(['Who it helps', 'In its own words (from its register entry)']),
    );
    expect(text).toContain('Contains information from the Charity Commission for Northern Ireland');
    expect(text).toContain('UK Charity Activity Tags (UK-CAT)');
  });

  it('keeps a one-source NI page as before: no sources list, no UK-CAT credit', () => {
    const html = main(read('ngos/cancer-lifeline-100002'));
    expect(texts(html, 'h3')).not.toContain('Sources');
    expect(textOf(html)).not.toContain('UK-CAT');
    expect(figureRows(html)).toHaveLength(1);
  });
});

describe('UK places', () => {
  it('names England, Scotland and their regions, with listing pages and breadcrumbs', () => {
    const index = read('places');
    expect(texts(index, 'h2')).toEqual(
      expect.arrayContaining(['UK nations', 'Regions of England', 'Regions of Scotland']),
    );
    const regionLinks = findTags(index, 'a').map((a) => a.href);
    expect(regionLinks).toEqual(
      expect.arrayContaining(['/places/gb-eng/', '/places/gb-eng-sw/', '/places/gb-sct-ea/']),
    );
    const region = read('places/gb-eng-sw');
    expect(texts(region, 'h1')[0]).toBe('NGOs in South West England');
    expect(textOf(region)).toContain('Places › United Kingdom › England');
    expect(hrefs(region)).toContain(`/ngos/${record('GB-CHC-1091222').slug}/`);
    expect(hrefs(read('places/gb-eng'))).toContain(`/ngos/${record('GB-CHC-1091222').slug}/`);
    expect(texts(read('places/gb-sct'), 'h1')[0]).toBe('NGOs in Scotland');
  });
});

describe('/about/', () => {
  it('counts NGOs per register and credits UK-CAT and the Open Government Licence', () => {
    const html = read('about');
    const text = textOf(html);
    expect(text).toContain('1 charities registered in England and Wales, 1 in Scotland');
    expect(text).toContain(
      'UK Charity Activity Tags (UK-CAT), NCVO / Sheffield Hallam University / David Kane, licensed under CC BY 4.0',
    );
    expect(hrefs(html)).toContain('https://creativecommons.org/licenses/by/4.0/');
  });
});
