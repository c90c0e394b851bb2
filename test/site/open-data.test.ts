import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../functions/node-server.ts';
import { createTestDatabase } from '../helpers/harness.ts';
import { ngoSchema, type Ngo } from '../../model/ngo.ts';
import {
  buildOpenData,
  MANIFEST_FILE,
  MAX_DOWNLOAD_FILE_BYTES,
  type OpenDataManifest,
} from '../../src/lib/open-data.ts';
import { DIST, ensureBuilt, findTags, hrefs, jsonLd, readPage, readRecords, textOf, texts } from './built-site.ts';

/**
 * The bulk download as the build wrote it (dist/client/data/, or SITE_DIST): every file the
 * manifest lists, read back and checked against the records the build read (CONTENT_DIR).
 */

const DATA = join(DIST, 'data');
let records: Ngo[] = [];
let manifest: OpenDataManifest;

/** Which source every record of a register must credit, by the shard it is published in. */
const REQUIRED_SOURCE: Record<string, string> = {
  'us-ein': 'irs-bmf',
  'gb-chc': 'ukcat',
  'gb-sc': 'ukcat',
  'gb-nic': 'ccni',
  joined: 'joined',
};

beforeAll(async () => {
  records = await readRecords();
  ensureBuilt(records);
  manifest = JSON.parse(readFileSync(join(DATA, MANIFEST_FILE), 'utf8'));
}, 600_000);

describe('the bulk download in the build', () => {
  it('has every file the manifest lists, with its size and sha256, each under 25 MiB, and no other', () => {
    const listed = [...manifest.files, manifest.schema];
    for (const entry of listed) {
      const bytes = readFileSync(join(DATA, entry.file));
      expect(bytes.length, entry.file).toBe(entry.bytes);
      expect(bytes.length).toBeLessThan(MAX_DOWNLOAD_FILE_BYTES);
      expect(createHash('sha256').update(bytes).digest('hex'), entry.file).toBe(entry.sha256);
    }
    expect(statSync(join(DATA, MANIFEST_FILE)).size).toBeLessThan(MAX_DOWNLOAD_FILE_BYTES);
    const onDisk = readdirSync(DATA).filter((f) => f !== 'index.html' && f !== MANIFEST_FILE);
    expect(onDisk.sort()).toEqual(listed.map((e) => e.file).sort());
  });

  it('holds exactly the records the build read, each line valid against the model, counts as the manifest says', () => {
    const byId = new Map(records.map((r) => [r.id, r]));
    const seen = new Set<string>();
    for (const file of manifest.files) {
      const lines = gunzipSync(readFileSync(join(DATA, file.file)))
        .toString('utf8')
        .split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.length, file.file).toBe(file.records);
      for (const line of lines) {
        const ngo = ngoSchema.parse(JSON.parse(line));
        expect(seen.has(ngo.id), `${ngo.id} twice`).toBe(false);
        seen.add(ngo.id);
        expect(ngo).toEqual(byId.get(ngo.id));
      }
    }
    expect(seen.size).toBe(records.length);
    expect(manifest.records).toBe(records.length);
  }, 120_000);

  it('credits, for every file, the sources of its records with their licence or terms and attribution', () => {
    for (const file of manifest.files) {
      const group = file.file.replace(/(-\d+)?\.jsonl\.gz$/, '');
      expect(file.sources, file.file).toContain(REQUIRED_SOURCE[group]);
      for (const id of file.sources) {
        const source = manifest.sources[id]!;
        expect(source.attribution, id).toBeTruthy();
        expect(source.licences.length > 0 || Boolean(source.terms), id).toBe(true);
        for (const licence of source.licences) expect(licence.url).toMatch(/^https:\/\//);
      }
    }
    const registers = new Set(records.map((r) => r.id.split('-').slice(0, 2).join('-').toLowerCase()));
    for (const register of registers) {
      if (register in REQUIRED_SOURCE) expect(manifest.files.some((f) => f.file.startsWith(register))).toBe(true);
    }
  });

  it('is the same bytes as building it again from the same records', async () => {
    const again = await buildOpenData(records, { generatedAt: new Date(manifest.generatedAt) });
    for (const [file, bytes] of again.contents) {
      expect(Buffer.from(bytes).equals(readFileSync(join(DATA, file))), file).toBe(true);
    }
  }, 60_000);
});

describe('the bulk download over HTTP (the Node entry)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startNodeServer>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startNodeServer({ clientDir: DIST, environment: { DATABASE_URL: database.url }, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    database?.cleanup();
  });

  it('serves each file as the bytes the manifest hashes: gzip as a file, never re-encoded', async () => {
    const listed = await fetch(`${server.url}/data/${MANIFEST_FILE}`);
    expect(listed.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(((await listed.json()) as OpenDataManifest).files).toEqual(manifest.files);
    for (const file of manifest.files) {
      const response = await fetch(`${server.url}/data/${file.file}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/gzip');
      expect(response.headers.get('Content-Encoding')).toBeNull();
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex'), file.file).toBe(file.sha256);
    }
  }, 60_000);
});

describe('the /data/ page', () => {
  it('lists every file with its link, count, size and sha256, and the manifest and schema', () => {
    const html = readPage('/data/');
    const links = hrefs(html);
    const text = textOf(html);
    for (const file of manifest.files) {
      expect(links).toContain(`/data/${file.file}`);
      expect(text).toContain(file.sha256);
      const row = html.slice(html.indexOf(`href="/data/${file.file}"`));
      expect(textOf(row.slice(0, row.indexOf('</tr>')))).toContain(` ${file.records.toLocaleString('en')} `);
    }
    expect(links).toContain(`/data/${MANIFEST_FILE}`);
    expect(links).toContain(`/data/${manifest.schema.file}`);
    expect(text).toContain(manifest.schema.sha256);
    expect(text).toContain(`All ${manifest.records.toLocaleString('en')} NGOs`);
    const dataset = jsonLd(html).find((d) => (d as { '@type': string })['@type'] === 'Dataset') as {
      distribution: { contentUrl: string; sha256: string }[];
    };
    expect(dataset.distribution.map((d) => [new URL(d.contentUrl).pathname, d.sha256])).toEqual(
      manifest.files.map((f) => [`/data/${f.file}`, f.sha256]),
    );
    expect(html).toMatch(/ files? of gzipped <a /);
  });

  it('gives each source’s licence and credit line, the record fields, and links to the API reference', () => {
    const html = readPage('/data/');
    const text = textOf(html);
    for (const source of Object.values(manifest.sources)) {
      expect(text).toContain(source!.attribution);
      for (const licence of source!.licences) expect(hrefs(html)).toContain(licence.url);
    }
    expect(texts(html, 'code')).toEqual(expect.arrayContaining(Object.keys(ngoSchema.shape)));
    expect(hrefs(html)).toEqual(expect.arrayContaining(['/developers/', '/api/openapi.json']));
    expect(findTags(html, 'table').length).toBeGreaterThanOrEqual(2);
  });

  it('is linked from /about/ and from the footer of every page', () => {
    expect(hrefs(readPage('/about/'))).toContain('/data/');
    const footer = (html: string) => html.slice(html.indexOf('<footer'));
    expect(hrefs(footer(readPage('/')))).toContain('/data/');
    expect(hrefs(footer(readPage('/causes/')))).toContain('/data/');
  });
});
