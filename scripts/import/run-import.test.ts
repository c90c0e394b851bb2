import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ngoSchema, type Ngo } from '../../model/ngo.ts';
import { runImport, type ImportOptions } from './run-import.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const ALL = ['irs-eo4.csv', 'irs-states.csv', 'ni-register.csv', 'irs-bad.csv'].map(fixture);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jumo-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(overrides: Partial<ImportOptions> = {}): ImportOptions {
  return {
    files: ALL,
    nteeFile: fixture('ntee-sample.csv'),
    outDir: join(dir, 'ngos'),
    reportFile: join(dir, 'import-report.txt'),
    limit: 35_000,
    ...overrides,
  };
}

async function readShards(outDir: string): Promise<Map<string, string>> {
  const names = (await readdir(outDir)).sort();
  return new Map(
    await Promise.all(names.map(async (name) => [name, await readFile(join(outDir, name), 'utf8')] as const)),
  );
}

async function readIds(outDir: string): Promise<string[]> {
  const shards = await readShards(outDir);
  return [...shards.values()].flatMap((text) =>
    text
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as Ngo).id),
  );
}

describe('runImport on fixture extracts', () => {
  it('writes sorted, schema-valid shards in schema key order, one NGO per line', async () => {
    const outcome = await runImport(options());
    expect(outcome.kind).toBe('written');
    const shards = await readShards(join(dir, 'ngos'));
    expect([...shards.keys()]).toEqual([
      'gb-nic.jsonl',
      'us-ein-0.jsonl',
      'us-ein-2.jsonl',
      'us-ein-3.jsonl',
      'us-ein-4.jsonl',
      'us-ein-6.jsonl',
      'us-ein-8.jsonl',
      'us-ein-9.jsonl',
    ]);
    const schemaKeys = Object.keys(ngoSchema.shape);
    for (const [name, text] of shards) {
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.trimEnd().split('\n');
      const ids = lines.map((line) => {
        const record = JSON.parse(line) as Record<string, unknown>;
        expect(ngoSchema.parse(record)).toEqual(record);
        const keys = Object.keys(record);
        expect(keys).toEqual(schemaKeys.filter((key) => keys.includes(key)));
        return record.id as string;
      });
      expect(ids).toEqual([...ids].sort());
      if (name === 'gb-nic.jsonl') expect(ids.every((id) => id.startsWith('GB-NIC-'))).toBe(true);
    }
    expect(shards.get('gb-nic.jsonl')).toContain('"name":"Fírinne"');
  });

  it('reports every rejected row with file, line and reason, and ends with a summary', async () => {
    const outcome = await runImport(options());
    const rejected = outcome.report.rejected.map((r) => `${r.file.split('/').pop()}:${r.line}: ${r.reason}`);
    expect(rejected).toEqual([
      'ni-register.csv:11: bad charity number',
      'ni-register.csv:12: missing name',
      'irs-bad.csv:2: unknown NTEE code',
      'irs-bad.csv:3: unknown NTEE code',
      'irs-bad.csv:4: bad EIN',
      'irs-bad.csv:5: missing name',
      'irs-bad.csv:6: bad number in REVENUE_AMT',
      'irs-bad.csv:8: unknown country',
      'irs-bad.csv:9: wrong number of columns',
      'irs-bad.csv:11: unknown state code',
      'irs-bad.csv:12: duplicate id',
    ]);
    expect(outcome.report.imported).toBe(7 + 7 + 9 + 3); // NI + eo4 + states + kept bad rows
    expect([...outcome.report.skipped.entries()].sort()).toEqual([
      ['no NTEE code', 1],
      ['not a 501(c)(3) (SUBSECTION is not 03)', 1],
      ['removed from the NI register', 1],
    ]);
    const report = await readFile(join(dir, 'import-report.txt'), 'utf8');
    expect(report).toContain('irs-bad.csv:8: unknown country (EAST AFRICA)');
    expect(report).toContain('irs-bad.csv:7: bad number in ASSET_AMT (omitted) (N/A)');
    expect(report).toMatch(/rejected {2}11\n/);
    expect(report).toMatch(/selected {2}26 \(UK 7; IRS non-US or NTEE Q 8; IRS by revenue 11\)/);
    expect(report).toContain('by register US-EIN 19; GB-NIC 7');
  });

  it('parses quoted commas and stray quotes instead of splitting on them', async () => {
    await runImport(options());
    const shards = await readShards(join(dir, 'ngos'));
    const church = JSON.parse(
      shards
        .get('us-ein-9.jsonl')!
        .split('\n')
        .find((l) => l.includes('980158695'))!,
    ) as Ngo;
    expect(church.location).toEqual({ country: 'GB' });
    expect(church.classification?.code).toBe('X21Z');
    expect(shards.get('us-ein-2.jsonl')).toContain('"name":"The \\"Best\\" Friends of Kodiak"');
  });

  it('is deterministic: same input, byte-identical output, whatever the file order', async () => {
    await runImport(options());
    const first = await readShards(join(dir, 'ngos'));
    await runImport(
      options({
        files: [...ALL]
          .reverse()
          .filter((f) => !f.endsWith('irs-bad.csv'))
          .concat(fixture('irs-bad.csv')),
      }),
    );
    expect(await readShards(join(dir, 'ngos'))).toEqual(first);
    await runImport(options({ outDir: join(dir, 'again') }));
    expect(await readShards(join(dir, 'again'))).toEqual(first);
  });

  it('summaries only state facts found in the record', async () => {
    await runImport(options());
    for (const text of (await readShards(join(dir, 'ngos'))).values()) {
      for (const line of text.trimEnd().split('\n')) {
        const ngo = JSON.parse(line) as Ngo;
        const facts = new Set<string>(['501', '3', ngo.classification?.code ?? '']);
        for (const value of [
          ngo.registeredYear,
          ...(ngo.financials ?? []).flatMap((period) => [period.revenue, period.income, period.periodEnd.slice(0, 4)]),
        ]) {
          if (value !== undefined) facts.add(String(value));
        }
        for (const number of ngo.name.match(/\d+/g) ?? []) facts.add(number);
        for (const number of ngo.summary.replace(/\(NTEE [^)]+\)/, '').match(/\d[\d,]*/g) ?? []) {
          expect(facts, `${ngo.id}: ${ngo.summary}`).toContain(number.replace(/,/g, ''));
        }
        expect(ngo.summary.startsWith(ngo.name)).toBe(true);
        if (!ngo.location.city) expect(ngo.summary).not.toMatch(/ in [A-Z][a-z]+, (Northern Ireland|Alaska)/);
      }
    }
  });
});

