import { describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import { buildSearchSorts } from './search-sorts.ts';

const ngo = (id: string, name: string, income?: number): Ngo => ({
  id,
  slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${id.slice(-6)}`,
  name,
  summary: `${name} is a test record used only to check the sort order.`,
  causes: ['health'],
  location: { country: 'GB', region: 'GB-NIR' },
  registry: { name: 'Charity Commission for Northern Ireland', number: id.slice(-6), url: 'https://example.org/' },
  ...(income === undefined ? {} : { financials: [{ currency: 'GBP', periodEnd: '2019-03', income, source: 'test' }] }),
});

describe('buildSearchSorts', () => {
  const records = [ngo('GB-NIC-100003', 'beta', 50), ngo('GB-NIC-100001', 'Alpha'), ngo('GB-NIC-100002', 'Gamma', 900)];
  const ids = new Map(records.map((r, i) => [`/ngos/${r.slug}/`, `en_${i}`]));

  it('lists fragment ids in name order (case-insensitive) and income as indexes, largest first', () => {
    const sorts = buildSearchSorts(records, ids);
    expect(sorts.ids).toEqual(['en_1', 'en_0', 'en_2']);
    expect(sorts.income.map((i) => sorts.ids[i])).toEqual(['en_2', 'en_0', 'en_1']);
  });

  it('fails when an NGO is missing from the index', () => {
    expect(() => buildSearchSorts(records, new Map())).toThrow(/no fragment for GB-NIC-10000[1-3]/);
  });
});
