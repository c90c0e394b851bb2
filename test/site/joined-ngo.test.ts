import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveProposal, createProposal, type NewProposal } from '../../db/proposals.ts';
import { users } from '../../db/schema.ts';
import { toJoinedSlug } from '../../model/joined-ngo.ts';
import { runExporters } from '../../scripts/export/exporter.ts';
import { joinedNgosExporter } from '../../scripts/export/joined-ngos.ts';
import { buildSearchIndex } from '../../scripts/search-index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/harness.ts';
import { decodeEntities } from './built-site.ts';

/**
 * The publishing round trip of NGOs that joined: approved in the database, written by the export
 * into content/ngos/joined.jsonl beside the register shards, then a small build (the fixture
 * NGOs plus these) and its search index, into their own directory (dist/ is left alone). Both
 * come from countries the fixture directory never had.
 */
const ROOT = '.cache/joined-site-test';
const CONTENT = join(ROOT, 'content');
const OUT = join(ROOT, 'out');
const SEARCH = join(ROOT, 'search');
const AT = new Date('2027-05-04T10:00:00Z');

const french: NewProposal = {
  name: 'Les Amis du Canal',
  country: 'FR',
  city: 'Lyon',
  register: 'FR-RCS',
  registrationNumber: '512788308',
  website: 'https://amisducanal.example.fr/',
  mission: 'We clean the canal banks of Lyon every month with volunteers and schools.',
  causes: ['environment', 'education'],
  role: 'Secretary',
  workEmail: 'marie@amisducanal.example.fr',
};
const unregistered: NewProposal = {
  name: 'Kinshasa Reading Rooms',
  country: 'CD',
  city: null,
  register: null,
  registrationNumber: null,
  website: null,
  mission: 'Free reading rooms with books and homework help for children.',
  causes: ['education'],
  role: 'Founder',
  workEmail: 'founder@example.org',
};
const FR_ID = 'FR-RCS-512788308';
const CD_ID = 'XX-JUMO-KINSHASA23';
const FR_SLUG = toJoinedSlug(french.name, FR_ID);
const CD_SLUG = toJoinedSlug(unregistered.name, CD_ID);

let database: TestDatabase;
let indexedPages = 0;
const page = (path: string) => readFileSync(join(OUT, 'client', path, 'index.html'), 'utf8');
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

async function approve(input: NewProposal, ngoId: string) {
  const created = await createProposal(database.db, 'u1', input, AT);
  if (created.status !== 'created') throw new Error(created.status);
  await approveProposal(database.db, created.proposal.id, ngoId, 'u1', AT);
}

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(join(CONTENT, 'ngos'), { recursive: true });
  copyFileSync('test/fixtures/ngos/sample.jsonl', join(CONTENT, 'ngos/sample.jsonl'));
  database = await createTestDatabase();
  await database.db
    .insert(users)
    .values({ id: 'u1', provider: 'demo', providerUserId: 'u1', name: 'Asha', createdAt: AT, updatedAt: AT });
  await approve(french, FR_ID);
  await approve(unregistered, CD_ID);
  await runExporters(database.db, CONTENT, [joinedNgosExporter]);

  // Under the build lock: Astro also writes .astro/ and Vite's cache in the shared tree.
  const astro = [process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--outDir', OUT];
  execFileSync('flock', ['/tmp/jumo-dist.lock', ...astro], {
    env: { ...process.env, CONTENT_DIR: join(CONTENT, 'ngos'), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: 'pipe',
  });
  indexedPages = (await buildSearchIndex({ contentDir: join(CONTENT, 'ngos'), outputPath: SEARCH })).pages;
}, 400_000);

afterAll(() => database?.cleanup());

describe('NGOs that joined, after export and build', () => {
  it('get a page like any NGO: the facts given, their mission as they told it, the register when on one, the website', () => {
    const html = page(`ngos/${FR_SLUG}`);
    const body = text(html);
    expect(body).toContain('Les Amis du Canal');
    expect(body).toContain('based in Lyon, France, registered with the Trade and Companies Register (512788308)');
    expect(html).toContain('href="https://amisducanal.example.fr/"');
    expect(body).toContain('In its own words (as it told Jumo)');
    expect(body).toContain('We clean the canal banks of Lyon every month with volunteers and schools.');
    expect(body).not.toContain('from its register entry');
    const unregisteredBody = text(page(`ngos/${CD_SLUG}`));
    expect(unregisteredBody).toContain('on no public register we list');
    expect(unregisteredBody).toContain('Democratic Republic of the Congo');
  });

  it('put countries the directory never had on the places pages', () => {
    const places = text(page('places'));
    expect(places).toContain('France');
    expect(places).toContain('Democratic Republic of the Congo');
    expect(text(page('places/cd'))).toContain('Kinshasa Reading Rooms');
    expect(text(page('places/fr'))).toContain('Les Amis du Canal');
    expect(page('places/cd')).toMatch(/<h1[^>]*>[^<]*Democratic Republic of the Congo/);
  });

  it('are in the bulk download, in a file of their own that says no licence is stated', () => {
    const manifest = JSON.parse(readFileSync(join(OUT, 'client/data/manifest.json'), 'utf8'));
    const file = manifest.files.find((f: { file: string }) => f.file === 'joined.jsonl.gz');
    expect(file).toMatchObject({ records: 2, sources: ['joined'] });
    expect(manifest.sources.joined.licences).toEqual([]);
    const lines = gunzipSync(readFileSync(join(OUT, 'client/data/joined.jsonl.gz')))
      .toString('utf8')
      .trim()
      .split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([FR_ID, CD_ID]);
    expect(text(page('data'))).toContain(manifest.sources.joined.terms);
  });

  it('are in their causes’ listings and in the search index', () => {
    expect(text(page('causes/environment'))).toContain('Les Amis du Canal');
    const fixtureCount = readFileSync('test/fixtures/ngos/sample.jsonl', 'utf8').trim().split('\n').length;
    expect(indexedPages).toBe(fixtureCount + 2);
    const fragments = readdirSync(join(SEARCH, 'pagefind/fragment')).map((file) => {
      const raw = gunzipSync(readFileSync(join(SEARCH, 'pagefind/fragment', file))).toString('utf8');
      return JSON.parse(raw.slice(raw.indexOf('{'))) as { url: string; content: string };
    });
    const fragment = fragments.find((f) => f.url === `/ngos/${CD_SLUG}/`);
    expect(fragment?.content).toContain('Kinshasa Reading Rooms');
  });
});