describe('selection and limit', () => {
  it('takes NI first, then non-US or NTEE Q by revenue, then the rest by revenue', async () => {
    await runImport(options({ limit: 9 }));
    expect((await readIds(join(dir, 'ngos'))).filter((id) => id.startsWith('US-'))).toEqual([
      'US-EIN-060726487',
      'US-EIN-660468226',
    ]);

    await runImport(options({ limit: 12 }));
    const twelve = await readIds(join(dir, 'ngos'));
    expect(twelve).toHaveLength(12);
    expect(twelve.filter((id) => id.startsWith('GB-'))).toHaveLength(7);
    expect(twelve).toEqual(expect.arrayContaining(['US-EIN-010674736', 'US-EIN-010728628', 'US-EIN-010880225']));
    expect(twelve).not.toContain('US-EIN-813021580'); // $401M revenue, but based in Alaska and not NTEE Q

    await runImport(options({ limit: 16 }));
    const sixteen = await readIds(join(dir, 'ngos'));
    expect(sixteen).toContain('US-EIN-813021580');
    expect(sixteen).not.toContain('US-EIN-920019395');
  });

  it('cuts inside NI by income when the limit is smaller than the register', async () => {
    await runImport(options({ limit: 2 }));
    expect(await readIds(join(dir, 'ngos'))).toEqual(['GB-NIC-100002', 'GB-NIC-100004']); // £346,770 and £6,328,354
  });

  it('removes shards the new selection no longer needs', async () => {
    await runImport(options());
    await runImport(options({ limit: 3 }));
    expect(await readdir(join(dir, 'ngos'))).toEqual(['gb-nic.jsonl']);
  });
});

