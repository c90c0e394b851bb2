import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveNgoProfile } from '../../db/ngo-profiles.ts';
import { users } from '../../db/schema.ts';
import { publishedProfileSchema } from '../../model/ngo-profile.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/harness.ts';
import { fingerprintExports, runExporters, stringifyStable } from './exporter.ts';
import { EXPORTERS } from './exporters.ts';
import { planStartPublish, recordBuiltExports } from './publish-on-start.ts';
import { profilesExporter } from './profiles.ts';

let database: TestDatabase;
let dir: string;

async function save(ngoId: string, data: Record<string, unknown>, at: string) {
  await saveNgoProfile(
    database.db,
    { ngoId, data: JSON.stringify(data), authorId: 'u1', action: 'edit' },
    new Date(at),
  );
}

beforeEach(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'jumo-export-'));
  await database.db.insert(users).values({
    id: 'u1',
    provider: 'demo',
    providerUserId: 'u1',
    name: 'Mona',
    createdAt: new Date(),
    updatedAt: new Date(),
  });
});

afterEach(() => {
  database.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('stringifyStable', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(stringifyStable({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });
});

describe('the profiles export', () => {
  it('writes one line per NGO sorted by id, keys sorted, with updatedAt, and the same bytes every time', async () => {
    // Saved out of id order, with keys in another order than the output's.
    await save('US-EIN-010674736', { website: 'https://b.example.org/', mission: 'B' }, '2027-03-12T10:00:00Z');
    await save('GB-NIC-100002', { yearFounded: 1999, languages: ['ga', 'en'] }, '2027-03-10T08:00:00Z');

    const [first] = await runExporters(database.db, dir, [profilesExporter]);
    expect(first).toMatchObject({ file: 'profiles.jsonl', lines: 2, changed: true });
    const path = join(dir, 'profiles.jsonl');
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(
      '{"languages":["ga","en"],"ngoId":"GB-NIC-100002","updatedAt":"2027-03-10T08:00:00.000Z","yearFounded":1999}\n' +
        '{"mission":"B","ngoId":"US-EIN-010674736","updatedAt":"2027-03-12T10:00:00.000Z","website":"https://b.example.org/"}\n',
    );
    for (const line of text.trim().split('\n'))
      expect(publishedProfileSchema.safeParse(JSON.parse(line)).success).toBe(true);

    const mtime = statSync(path).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [again] = await runExporters(database.db, dir, [profilesExporter]);
    expect(again).toMatchObject({ lines: 2, changed: false });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it('rewrites the file and moves the fingerprint when a profile changes', async () => {
    await save('GB-NIC-100002', { mission: 'One' }, '2027-03-10T08:00:00Z');
    await runExporters(database.db, dir, EXPORTERS);
    const before = await fingerprintExports(dir, EXPORTERS);
    expect(await fingerprintExports(dir, EXPORTERS)).toBe(before);

    await save('GB-NIC-100002', { mission: 'Two' }, '2027-03-11T08:00:00Z');
    const [result] = await runExporters(database.db, dir, EXPORTERS);
    expect(result!.changed).toBe(true);
    expect(readFileSync(join(dir, 'profiles.jsonl'), 'utf8')).toContain('"mission":"Two"');
    expect(await fingerprintExports(dir, EXPORTERS)).not.toBe(before);
  });

  it('writes an empty file when no NGO has a profile', async () => {
    const [result] = await runExporters(database.db, dir, EXPORTERS);
    expect(result).toMatchObject({ lines: 0, changed: true });
    expect(readFileSync(join(dir, 'profiles.jsonl'), 'utf8')).toBe('');
  });
});

describe('npm start: rebuild only when the exported data changed', () => {
  const plan = (distExists: boolean) =>
    planStartPublish({
      db: database.db,
      exportDir: dir,
      exporters: EXPORTERS,
      recordFile: join(dir, 'record.txt'),
      distExists,
    });

  it('builds when dist is missing; without a record only when there is data to show', async () => {
    expect((await plan(false)).rebuildReason).toBe('dist/client is missing');
    expect((await plan(true)).rebuildReason).toBeNull();
    await save('GB-NIC-100002', { mission: 'One' }, '2027-03-10T08:00:00Z');
    expect((await plan(true)).rebuildReason).toMatch(/predate/);
  });

  it('compares with the fingerprint the last build recorded', async () => {
    await save('GB-NIC-100002', { mission: 'One' }, '2027-03-10T08:00:00Z');
    const built = await plan(true);
    await recordBuiltExports(join(dir, 'record.txt'), built.fingerprint);
    expect((await plan(true)).rebuildReason).toBeNull();
    await save('GB-NIC-100002', { mission: 'Two' }, '2027-03-11T08:00:00Z');
    expect((await plan(true)).rebuildReason).toMatch(/changed since the last build/);
  });
});
