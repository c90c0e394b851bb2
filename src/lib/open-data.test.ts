import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildJoinedNgoRecord } from '../../model/joined-ngo.ts';
import { ngoSchema, type Ngo } from '../../model/ngo.ts';
import { buildDatasetJsonLd } from './open-data-jsonld.ts';
import {
  buildOpenData,
  countOpenDataFiles,
  MANIFEST_FILE,
  MAX_DOWNLOAD_FILE_BYTES,
  SCHEMA_FILE,
  type OpenData,
} from './open-data.ts';

const fixture: Ngo[] = readFileSync('test/fixtures/ngos/sample.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => ngoSchema.parse(JSON.parse(line)));
const joined = buildJoinedNgoRecord({
  ngoId: 'FR-RCS-512788308',
  name: 'Les Amis du Canal',
  country: 'FR',
  city: 'Lyon',
  register: 'FR-RCS',
  registrationNumber: '512788308',
  website: 'https://amisducanal.example.fr/',
  mission: 'We clean the canal banks of Lyon every month with volunteers and schools.',
  causes: ['environment'],
  approvedAt: new Date('2027-05-04T10:00:00Z'),
});
const records = [...fixture, joined];
const AT = new Date('2026-11-30T08:00:00Z');

/** Every record of a shard, each line checked against the model's schema. */
function readShard(data: OpenData, file: string): Ngo[] {
  const text = gunzipSync(data.contents.get(file)!).toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => ngoSchema.parse(JSON.parse(line)));
}

