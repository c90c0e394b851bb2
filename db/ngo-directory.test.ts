import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { CauseId } from '../model/causes.ts';
import type { Ngo } from '../model/ngo.ts';
import { createTestDatabase, type TestDatabase } from '../test/helpers/harness.ts';
import { countNgoDirectory, getNgoFacts, syncNgoDirectory, toWebsiteHost } from './ngo-directory.ts';
import { emailMatchesHost } from './claims.ts';
import { approveProposal, createProposal, getProposal, toJoinedNgoRecord } from './proposals.ts';
import { ngoDirectory } from './schema.ts';
import { upsertUser } from './users.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.cleanup());

const record = (
  id: string,
  name: string,
  extra: Partial<{ website: string; causes: CauseId[]; location: Ngo['location']; countriesServed: string[] }> = {},
): Ngo => ({
  id,
  name,
  slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${id.slice(-6)}`,
  summary: `${name} is a charity registered in Northern Ireland.`,
  ...(extra.website ? { website: extra.website } : {}),
  location: extra.location ?? { country: 'GB' },
  ...(extra.countriesServed ? { countriesServed: extra.countriesServed } : {}),
  causes: extra.causes ?? ['health'],
});

describe('syncNgoDirectory', () => {
  it('copies, updates and removes NGOs, and skips unchanged content', async () => {
    const now = new Date();
    const first = [
      record('GB-NIC-000001', 'One', { website: 'https://www.One.example/x' }),
      record('GB-NIC-000002', 'Two'),
    ];
    expect(await syncNgoDirectory(testDb.db, first, now)).toEqual({ changed: true, rows: 2 });
    expect(await getNgoFacts(testDb.db, 'GB-NIC-000001')).toMatchObject({
      name: 'One',
      websiteHost: 'one.example',
      causes: ' health ',
    });
    expect(await syncNgoDirectory(testDb.db, first, now)).toEqual({ changed: false, rows: 2 });

    const second = [
      record('GB-NIC-000001', 'One renamed', { causes: ['health', 'youth'] }),
      record('GB-NIC-000003', 'Three'),
    ];
    expect(await syncNgoDirectory(testDb.db, second, now)).toEqual({ changed: true, rows: 2 });
    expect(await getNgoFacts(testDb.db, 'GB-NIC-000001')).toMatchObject({
      name: 'One renamed',
      websiteHost: null,
      causes: ' health youth ',
    });
    expect(await getNgoFacts(testDb.db, 'GB-NIC-000002')).toBeNull();
    expect(await countNgoDirectory(testDb.db)).toBe(2);
  });

  it('handles thousands of rows in several batches', async () => {
    const many = Array.from({ length: 4500 }, (_, i) => record(`US-EIN-${String(i).padStart(9, '0')}`, `Org ${i}`));
    await syncNgoDirectory(testDb.db, many, new Date());
    expect(await countNgoDirectory(testDb.db)).toBe(4500);
  });
});

describe('syncNgoDirectory: the public records', () => {
  it('stores each record whole with its places, files it under its causes and places, and follows updates and removals', async () => {
    const fresh = await createTestDatabase();
    onTestFinished(() => fresh.cleanup());
    const db = fresh.db;
    const belfast = record('GB-NIC-100001', 'Belfast Café Trust', {
      location: { country: 'GB', region: 'GB-NIR', city: 'Belfast' },
      countriesServed: ['GB', 'KE'],
      causes: ['education', 'youth'],
    });
    const london = record('GB-NIC-100002', 'London Lights', {
      location: { country: 'GB', region: 'GB-ENG', area: 'GB-ENG-LON' },
    });
    await syncNgoDirectory(db, [belfast, london], new Date());
    const stored = async (id: string) => {
      const [row] = await db.select().from(ngoDirectory).where(eq(ngoDirectory.id, id));
      const terms = await db.$client.execute({
        sql: 'SELECT term FROM ngo_directory_terms WHERE seq = (SELECT seq FROM ngo_directory_seq WHERE ngo_id = ?) ORDER BY term',
        args: [id],
      });
      return {
        record: row?.record ? (JSON.parse(row.record) as unknown) : null,
        places: row?.places ? (JSON.parse(row.places) as unknown) : null,
        terms: terms.rows.map((r) => String(r[0])),
      };
    };
    const search = async (match: string) =>
      (
        await db.$client.execute({
          sql: `SELECT s.ngo_id FROM ngo_directory_fts f JOIN ngo_directory_seq s ON s.seq = f.rowid
                WHERE ngo_directory_fts MATCH ? ORDER BY s.ngo_id`,
          args: [match],
        })
      ).rows.map((r) => String(r[0]));

    expect(await stored(belfast.id)).toEqual({
      record: belfast,
      places: ['gb', 'gb-nir', 'ke'],
      terms: ['cause:education', 'cause:youth', 'place:gb', 'place:gb-nir', 'place:ke'],
    });
    expect((await stored(london.id)).places).toEqual(['gb', 'gb-eng', 'gb-eng-lon']);
    // Diacritics folded: "cafe" finds "Café".
    expect(await search('cafe*')).toEqual([belfast.id]);

    const moved = {
      ...belfast,
      name: 'Belfast Reading Trust',
      causes: ['education'] as CauseId[],
      countriesServed: undefined,
    };
    delete moved.countriesServed;
    await syncNgoDirectory(db, [moved], new Date());
    expect(await stored(belfast.id)).toEqual({
      record: moved,
      places: ['gb', 'gb-nir'],
      terms: ['cause:education', 'place:gb', 'place:gb-nir'],
    });
    expect(await search('cafe*')).toEqual([]);
    expect(await search('reading')).toEqual([belfast.id]);
    // Removed: no row, no terms, not found by name.
    expect(await stored(london.id)).toEqual({ record: null, places: null, terms: [] });
    expect(await search('london')).toEqual([]);
  });

  it('leaves a joined NGO as approval wrote it, and fills its record from the proposal when it has none', async () => {
    const fresh = await createTestDatabase();
    onTestFinished(() => fresh.cleanup());
    const db = fresh.db;
    const now = new Date('2026-11-02T10:00:00Z');
    const admin = await upsertUser(
      db,
      { provider: 'demo', providerUserId: 'admin', name: 'Admin', pictureUrl: null },
      now,
    );
    const proposer = await upsertUser(
      db,
      { provider: 'demo', providerUserId: 'p', name: 'Pat', pictureUrl: null },
      now,
    );
    const created = await createProposal(
      db,
      proposer.id,
      {
        name: 'Les Amis du Quartier',
        country: 'FR',
        city: 'Lyon',
        register: null,
        registrationNumber: null,
        website: 'https://amis.example.org',
        mission: 'We run a neighbourhood food bank and homework club in Lyon.',
        causes: ['food-agriculture', 'education'],
        role: 'Coordinator',
        workEmail: 'pat@amis.example.org',
      },
      now,
    );
    if (created.status !== 'created') throw new Error(created.status);
    const ngoId = 'XX-JUMO-K7P3M2QD9A';
    const approved = await approveProposal(db, created.proposal.id, ngoId, admin.id, now);
    expect(approved.status).toBe('decided');
    const proposal = (await getProposal(db, created.proposal.id))!;
    const joinedRecord = toJoinedNgoRecord(proposal);
    const readJoined = async () => (await db.select().from(ngoDirectory).where(eq(ngoDirectory.id, ngoId)))[0]!;
    // Approval writes the same record the export builds.
    expect(JSON.parse((await readJoined()).record!)).toEqual(joinedRecord);
    expect((await readJoined()).slug).toBe('les-amis-du-quartier-xx-jumo-k7p3m2qd9a');
    expect(JSON.parse((await readJoined()).places!)).toEqual(['fr']);
    expect(JSON.parse((await readJoined()).summary!)).toEqual({
      id: ngoId,
      name: 'Les Amis du Quartier',
      slug: joinedRecord.slug,
      summary: joinedRecord.summary,
      causes: ['food-agriculture', 'education'],
      location: { country: 'FR', city: 'Lyon' },
    });

    // A content record with the same id does not overwrite it, and a sync without it keeps it.
    await syncNgoDirectory(db, [record(ngoId, 'Someone Else'), record('GB-NIC-100003', 'Other')], now);
    expect((await readJoined()).name).toBe('Les Amis du Quartier');
    expect(JSON.parse((await readJoined()).record!)).toEqual(joinedRecord);
    expect((await readJoined()).slug).toBe('les-amis-du-quartier-xx-jumo-k7p3m2qd9a');
    await syncNgoDirectory(db, [record('GB-NIC-100003', 'Other')], now);
    expect(JSON.parse((await readJoined()).record!)).toEqual(joinedRecord);
    expect((await readJoined()).slug).toBe('les-amis-du-quartier-xx-jumo-k7p3m2qd9a');

    // A row approved before the records existed (migration 0012) gets its record on the next sync.
    await db.update(ngoDirectory).set({ record: null, places: null }).where(eq(ngoDirectory.id, ngoId));
    await syncNgoDirectory(db, [record('GB-NIC-100003', 'Other'), record('GB-NIC-100004', 'Another')], now);
    expect(JSON.parse((await readJoined()).record!)).toEqual(joinedRecord);
    expect((await readJoined()).slug).toBe('les-amis-du-quartier-xx-jumo-k7p3m2qd9a');
    const terms = await db.$client.execute({
      sql: 'SELECT term FROM ngo_directory_terms WHERE seq = (SELECT seq FROM ngo_directory_seq WHERE ngo_id = ?)',
      args: [ngoId],
    });
    expect(terms.rows.map((r) => String(r[0])).sort()).toEqual([
      'cause:education',
      'cause:food-agriculture',
      'place:fr',
    ]);
  });
});

describe('toWebsiteHost and emailMatchesHost', () => {
  it('compare a work email with the website host, subdomains included, lookalikes not', () => {
    expect(toWebsiteHost('https://www.Example.org/about')).toBe('example.org');
    expect(toWebsiteHost(undefined)).toBeNull();
    expect(emailMatchesHost('a@example.org', 'example.org')).toBe(true);
    expect(emailMatchesHost('a@MAIL.example.org', 'example.org')).toBe(true);
    expect(emailMatchesHost('a@example.org.evil.com', 'example.org')).toBe(false);
    expect(emailMatchesHost('a@notexample.org', 'example.org')).toBe(false);
    expect(emailMatchesHost('a@example.org', null)).toBe(false);
  });
});
