import { describe, expect, it } from 'vitest';
import type { Ngo } from '../../model/ngo.ts';
import {
  firstSentence,
  formatDay,
  formatMoney,
  formatMonth,
  formatRegistryNumber,
  getRegisterLabels,
  getReportedSize,
  labelRegistryNumber,
  truncate,
} from './format.ts';
import {
  describeLocation,
  getBasePlaces,
  getParentPlace,
  getPlaceName,
  getPlaceNameInText,
} from '../../model/places.ts';
import { buildNgoJsonLd, describeForMeta, serializeJsonLd } from './seo.ts';

const ngo = (over: Partial<Ngo> = {}): Ngo => ({
  id: 'GB-NIC-100571',
  slug: 'limbless-support-n-i-100571',
  name: 'Limbless Support N.I.',
  summary:
    'Limbless Support N.I. is a charity in Belfast, Northern Ireland, registered with the Charity Commission for Northern Ireland in 2015. It reported an income of £779 for the year ending December 2018.',
  causes: ['disability'],
  location: { country: 'GB', region: 'GB-NIR', city: 'Belfast', postcode: 'BT5 6BG' },
  registry: {
    name: 'Charity Commission for Northern Ireland',
    number: '100571',
    url: 'https://www.charitycommissionni.org.uk/charity-details/?regId=100571&subId=0',
  },
  ...over,
});

describe('text for listings and meta descriptions', () => {
  it('does not end a sentence inside an abbreviation', () => {
    expect(firstSentence(ngo().summary)).toBe(
      'Limbless Support N.I. is a charity in Belfast, Northern Ireland, registered with the Charity Commission for Northern Ireland in 2015.',
    );
    expect(describeForMeta(ngo().summary)).toBe(firstSentence(ngo().summary));
  });

  it('cuts long text at a word boundary with an ellipsis, and leaves short text alone', () => {
    const cut = truncate('one two three four five six seven', 20);
    expect(cut).toBe('one two three four…');
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(truncate('short', 20)).toBe('short');
    expect(describeForMeta('x'.repeat(300)).length).toBeLessThanOrEqual(158);
  });
});

describe('money, dates and numbers', () => {
  it('formats whole amounts in their currency', () => {
    expect(formatMoney(346770, 'GBP')).toBe('£346,770');
    expect(formatMoney(1170836, 'USD')).toBe('$1,170,836');
    expect(formatMonth('2019-03')).toBe('March 2019');
  });

  it('writes EINs as the IRS does and NI numbers as given', () => {
    expect(formatRegistryNumber(ngo())).toBe('100571');
    const us = ngo({
      id: 'US-EIN-010674736',
      registry: {
        name: 'IRS Exempt Organizations Business Master File',
        number: '010674736',
        url: 'https://apps.irs.gov/app/eos/details/?ein=010674736',
      },
    });
    expect(formatRegistryNumber(us)).toBe('01-0674736');
  });

  it('ranks by the larger of income and revenue, zero without figures', () => {
    expect(getReportedSize(ngo())).toBe(0);
    const f = { currency: 'USD' as const, periodEnd: '2024-12', source: 'IRS', income: 2, revenue: 5 };
    expect(getReportedSize(ngo({ financials: [f] }))).toBe(5);
    // The latest period counts, not the largest ever.
    const older = { ...f, periodEnd: '2019-12', income: 50, revenue: 50 };
    expect(getReportedSize(ngo({ financials: [f, older] }))).toBe(5);
  });
});

describe('registers', () => {
  const registered = (id: string, name: string, number: string) =>
    ngo({ id, registry: { name, number, url: 'https://example.org/record' } });

  it('labels every register the directory imports, and any other by its name', () => {
    expect(labelRegistryNumber(ngo())).toBe('NIC 100571');
    expect(labelRegistryNumber(registered('US-EIN-010674736', 'IRS', '010674736'))).toBe('EIN 01-0674736');
    const chc = registered('GB-CHC-1000340', 'Charity Commission for England and Wales', '1000340');
    expect(labelRegistryNumber(chc)).toBe('CHC 1000340');
    expect(getRegisterLabels(chc)).toMatchObject({
      kind: 'Registered charity, England and Wales',
      numberLabel: 'Charity no.',
      recordKeeper: 'the Charity Commission for England and Wales',
    });
    const sc = registered('GB-SC-SC012345', 'Scottish Charity Regulator', 'SC012345');
    expect(labelRegistryNumber(sc)).toBe('SC012345');
    expect(getRegisterLabels(sc).kind).toBe('Registered charity, Scotland');
    const other = ngo({ id: 'GB-NIC-100571', registry: undefined });
    expect(labelRegistryNumber(other)).toBe('GB-NIC-100571');
    expect(formatDay('2013-12-03')).toBe('3 December 2013');
  });
});

describe('places', () => {
  it('names the regions of the UK nations and nests them under their nation', () => {
    expect(getPlaceName('gb-eng-lon')).toBe('London');
    expect(getPlaceNameInText('GB-ENG-EE')).toBe('the East of England');
    expect(getPlaceNameInText('GB-SCT-HI')).toBe('the Highlands and Islands');
    expect(getParentPlace('GB-ENG-LON')).toBe('GB-ENG');
    expect(getParentPlace('GB-ENG')).toBe('GB');
    expect(getParentPlace('GB')).toBeUndefined();
    const london = ngo({ location: { country: 'GB', region: 'GB-ENG', area: 'GB-ENG-LON', city: 'London' } });
    expect(getBasePlaces(london)).toEqual(['GB', 'GB-ENG', 'GB-ENG-LON']);
    expect(describeLocation(london)).toBe('London, England');
  });

  it('names countries and subdivisions, with "the" where English needs it', () => {
    expect(getPlaceName('us-ak')).toBe('Alaska');
    expect(getPlaceName('gb-nir')).toBe('Northern Ireland');
    expect(getPlaceName('JP')).toBe('Japan');
    expect(getPlaceNameInText('US')).toBe('the United States');
    expect(getPlaceNameInText('us-dc')).toBe('the District of Columbia');
    expect(getPlaceNameInText('JP')).toBe('Japan');
    expect(describeLocation(ngo())).toBe('Belfast, Northern Ireland');
    expect(describeLocation(ngo({ location: { country: 'ZA' } }))).toBe('South Africa');
  });
});

describe('JSON-LD', () => {
  it('describes the NGO with identifiers, address and sameAs, and cannot close its script tag', () => {
    const data = buildNgoJsonLd(
      ngo({ name: 'A </script> B', website: 'https://example.org/' }),
      'https://jumo.example/ngos/x/',
    );
    expect(data['@type']).toBe('NGO');
    expect(data.identifier).toEqual([
      { '@type': 'PropertyValue', propertyID: 'org-id', value: 'GB-NIC-100571' },
      expect.objectContaining({ propertyID: 'Charity Commission for Northern Ireland', value: '100571' }),
    ]);
    expect(data.address).toEqual({
      '@type': 'PostalAddress',
      addressLocality: 'Belfast',
      addressRegion: 'Northern Ireland',
      postalCode: 'BT5 6BG',
      addressCountry: 'GB',
    });
    expect(data.sameAs).toEqual([ngo().registry?.url, 'https://example.org/']);
    const json = serializeJsonLd(data);
    expect(json).not.toContain('</script');
    expect(JSON.parse(json).name).toBe('A </script> B');
  });
});