describe('input files', () => {
  it('recognises gzip by its bytes and the registry by its header, not the file name', async () => {
    const odd = join(dir, 'states.data');
    await writeFile(odd, gzipSync(await readFile(fixture('irs-states.csv'))));
    const outcome = await runImport(options({ files: [odd] }));
    expect(outcome.kind).toBe('written');
    expect(outcome.report.imported).toBe(9);
    expect(await readIds(join(dir, 'ngos'))).toContain('US-EIN-813021580');
  });

  it('fails clearly on an unknown header and leaves the previous output untouched', async () => {
    await runImport(options());
    const before = await readShards(join(dir, 'ngos'));
    const outcome = await runImport(options({ files: [fixture('irs-eo4.csv'), fixture('unknown-header.csv')] }));
    expect(outcome.kind).toBe('failed');
    expect(outcome.report.fileErrors).toHaveLength(1);
    expect(outcome.report.fileErrors[0]).toMatch(/unknown-header\.csv: unrecognised CSV header "Name,Country,Amount"/);
    expect(await readShards(join(dir, 'ngos'))).toEqual(before);
  });

  it('reads a line that is not UTF-8 as Windows-1252, with a note, and survives a missing BOM', async () => {
    const bytes = await readFile(fixture('ni-register.csv'));
    const withoutBom = bytes.subarray(3);
    const name = Buffer.from('Cancer Lifeline');
    const at = withoutBom.indexOf(name);
    const broken = Buffer.concat([
      withoutBom.subarray(0, at + 6),
      Buffer.from([0xff, 0xfe]),
      withoutBom.subarray(at + 6),
    ]);
    const file = join(dir, 'broken.csv');
    await writeFile(file, broken);
    const outcome = await runImport(options({ files: [file] }));
    expect(outcome.kind).toBe('written');
    const text = (await readShards(join(dir, 'ngos'))).get('gb-nic.jsonl')!;
    const record = JSON.parse(text.split('\n')[0]!) as Ngo;
    expect(record.id).toBe('GB-NIC-100002');
    expect(record.name).toBe('Cancerÿþ Lifeline');
    expect(record.slug).toBe('canceryth-lifeline-100002');
    const line = outcome.report.notes.find((note) => note.reason === 'line not in UTF-8, read as Windows-1252');
    expect(line?.file).toBe(file);
  });

  it('counts blank lines and multi-line records in reported line numbers', async () => {
    const lines = (await readFile(fixture('irs-bad.csv'), 'utf8')).split('\n');
    const file = join(dir, 'gaps.csv');
    // header, blank, blank, K3 row (line 4), a quoted 2-line name (lines 5-6), blank, 050 row (line 8)
    const multiLine = lines[9]!.replace('THE "BEST" FRIENDS OF KODIAK', '"THE BEST\nFRIENDS OF KODIAK"');
    await writeFile(file, [lines[0], '', '', lines[1], multiLine, '', lines[2], ''].join('\n'));
    const outcome = await runImport(options({ files: [file] }));
    expect(outcome.report.rejected.map((r) => `${r.line} ${r.reason}`)).toEqual([
      '4 unknown NTEE code',
      '8 unknown NTEE code',
    ]);
    expect(outcome.report.imported).toBe(1);
  });

  it('fails on a missing file or a corrupt gzip instead of crashing', async () => {
    const corrupt = join(dir, 'corrupt.csv.gz');
    const gz = gzipSync(await readFile(fixture('irs-states.csv')));
    await writeFile(corrupt, Buffer.concat([gz.subarray(0, 40), Buffer.from('not deflate data at all')]));
    const outcome = await runImport(options({ files: [join(dir, 'missing.csv'), corrupt] }));
    expect(outcome.kind).toBe('failed');
    expect(outcome.report.fileErrors).toHaveLength(2);
    expect(outcome.report.fileErrors[0]).toMatch(/missing\.csv: ENOENT/);
    expect(outcome.report.fileErrors[1]).toMatch(/corrupt\.csv\.gz: /);
  });

  it('reports a file that is empty', async () => {
    const empty = join(dir, 'empty.csv');
    await copyFile(fixture('unknown-header.csv'), empty);
    await writeFile(empty, '');
    const outcome = await runImport(options({ files: [empty] }));
    expect(outcome.kind).toBe('failed');
    expect(outcome.report.fileErrors[0]).toContain('empty file');
  });
});

