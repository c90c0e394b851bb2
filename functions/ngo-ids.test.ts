import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NGO_IDS_MODULE, renderNgoIdsModule } from '../scripts/write-ngo-ids.ts';
import { countKnownNgoIds, decodeNgoIds, encodeNgoIds, isKnownNgoId } from './ngo-ids.ts';

describe('NGO id set', () => {
  it('round-trips ids with leading zeros and mixed prefixes', () => {
    const ids = ['US-EIN-000000017', 'US-EIN-010674736', 'US-EIN-999999999', 'GB-NIC-100002', 'GB-NIC-7', 'GB-NIC-1234567'];
    expect([...decodeNgoIds(encodeNgoIds(ids))].sort()).toEqual([...ids].sort());
  });

  it('knows the directory and the test fixture, and nothing else', () => {
    expect(isKnownNgoId('US-EIN-010674736')).toBe(true);
    expect(isKnownNgoId('GB-NIC-100002')).toBe(true);
    expect(isKnownNgoId('US-EIN-050390312')).toBe(true); // fixture only
    expect(isKnownNgoId('US-EIN-999999999')).toBe(false);
    expect(isKnownNgoId('GB-NIC-100002 ')).toBe(false);
    expect(countKnownNgoIds()).toBeGreaterThan(35_000);
  });

  it('is up to date with content/ngos (run scripts/write-ngo-ids.ts after an import)', async () => {
    expect(await readFile(NGO_IDS_MODULE, 'utf8')).toBe(await renderNgoIdsModule());
  });
});
