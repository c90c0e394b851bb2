import { describe, expect, it } from 'vitest';
import type { PublishedProfile } from '../../model/ngo-profile.ts';
import { buildNgoLastmods, getNgoPageSlug, getRegisterDate } from './sitemap-lastmod.ts';

const profile = (ngoId: string, updatedAt: string) => ({ ngoId, updatedAt }) as PublishedProfile;

describe('sitemap lastmod of NGO pages', () => {
  it('takes the register date from `updated`, else from the extract named in the figures, else none', () => {
    const source = 'IRS EO BMF, 2026-04-13 extract';
    expect(getRegisterDate({ id: 'a', slug: 'a', updated: '2026-07-07', financials: { source } })).toBe('2026-07-07');
    expect(getRegisterDate({ id: 'a', slug: 'a', financials: { source } })).toBe('2026-04-13');
    expect(getRegisterDate({ id: 'a', slug: 'a' })).toBeUndefined();
  });

  it("gives each page the newer of its register date and its NGO profile's update day", () => {
    const ngos = [
      { id: 'GB-NIC-1', slug: 'older-profile-1', updated: '2026-07-07' },
      { id: 'GB-NIC-2', slug: 'newer-profile-2', updated: '2026-07-07' },
      { id: 'GB-NIC-3', slug: 'no-profile-3', updated: '2020-06-30' },
      { id: 'GB-NIC-4', slug: 'profile-only-4' },
      { id: 'GB-NIC-5', slug: 'no-date-5' },
    ];
    const profiles = new Map([
      ['GB-NIC-1', profile('GB-NIC-1', '2025-12-01T10:00:00.000Z')],
      ['GB-NIC-2', profile('GB-NIC-2', '2027-03-12T23:59:00.000Z')],
      ['GB-NIC-4', profile('GB-NIC-4', '2026-01-02T08:00:00.000Z')],
    ]);
    expect(Object.fromEntries(buildNgoLastmods(ngos, profiles))).toEqual({
      'older-profile-1': '2026-07-07',
      'newer-profile-2': '2027-03-12',
      'no-profile-3': '2020-06-30',
      'profile-only-4': '2026-01-02',
    });
  });

  it('recognises NGO page URLs only, not their report pages or other pages', () => {
    expect(getNgoPageSlug('https://jumo.example.org/ngos/cancer-lifeline-100002/')).toBe('cancer-lifeline-100002');
    expect(getNgoPageSlug('https://jumo.example.org/ngos/cancer-lifeline-100002/reports/r1/')).toBeUndefined();
    expect(getNgoPageSlug('https://jumo.example.org/causes/health/')).toBeUndefined();
  });
});
