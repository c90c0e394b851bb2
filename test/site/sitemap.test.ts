import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import { readNgoLastmods } from '../../src/lib/sitemap-lastmod.ts';
import { decodeEntities, ensureBuilt, fileFor, readRecords } from './built-site.ts';

/**
 * The sitemap against the Sitemap protocol's own schemas (test/site/schemas/, from
 * sitemaps.org), validated by libxml2's xmllint (`apt-get install libxml2-utils`; .ci/run
 * installs it), and its lastmod dates against the content the site was built from.
 */

const SCHEMAS = 'test/site/schemas';

/** xmllint's verdict on `files` against `schema`: its report, one line per file or problem. */
async function validateXml(schema: string, files: string[]): Promise<{ ok: boolean; report: string }> {
  const args = ['--noout', '--schema', schema, ...files];
  try {
    const { stderr } = await promisify(execFile)('xmllint', args, { maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, report: stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error('xmllint not found: apt-get install libxml2-utils', { cause: error });
    return { ok: false, report: failed.stderr ?? String(error) };
  }
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decodeEntities(m[1]!));

let records: Ngo[] = [];
let sitemaps: string[] = [];
/** lastmod by URL, over every sitemap file. */
const lastmods = new Map<string, string | undefined>();

beforeAll(async () => {
  records = await readRecords();
  ensureBuilt(records);
  sitemaps = locs(readFileSync(fileFor('/sitemap-index.xml'), 'utf8')).map((u) => fileFor(new URL(u).pathname));
  for (const file of sitemaps) {
    for (const m of readFileSync(file, 'utf8').matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?/g)) {
      lastmods.set(decodeEntities(m[1]!), m[2]);
    }
  }
}, 120_000);

describe('the sitemap', () => {
  it('validates against the sitemaps.org schemas (index and every sitemap file)', async () => {
    const index = await validateXml(`${SCHEMAS}/siteindex.xsd`, [fileFor('/sitemap-index.xml')]);
    expect(index.report).toMatch(/validates/);
    expect(index.ok).toBe(true);
    const files = await validateXml(`${SCHEMAS}/sitemap.xsd`, sitemaps);
    expect(files.report.trim().split('\n')).toEqual(sitemaps.map((f) => `${f} validates`));
    expect(files.ok).toBe(true);
  }, 120_000);

  it('lists every NGO page with the day its data last changed', async () => {
    const expected = await readNgoLastmods();
    const origin = new URL([...lastmods.keys()][0]!).origin;
    const wrong: string[] = [];
    for (const ngo of records) {
      const url = `${origin}/ngos/${ngo.slug}/`;
      if (!lastmods.has(url)) wrong.push(`${url}: missing`);
      const day = expected.get(ngo.slug);
      const listed = lastmods.get(url)?.slice(0, 10);
      if (listed !== day) wrong.push(`${url}: lastmod ${listed} instead of ${day}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});