describe('UK-CAT files', () => {
  const UK = ['ni-register.csv', 'ukcat-sample.csv', 'ukcat-top.csv', 'ukcat-cp1252.csv'].map(fixture);
  const ukOptions = (overrides: Partial<ImportOptions> = {}) =>
    options({ files: UK, ukcatTagsFile: fixture('ukcat-tags-sample.csv'), ...overrides });
  async function readRecords(): Promise<Map<string, Ngo>> {
    const shards = await readShards(join(dir, 'ngos'));
    const records = [...shards.values()].flatMap((text) =>
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Ngo),
    );
    return new Map(records.map((ngo) => [ngo.id, ngo]));
  }

  it('writes one shard per register, deduplicating overlapping rows into one record with a history', async () => {
    const outcome = await runImport(ukOptions());
    expect(outcome.kind).toBe('written');
    const shards = await readShards(join(dir, 'ngos'));
    expect([...shards.keys()]).toEqual(['gb-chc.jsonl', 'gb-nic.jsonl', 'gb-sc.jsonl']);
    const records = await readRecords();
    for (const ngo of records.values()) expect(ngoSchema.parse(ngo)).toEqual(ngo);
    const torture = records.get('GB-CHC-1000340')!;
    // The newer file's figures first; both years kept; its tags from the older file, which has them.
    expect(torture.financials?.map((f) => [f.periodEnd, f.income])).toEqual([
      ['2025-03', 15113123],
      ['2019-03', 10120000],
    ]);
    expect(torture.website).toBe('https://www.freedomfromtorture.org/');
    expect(torture.tags?.map((t) => t.code)).toEqual(['SO105', 'BE101', 'HE304']);
    // A quoted field spanning lines keeps its paragraphs (the newer row's text wins).
    expect(torture.ownWords?.text).toBe(
      'Freedom from Torture is a human rights organisation which exists to enable survivors of torture to engage in a ' +
        'healing process.\n\nWe provide direct care, treatment and protection services in five UK centres.',
    );
    expect(torture.sources).toBeUndefined(); // one source (UK-CAT), two of its files
    expect(outcome.report.merged).toBe(2);
  });

  it('merges a Northern Ireland charity in both the NI register and UK-CAT into one page with provenance', async () => {
    await runImport(ukOptions());
    const lifeline = (await readRecords()).get('GB-NIC-100002')!;
    expect(lifeline.slug).toBe('cancer-lifeline-100002'); // the page already published keeps its address
    expect(lifeline.financials).toEqual([
      {
        currency: 'GBP',
        periodEnd: '2023-03',
        income: 402000,
        spending: 398000,
        source: 'Charity Commission for Northern Ireland register, via UK-CAT (2026-07-07)',
      },
      {
        currency: 'GBP',
        periodEnd: '2019-03',
        income: 346770,
        spending: 349653,
        source: 'Charity Commission for Northern Ireland register, 2020-06-30 export',
      },
    ]);
    expect(lifeline.location).toEqual({ country: 'GB', region: 'GB-NIR', city: 'Belfast', postcode: 'BT14 7PJ' });
    expect(lifeline.ownWords?.text).toContain('counselling and complementary therapies');
    expect(lifeline.beneficiaries?.length).toBeGreaterThan(0); // only the NI register has these
    expect(lifeline.updated).toBe('2026-07-07');
    expect(lifeline.sources?.map((s) => [s.name, s.date])).toEqual([
      ['UK Charity Activity Tags (UK-CAT), data as of 2026-07-07', '2026-07-07'],
      ['Charity Commission for Northern Ireland register, 2020-06-30 export', '2020-06-30'],
    ]);
    expect(lifeline.sources?.[0]?.fields).toEqual(expect.arrayContaining(['name', 'ownWords', 'tags', 'financials']));
    expect(lifeline.sources?.[1]?.fields).toEqual(
      expect.arrayContaining(['beneficiaries', 'activities', 'financials']),
    );
    expect(lifeline.summary).toContain('£402,000 in the year to March 2023');
  });

  it('reads a Windows-1252 file, and reports unknown tags, inactive and nameless rows', async () => {
    const outcome = await runImport(ukOptions());
    const gaelic = (await readRecords()).get('GB-SC-SC000777')!;
    expect(gaelic.name).toBe('Café Gaelic Society – Comunn na Gàidhlig');
    expect(gaelic.ownWords?.text).toBe('We teach Gàidhlig and run a café for the town’s older people.');
    expect(gaelic.location).toMatchObject({ region: 'GB-SCT', area: 'GB-SCT-HI' });
    const report = await readFile(join(dir, 'import-report.txt'), 'utf8');
    expect(report).toContain('ukcat-cp1252.csv:2: line not in UTF-8, read as Windows-1252');
    expect(report).toContain('ukcat-sample.csv:2: unknown UK-CAT tag (skipped) (ZZ999)');
    expect(report).toContain('ukcat-sample.csv:7: missing name (GB-CHC-1101050)');
    expect([...outcome.report.skipped.entries()]).toContainEqual(['no longer registered (UK-CAT)', 1]);
    expect(report).toMatch(/merged {4}2 rows merged into a record an earlier row started/);
    expect(report).toMatch(/by register GB-NIC 7; GB-CHC 4; GB-SC 2/);
  });

  it('ranks every UK charity before IRS ones when the limit bites', async () => {
    const outcome = await runImport(ukOptions({ files: [...UK, ...ALL.filter((f) => f.includes('irs'))], limit: 14 }));
    expect(outcome.kind).toBe('written');
    const ids = await readIds(join(dir, 'ngos'));
    expect(ids.filter((id) => id.startsWith('GB-'))).toHaveLength(13);
    expect(ids.filter((id) => id.startsWith('US-'))).toHaveLength(1);
  });

  it('fails clearly when a UK-CAT file comes without the tag table', async () => {
    const outcome = await runImport(options({ files: [fixture('ukcat-top.csv')] }));
    expect(outcome.kind).toBe('failed');
    expect(outcome.report.fileErrors[0]).toContain('needs the UK-CAT tag table');
  });
});
