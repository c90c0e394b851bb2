import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/helpers/harness.ts';
import { countNgoDirectory, getNgoFacts, syncNgoDirectory, toWebsiteHost } from './ngo-directory.ts';
import { emailMatchesHost } from './claims.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.cleanup());

const record = (id: string, name: string, extra: Partial<{ website: string; causes: string[] }> = {}) => ({
  id,
  name,
  slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${id.slice(-6)}`,
  website: extra.website,
  location: { country: 'GB' },
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
