import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readNgoShards } from '../../content/read-ngo-shards.ts';
import { getNgoFacts, syncNgoDirectory, type NgoRecordInput } from '../../db/ngo-directory.ts';
import { approveProposal, createProposal, type NewProposal } from '../../db/proposals.ts';
import { ngoDirectory, users } from '../../db/schema.ts';
import { ngoSchema } from '../../model/ngo.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/harness.ts';
import { serialiseShards, writeShards } from '../import/write-shards.ts';
import { runExporters } from './exporter.ts';
import { EXPORTERS } from './exporters.ts';
import { JOINED_NGOS_FILE, joinedNgosExporter } from './joined-ngos.ts';
import { planStartPublish, recordBuiltExports } from './publish-on-start.ts';

/**
 * The publishing round trip of NGOs that joined: approved proposals → content/ngos/joined.jsonl
 * (model records) → the readers the build, search and directory sync use; and neither the
 * importer nor the sync on migrate ever deletes or overwrites them.
 */

let database: TestDatabase;
let dir: string;
const APPROVED_AT = new Date('2027-03-10T08:00:00Z');

const indian: NewProposal = {
  name: 'Goonj Seva Trust',
  country: 'IN',
  city: 'New Delhi',
  register: 'IN-MHA',
  registrationNumber: '104860017',
  website: 'https://goonj-seva.example.in/',
  mission: 'We turn surplus clothing into relief kits for flood-hit villages in Bihar and Assam.',
  causes: ['disaster-relief', 'poverty'],
  role: 'Director',
  workEmail: 'director@goonj-seva.example.in',
};

const antarctic: NewProposal = {
  name: 'Penguin Count Volunteers',
  country: 'AQ',
  city: null,
  register: null,
  registrationNumber: null,
  website: null,
  mission: 'Volunteers who count penguin colonies each summer and publish the numbers openly.',
  causes: ['animals'],
  role: 'Founder',
  workEmail: 'founder@example.org',
};

async function approve(input: NewProposal, ngoId: string) {
  const created = await createProposal(database.db, 'u1', input, APPROVED_AT);
  if (created.status !== 'created') throw new Error(created.status);
  const decided = await approveProposal(database.db, created.proposal.id, ngoId, 'u1', APPROVED_AT);
  expect(decided.status).toBe('decided');
}

beforeEach(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'jumo-joined-'));
  await database.db.insert(users).values({
    id: 'u1',
    provider: 'demo',
    providerUserId: 'u1',
    name: 'Asha',
    createdAt: APPROVED_AT,
    updatedAt: APPROVED_AT,
  });
});

