import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ngoSchema, type Ngo } from '../model/ngo.ts';
import { readPublishedProfiles } from '../content/read-profiles.ts';
import { openSearchSession, type SearchSession } from '../scripts/lib/pagefind-browser.ts';
import { buildSearchIndex } from '../scripts/search-index.ts';

/**
 * A real Pagefind index built from records by the build's own code, queried by Pagefind's
 * own JS and wasm in Chromium with the search page's ranking options.
 */

type Fields = Partial<Ngo> & { id: string; name: string; city: string; region: string };

function makeNgo({ id, name, city, region, ...rest }: Fields): Ngo {
  const number = id.replace(/^.*-/, '');
  return ngoSchema.parse({
    slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${number}`.replace(/^-|-$/g, ''),
    summary: `${name} is a charity based in ${city}.`,
    causes: ['human-services'],
    location: { country: region.slice(0, 2), region, city },
    ...rest,
    id,
    name,
  });
}

const own = (text: string) => ({ ownWords: { text, source: 'its entry in the register' } });

const RECORDS: Ngo[] = [
  makeNgo({ id: 'US-EIN-208262614', name: 'Police Activity League of Waterbury', city: 'Waterbury', region: 'US-CT' }),
  makeNgo({
    id: 'GB-NIC-100001',
    name: 'Wells for Villages',
    city: 'Bristol',
    region: 'GB-ENG',
    ...own('We bring clean water and sanitation to villages.'),
  }),
  makeNgo({
    id: 'GB-NIC-100010',
    name: 'Larne Foodbank',
    city: 'Larne',
    region: 'GB-NIR',
    ...own('Emergency food parcels.'),
  }),
  makeNgo({
    id: 'GB-NIC-100002',
    name: 'Hope Trust',
    city: 'Leeds',
    region: 'GB-ENG',
    ...own('Runs the food bank at St Mary’s church.'),
  }),
  makeNgo({
    id: 'US-EIN-640000001',
    name: 'Little Acorns',
    city: 'Omaha',
    region: 'US-NE',
    classification: { scheme: 'NTEE', code: 'P33', label: 'Child Day Care' },
  }),
  makeNgo({
    id: 'GB-NIC-100003',
    name: 'Sunny Days Nursery',
    city: 'York',
    region: 'GB-ENG',
    ...own('Affordable childcare for working parents.'),
  }),
  makeNgo({
    id: 'GB-NIC-100004',
    name: 'Open Door Centre',
    city: 'London',
    region: 'GB-ENG',
    ...own('Advice, English classes and a weekly meal for refugees and people seeking asylum.'),
    tags: [{ scheme: 'UK-CAT', code: 'BE101', label: 'Asylum seekers and refugees' }],
  }),
  makeNgo({
    id: 'GB-NIC-100011',
    name: 'Welcome North',
    city: 'Belfast',
    region: 'GB-NIR',
    beneficiaries: ['Asylum seekers/refugees'],
  }),
  makeNgo({
    id: 'GB-NIC-100012',
    name: 'Belfast Hills Trust',
    city: 'Holywood',
    region: 'GB-NIR',
    ...own('Walks and conservation.'),
  }),
  makeNgo({
    id: 'GB-NIC-100013',
    name: 'Harbour Rowing Club',
    city: 'Belfast',
    region: 'GB-NIR',
    ...own('Rowing for young people.'),
  }),
  makeNgo({
    id: 'GB-NIC-100014',
    name: 'Mourne Listening Service',
    city: 'Newry',
    region: 'GB-NIR',
    ...own('Counselling for people bereaved.'),
  }),
  makeNgo({
    id: 'US-EIN-640000002',
    name: 'Plains Relief',
    city: 'Omaha',
    region: 'US-NE',
    ...own('Our volunteers fight hunger in the county.'),
  }),
];

let dir: string;
let search: SearchSession;
const slugOf = (name: string) => `/ngos/${RECORDS.find((r) => r.name === name)!.slug}/`;
const names = async (query: string) => {
  const bySlug = new Map(RECORDS.map((r) => [`/ngos/${r.slug}/`, r.name]));
  return (await search.search(query)).map((url) => bySlug.get(url));
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jumo-search-index-'));
  const profilesFile = join(dir, 'profiles.jsonl');
  const mission = 'We **train** beekeepers across the [Mourne](https://example.org/) area.';
  await writeFile(
    profilesFile,
    `${JSON.stringify({ ngoId: 'GB-NIC-100014', mission, updatedAt: '2026-11-01T00:00:00.000Z' })}\n`,
  );
  const profiles = await readPublishedProfiles(profilesFile);
  await buildSearchIndex({ records: RECORDS, profiles, outputPath: join(dir, 'site') });
  search = await openSearchSession(join(dir, 'site'));
}, 120_000);

afterAll(async () => {
  await search?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('search index', () => {
  it('finds NGOs by the purpose in their own words, whole words above a place that starts with the word', async () => {
    expect(await names('water')).toEqual(['Wells for Villages', 'Police Activity League of Waterbury']);
    expect(await names('clean water')).toEqual(['Wells for Villages']);
    expect(await names('hunger')).toEqual(['Plains Relief']);
  });

  it('matches compound spellings both ways', async () => {
    const foodBanks = ['Hope Trust', 'Larne Foodbank'];
    expect((await names('foodbank')).sort()).toEqual(foodBanks);
    expect((await names('food bank')).sort()).toEqual(foodBanks);
    const childcare = ['Little Acorns', 'Sunny Days Nursery'];
    expect((await names('childcare')).sort()).toEqual(childcare);
    expect((await names('child care')).sort()).toEqual(childcare);
  });

  it('finds a purpose in a place: own words or tags with the city', async () => {
    expect(await names('refugees london')).toEqual(['Open Door Centre']);
    expect(await names('refugees belfast')).toEqual(['Welcome North']);
  });

  it('keeps places searchable and ranks a name first', async () => {
    expect((await names('belfast')).sort()).toEqual(['Belfast Hills Trust', 'Harbour Rowing Club', 'Welcome North']);
    expect((await names('belfast'))[0]).toBe('Belfast Hills Trust');
    expect((await search.search('Open Door Centre'))[0]).toBe(slugOf('Open Door Centre'));
  });

  it('indexes an NGO-provided mission as plain words', async () => {
    expect(await names('beekeepers')).toEqual(['Mourne Listening Service']);
    expect(await names('example')).toEqual([]);
  });

  it('measures what a first query downloads, by kind of file', async () => {
    const { total, byKind } = await search.measureFirstQuery('foodbank');
    for (const kind of ['script', 'wasm', 'meta', 'index', 'fragment']) expect(byKind[kind], kind).toBeGreaterThan(0);
    expect(total).toBe(Object.values(byKind).reduce((a, b) => a + b, 0));
  });
});
