import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ngoSchema, type Ngo } from '../../model/ngo.ts';
import type { RowResult } from './row-result.ts';
import { placeUkPostcode } from './uk-postcodes.ts';
import { mapIcnptso, mapUkcatToCauses } from './ukcat-cause-map.ts';
import { cleanParagraphs, mapUkcatRow, softenCapitals } from './ukcat-row.ts';
import { loadUkcatTags } from './ukcat-tags.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const tags = loadUkcatTags(fixture('ukcat-tags-sample.csv'));

const base = {
  org_id: 'GB-CHC-1000340',
  reg_number: '1000340',
  name: 'FREEDOM FROM TORTURE',
  postcode: 'N7 7JW',
  active: 'True',
  date_registered: '1990-09-13 00:00:00',
  activities: 'We provide direct care to survivors of torture.',
  objects: '',
  income: '15113123',
  spending: '14354962',
  fye: '2025-03-31 00:00:00',
  web: 'www.freedomfromtorture.org',
  UKCAT: 'SO105;BE101',
  ICNPTSO: 'G10',
};
const map = (row: Partial<typeof base>) => mapUkcatRow({ ...base, ...row }, tags);
function ngoOf(result: RowResult): Ngo {
  if (result.kind !== 'ok') throw new Error(`expected a record, got ${JSON.stringify(result)}`);
  return result.ngo;
}

describe('mapUkcatRow', () => {
  it('maps an England & Wales row: title-cased name, register link, place, tags, own words, figures', () => {
    const result = map({});
    const ngo = ngoOf(result);
    expect(ngoSchema.parse(ngo)).toEqual(ngo);
    expect(ngo).toMatchObject({
      id: 'GB-CHC-1000340',
      slug: 'freedom-from-torture-1000340',
      name: 'Freedom From Torture',
      location: { country: 'GB', region: 'GB-ENG', area: 'GB-ENG-LON', city: 'London', postcode: 'N7 7JW' },
      website: 'https://www.freedomfromtorture.org/',
      registry: {
        name: 'Charity Commission for England and Wales',
        number: '1000340',
        url: 'https://register-of-charities.charitycommission.gov.uk/en/charity-search/-/charity-details/1000340',
      },
      ownWords: { text: 'We provide direct care to survivors of torture.' },
      tags: [
        { scheme: 'UK-CAT', code: 'SO105', label: 'Human rights' },
        { scheme: 'UK-CAT', code: 'BE101', label: 'Asylum seekers and refugees' },
      ],
      financials: [
        {
          currency: 'GBP',
          periodEnd: '2025-03',
          income: 15113123,
          spending: 14354962,
          source: 'Charity Commission for England and Wales register, via UK-CAT (2026-07-07)',
        },
      ],
      updated: '2026-07-07',
      registeredYear: 1990,
      registeredOn: '1990-09-13',
    });
    expect(ngo.causes).toEqual(['human-rights', 'international']);
    expect(ngo.summary).toBe(
      'Freedom From Torture is a charity in London, England, registered with the Charity Commission for England and ' +
        'Wales since 1990. Its income was £15,113,123 in the year to March 2025.',
    );
    expect(result.kind === 'ok' && result.rank).toEqual({ tier: 0, revenue: 15113123, income: 15113123, id: ngo.id });
  });

  it('maps Scottish and Northern Irish ids, numbers and public-record links', () => {
    const sc = ngoOf(
      map({ org_id: 'GB-SC-SC012345', name: 'Highland Food Bank', postcode: 'IV1 1AA', UKCAT: 'SW301' }),
    );
    expect(sc.id).toBe('GB-SC-SC012345');
    expect(sc.slug).toBe('highland-food-bank-sc012345');
    expect(sc.registry).toEqual({
      name: 'Scottish Charity Regulator',
      number: 'SC012345',
      url: 'https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number=SC012345',
    });
    expect(sc.location).toMatchObject({ region: 'GB-SCT', area: 'GB-SCT-HI' });
    expect(sc.causes).toEqual(['food-agriculture', 'poverty']);
    expect(sc.summary).toContain(
      'registered with the Scottish Charity Regulator (OSCR) since 1990. It works on social welfare;',
    );
    const ni = ngoOf(map({ org_id: 'GB-NIC-100002', name: 'Cancer Lifeline', postcode: 'BT14 7PJ' }));
    expect(ni.registry?.url).toBe('https://www.charitycommissionni.org.uk/charity-details/?regId=100002&subId=0');
    expect(ni.location).toEqual({ country: 'GB', region: 'GB-NIR', city: 'Belfast', postcode: 'BT14 7PJ' });
  });

  it('keeps mixed-case names and reads blank, www. and upper-case websites', () => {
    expect(ngoOf(map({ name: 'We Are With You' })).name).toBe('We Are With You');
    expect(ngoOf(map({ web: '' })).website).toBeUndefined();
    expect(ngoOf(map({ web: 'HTTPS://WWW.EXAMPLE.ORG.UK/' })).website).toBe('https://www.example.org.uk/');
    expect(ngoOf(map({ web: 'n/a' })).website).toBeUndefined();
  });

  it('skips unknown tags with a note, and takes causes from ICNPTSO or keyword rules when untagged', () => {
    const result = map({ UKCAT: 'HE202;ZZ999' });
    expect(ngoOf(result).tags?.map((t) => t.code)).toEqual(['HE202']);
    expect(result.kind === 'ok' && result.notes).toContainEqual({
      reason: 'unknown UK-CAT tag (skipped)',
      detail: 'ZZ999',
    });
    expect(ngoOf(map({ UKCAT: '', ICNPTSO: 'E21' })).causes).toEqual(['animals']);
    const byWords = ngoOf(map({ UKCAT: '', ICNPTSO: '', activities: 'We manage nature reserves for wildlife.' }));
    expect(byWords.causes).toEqual(['animals', 'environment']);
    expect(byWords.tags).toBeUndefined(); // keyword matches choose causes; they are not shown as UK-CAT's tags
    expect(ngoOf(map({ UKCAT: '', ICNPTSO: '', activities: 'Grants.' })).causes).toEqual(['general']);
  });

  it('skips inactive charities and rejects rows without a name or a valid org_id', () => {
    expect(map({ active: 'False' })).toEqual({ kind: 'skip', reason: 'no longer registered (UK-CAT)' });
    expect(map({ name: '' })).toEqual({ kind: 'reject', reason: 'missing name', detail: 'GB-CHC-1000340' });
    expect(map({ org_id: 'GB-COH-01234567' })).toEqual({
      kind: 'reject',
      reason: 'bad org_id',
      detail: 'GB-COH-01234567',
    });
  });

  it('reads float amounts, leaves out negative ones with a note, and omits figures without a year end', () => {
    const result = map({ income: '-120.0', spending: '5000.4' });
    expect(ngoOf(result).financials?.[0]).toMatchObject({ spending: 5000 });
    expect(ngoOf(result).financials?.[0]?.income).toBeUndefined();
    expect(result.kind === 'ok' && result.notes).toContainEqual({
      reason: 'negative income (omitted)',
      detail: '-120.0',
    });
    expect(ngoOf(map({ fye: '' })).financials).toBeUndefined();
  });

  it('places a charity whose postcode field holds a town, or nothing usable, by its register', () => {
    expect(ngoOf(map({ postcode: 'POOLE' })).location).toEqual({
      country: 'GB',
      region: 'GB-ENG',
      area: 'GB-ENG-SW',
      city: 'Poole',
    });
    expect(ngoOf(map({ postcode: 'SK9 7UD' })).summary).toMatch(
      /^Freedom From Torture is a charity in North West England, /,
    );
    expect(ngoOf(map({ postcode: 'NG34 8QW' })).summary).toMatch(/ is a charity in the East Midlands, England, /);
    const unknown = map({ postcode: 'Wiltshir' });
    expect(ngoOf(unknown).location).toEqual({ country: 'GB' });
    expect(ngoOf(unknown).summary).toMatch(/^Freedom From Torture is a charity, registered with/);
    expect(ngoOf(map({ org_id: 'GB-SC-SC000001', postcode: '' })).location).toEqual({
      country: 'GB',
      region: 'GB-SCT',
    });
  });
});