describe('the bulk download', () => {
  it('holds every record once, one shard per register and one for the NGOs that joined, each line valid', async () => {
    const data = await buildOpenData(records, { generatedAt: AT });
    const { manifest } = data;
    expect(manifest.files.map((f) => f.file)).toEqual([
      'us-ein.jsonl.gz',
      'gb-chc.jsonl.gz',
      'gb-sc.jsonl.gz',
      'gb-nic.jsonl.gz',
      'joined.jsonl.gz',
    ]);
    const read = manifest.files.flatMap((f) => {
      const shard = readShard(data, f.file);
      expect(shard.length).toBe(f.records);
      expect(shard.map((n) => n.id)).toEqual(shard.map((n) => n.id).sort());
      return shard;
    });
    expect(manifest.records).toBe(records.length);
    expect(read).toHaveLength(records.length);
    expect(new Map(read.map((n) => [n.id, n]))).toEqual(new Map(records.map((n) => [n.id, n])));
    expect(readShard(data, 'joined.jsonl.gz').map((n) => n.id)).toEqual(['FR-RCS-512788308']);
    expect(manifest.generatedAt).toBe('2026-11-30T08:00:00.000Z');
    expect(manifest.dataUpdated).toBe('2027-05-04');
  });

  it('gives in the manifest the true size and sha256 of every file, all under 25 MiB', async () => {
    const data = await buildOpenData(records, { generatedAt: AT });
    const manifest = JSON.parse(Buffer.from(data.contents.get(MANIFEST_FILE)!).toString('utf8'));
    expect(manifest).toEqual(data.manifest);
    for (const entry of [...manifest.files, manifest.schema]) {
      const bytes = data.contents.get(entry.file)!;
      expect(bytes.length).toBe(entry.bytes);
      expect(bytes.length).toBeLessThan(MAX_DOWNLOAD_FILE_BYTES);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    expect([...data.contents.keys()].sort()).toEqual(
      [...manifest.files.map((f: { file: string }) => f.file), SCHEMA_FILE, MANIFEST_FILE].sort(),
    );
    const schema = JSON.parse(Buffer.from(data.contents.get(SCHEMA_FILE)!).toString('utf8'));
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'slug', 'name', 'summary', 'causes', 'location']));
    expect(Object.keys(schema.properties)).toEqual(Object.keys(ngoSchema.shape));
  });

  it('names the licence and attribution of every source a file draws on', async () => {
    const { manifest } = await buildOpenData(records, { generatedAt: AT });
    const sourcesOf = (file: string) => manifest.files.find((f) => f.file === file)!.sources;
    expect(sourcesOf('us-ein.jsonl.gz')).toEqual(['irs-bmf', 'ntee']);
    expect(sourcesOf('gb-chc.jsonl.gz')).toEqual(['ukcat']);
    expect(sourcesOf('gb-sc.jsonl.gz')).toEqual(['ukcat']);
    // GB-NIC-100045 is merged from the NI register and UK-CAT.
    expect(sourcesOf('gb-nic.jsonl.gz')).toEqual(['ccni', 'ukcat']);
    expect(sourcesOf('joined.jsonl.gz')).toEqual(['joined']);
    for (const file of manifest.files) {
      for (const id of file.sources) expect(manifest.sources[id]?.attribution).toBeTruthy();
    }
    expect(manifest.sources['irs-bmf']!.licences[0]!.name).toMatch(/public domain/i);
    expect(manifest.sources.ccni!.licences.map((l) => l.name)).toEqual(['Open Government Licence v3.0']);
    expect(manifest.sources.ccni!.attribution).toBe(
      'Contains information from the Charity Commission for Northern Ireland licensed under the Open Government Licence v3.0.',
    );
    expect(manifest.sources.ukcat!.licences.map((l) => l.name)).toEqual(['CC BY 4.0', 'Open Government Licence v3.0']);
    expect(manifest.sources.joined!.licences).toEqual([]);
    expect(manifest.sources.joined!.terms).toMatch(/No licence stated/);
  });

  it('lists only the sources its records use', async () => {
    const { manifest } = await buildOpenData(
      fixture.filter((n) => n.id.startsWith('US-EIN-')),
      { generatedAt: AT },
    );
    expect(manifest.files.map((f) => f.file)).toEqual(['us-ein.jsonl.gz']);
    expect(Object.keys(manifest.sources)).toEqual(['irs-bmf', 'ntee']);
  });

  it('is deterministic: the same records in any order give the same bytes, whenever built', async () => {
    const a = await buildOpenData(records, { generatedAt: AT });
    const b = await buildOpenData([...records].reverse(), { generatedAt: new Date('2027-01-01T00:00:00Z') });
    for (const [file, bytes] of a.contents) {
      if (file !== MANIFEST_FILE) expect(Buffer.from(b.contents.get(file)!).equals(Buffer.from(bytes))).toBe(true);
    }
    expect({ ...b.manifest, generatedAt: '' }).toEqual({ ...a.manifest, generatedAt: '' });
  });

  it('splits a register into numbered parts past the size limit, each part whole lines', async () => {
    const us = fixture.filter((n) => n.id.startsWith('US-EIN-'));
    const data = await buildOpenData(us, { generatedAt: AT, maxPartBytes: 4000 });
    const files = data.manifest.files;
    expect(files.length).toBeGreaterThan(2);
    expect(files.map((f) => f.file)).toEqual(files.map((_, i) => `us-ein-${i + 1}.jsonl.gz`));
    const ids = files.flatMap((f) => {
      expect(f.uncompressedBytes <= 4000 || f.records === 1).toBe(true);
      return readShard(data, f.file).map((n) => n.id);
    });
    expect(ids).toEqual(us.map((n) => n.id).sort());
  });

  it('counts the files it writes without writing them (for the build’s progress)', async () => {
    expect(countOpenDataFiles(records)).toBe((await buildOpenData(records, { generatedAt: AT })).contents.size);
    expect(countOpenDataFiles(fixture)).toBe(6);
  });

  it('refuses a record from a register whose licence it does not know', async () => {
    const stranger = { ...fixture[0]!, id: 'DE-HRB-12345' };
    await expect(buildOpenData([stranger], { generatedAt: AT })).rejects.toThrow(/no licence known for DE-HRB-12345/);
  });
});

describe('the Dataset markup of /data/', () => {
  it('lists every file by absolute URL with its sha256, and the licences of the sources used', async () => {
    const { manifest } = await buildOpenData(fixture, { generatedAt: AT });
    const site = new URL('https://jumo.example.org');
    const data = buildDatasetJsonLd(manifest, site) as {
      distribution: { contentUrl: string; sha256: string }[];
      license: string[];
      url: string;
      description: string;
    };
    expect(data.url).toBe('https://jumo.example.org/data/');
    expect(data.distribution.map((d) => d.contentUrl)).toEqual(
      manifest.files.map((f) => `https://jumo.example.org/data/${f.file}`),
    );
    expect(data.distribution.map((d) => d.sha256)).toEqual(manifest.files.map((f) => f.sha256));
    expect(data.license).toEqual([
      'https://www.usa.gov/government-works',
      'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      'https://creativecommons.org/licenses/by/4.0/',
    ]);
    expect(data.description.length).toBeGreaterThanOrEqual(50);
  });
});