afterEach(() => {
  database.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('the joined NGOs export', () => {
  it('writes each approved NGO as a model record, sorted by id, into content/ngos/joined.jsonl', async () => {
    await approve(indian, 'IN-MHA-104860017');
    await approve(antarctic, 'XX-JUMO-ABCDE23456');
    // A pending one is not published.
    await createProposal(database.db, 'u1', { ...antarctic, name: 'Pending Club' }, APPROVED_AT);

    const results = await runExporters(database.db, dir, EXPORTERS);
    expect(results.find((r) => r.file === JOINED_NGOS_FILE)).toMatchObject({ lines: 2, changed: true });
    const lines = readFileSync(join(dir, 'ngos/joined.jsonl'), 'utf8').trim().split('\n');
    const [indianRecord, antarcticRecord] = lines.map((line) => ngoSchema.parse(JSON.parse(line)));
    expect(indianRecord).toEqual({
      id: 'IN-MHA-104860017',
      slug: 'goonj-seva-trust-in-mha-104860017',
      name: 'Goonj Seva Trust',
      summary:
        'Goonj Seva Trust is an organisation based in New Delhi, India, registered with the Ministry of Home Affairs (India) Foreign Contributions (Regulation) Act Register (104860017), that joined Jumo in 2027. It works on disaster relief & safety and poverty relief.',
      causes: ['disaster-relief', 'poverty'],
      location: { country: 'IN', city: 'New Delhi' },
      website: 'https://goonj-seva.example.in/',
      registry: {
        name: 'Ministry of Home Affairs (India) Foreign Contributions (Regulation) Act Register',
        number: '104860017',
      },
      ownWords: { text: indian.mission, source: 'what the organisation told Jumo when it joined' },
      updated: '2027-03-10',
    });
    expect(antarcticRecord).toMatchObject({
      id: 'XX-JUMO-ABCDE23456',
      location: { country: 'AQ' },
      summary: expect.stringContaining('based in Antarctica, on no public register we list'),
    });
    expect(antarcticRecord!.registry).toBeUndefined();

    const again = await runExporters(database.db, dir, [joinedNgosExporter]);
    expect(again[0]).toMatchObject({ lines: 2, changed: false });
  });

  it('is read like any shard, and wins over a register shard with the same id', async () => {
    await approve(indian, 'IN-MHA-104860017');
    mkdirSync(join(dir, 'ngos'));
    const clash = { ...JSON.parse(readFileSync('test/fixtures/ngos/sample.jsonl', 'utf8').split('\n')[0]!) };
    writeFileSync(
      join(dir, 'ngos/gb-nic.jsonl'),
      `${JSON.stringify(clash)}\n${JSON.stringify({ ...clash, id: 'IN-MHA-104860017', name: 'Imported Twin' })}\n`,
    );
    await runExporters(database.db, dir, [joinedNgosExporter]);
    const records = await readNgoShards(join(dir, 'ngos'));
    expect(records.map((r) => r.id)).toEqual([clash.id, 'IN-MHA-104860017']);
    expect(records[1]!.name).toBe('Goonj Seva Trust');
  });

  it('survives a re-import: the importer replaces its shards and leaves joined.jsonl alone', async () => {
    await approve(indian, 'IN-MHA-104860017');
    await runExporters(database.db, dir, [joinedNgosExporter]);
    const joinedBefore = readFileSync(join(dir, 'ngos/joined.jsonl'), 'utf8');
    writeFileSync(join(dir, 'ngos/us-ein-5.jsonl'), '{"id":"US-EIN-500000000"}\n');
    await writeShards(join(dir, 'ngos'), serialiseShards([{ id: 'GB-NIC-100002', json: '{"id":"GB-NIC-100002"}' }]));
    expect(readFileSync(join(dir, 'ngos/joined.jsonl'), 'utf8')).toBe(joinedBefore);
    expect(() => readFileSync(join(dir, 'ngos/us-ein-5.jsonl'))).toThrow();
  });

  it('the directory sync on migrate neither drops nor overwrites an approved NGO', async () => {
    await approve(indian, 'IN-MHA-104860017');
    const fixture = (await readNgoShards('test/fixtures/ngos')) as unknown as NgoRecordInput[];
    // Content without it (before the export) keeps its row…
    const first = await syncNgoDirectory(database.db, fixture, new Date());
    expect(first.changed).toBe(true);
    const facts = await getNgoFacts(database.db, 'IN-MHA-104860017');
    expect(facts).toMatchObject({ name: 'Goonj Seva Trust', country: 'IN', causes: ' disaster-relief poverty ' });
    // …and a record of another source with its id changes nothing.
    const impostor = { ...fixture[0]!, id: 'IN-MHA-104860017', name: 'Impostor', slug: 'impostor-104860017' };
    await syncNgoDirectory(database.db, [...fixture, impostor], new Date());
    expect(await getNgoFacts(database.db, 'IN-MHA-104860017')).toEqual(facts);
    // Other NGOs gone from the content are still dropped.
    await syncNgoDirectory(database.db, fixture.slice(1), new Date());
    const left = await database.db.select().from(ngoDirectory).where(eq(ngoDirectory.id, fixture[0]!.id));
    expect(left).toEqual([]);
    expect(await getNgoFacts(database.db, 'IN-MHA-104860017')).toEqual(facts);
  });

  it('makes npm start rebuild after an approval, like a saved profile', async () => {
    const plan = () =>
      planStartPublish({
        db: database.db,
        exportDir: dir,
        exporters: EXPORTERS,
        recordFile: join(dir, 'record.txt'),
        distExists: true,
      });
    const before = await plan();
    expect(before.rebuildReason).toBeNull();
    await recordBuiltExports(join(dir, 'record.txt'), before.fingerprint);
    await approve(antarctic, 'XX-JUMO-ABCDE23456');
    expect((await plan()).rebuildReason).toMatch(/changed since the last build/);
  });
});