describe('own words', () => {
  it('keeps paragraphs of multi-line text and shows text written in capitals in sentence case', () => {
    expect(cleanParagraphs('First  line\r\nsecond line\n\n\n  New paragraph ')).toBe(
      'First line\nsecond line\n\nNew paragraph',
    );
    expect(softenCapitals('WE RUN SAILING SESSIONS IN THE UK. I HELP.')).toBe(
      'We run sailing sessions in the UK. I help.',
    );
    expect(softenCapitals('We run SAILING sessions.')).toBe('We run SAILING sessions.');
  });
});

describe('placeUkPostcode', () => {
  it('finds nation, region and, for big-city districts, the city', () => {
    expect(placeUkPostcode('ec4y 0ds')).toEqual({
      region: 'GB-ENG',
      area: 'GB-ENG-LON',
      city: 'London',
      postcode: 'EC4Y 0DS',
    });
    expect(placeUkPostcode('EC4Y ODS')?.postcode).toBe('EC4Y 0DS'); // letter O for zero
    expect(placeUkPostcode('SK9 7UD')).toEqual({ region: 'GB-ENG', area: 'GB-ENG-NW', postcode: 'SK9 7UD' });
    expect(placeUkPostcode('CH5 1AA')?.region).toBe('GB-WLS'); // Flintshire, in an English-named area
    expect(placeUkPostcode('SY23 1AA')).toMatchObject({ region: 'GB-WLS', area: 'GB-WLS-MW' });
    expect(placeUkPostcode('TD15 1AA')?.region).toBe('GB-ENG'); // Berwick-upon-Tweed
    expect(placeUkPostcode('EH1 1YZ')).toMatchObject({ region: 'GB-SCT', area: 'GB-SCT-EA', city: 'Edinburgh' });
    expect(placeUkPostcode('BR5')).toEqual({ region: 'GB-ENG', area: 'GB-ENG-LON' });
    expect(placeUkPostcode('M5V 3A7')).toBeUndefined(); // Toronto
    expect(placeUkPostcode('East Sus')).toBeUndefined();
  });
});

describe('UK-CAT causes', () => {
  it('ranks causes by how many tags point at them, specific tags before their category', () => {
    expect(mapUkcatToCauses(['SW301', 'SW105', 'ED'], '')).toEqual([
      'poverty',
      'food-agriculture',
      'human-services',
      'education',
    ]);
    expect(mapUkcatToCauses(['HE210', 'HE304'], '')).toEqual(['mental-health']);
    expect(mapUkcatToCauses(['XX123'], '')).toEqual(['general']);
  });

  it('maps ICNPTSO codes by group, then section', () => {
    expect(mapIcnptso('E21')).toEqual(['animals']);
    expect(mapIcnptso('G30')).toEqual(['international']);
    expect(mapIcnptso('A12')).toEqual(['arts-culture']);
    expect(mapIcnptso('Q99')).toEqual([]);
  });
});
