import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { mapNiRow, parseNiAddress, splitCategories, splitPurposes } from './ni-row.ts';
import type { Row, RowResult } from './row-result.ts';

const rows: Row[] = parse(readFileSync(fileURLToPath(new URL('./fixtures/ni-register.csv', import.meta.url))), {
  bom: true,
  columns: (header: string[]) => header.map((name) => name || '(trailing)'),
});
const mapNumber = (number: string) => {
  const row = rows.find((r) => r['Reg charity number'] === number);
  if (!row) throw new Error(`fixture has no charity ${number}`);
  return mapNiRow(row);
};
const ngoOf = (result: RowResult) => {
  if (result.kind !== 'ok') throw new Error(`expected a record, got ${JSON.stringify(result)}`);
  return result.ngo;
};

describe('mapNiRow', () => {
  it('maps a register row to the NGO model', () => {
    expect(ngoOf(mapNumber('100002'))).toEqual({
      id: 'GB-NIC-100002',
      slug: 'cancer-lifeline-100002',
      name: 'Cancer Lifeline',
      summary:
        'Cancer Lifeline is a charity in Belfast, Northern Ireland, registered with the Charity Commission for Northern Ireland since 2013. It works on education, health and relief of those in need; income £346,770 in the year to March 2019.',
      causes: ['education', 'health', 'human-services', 'mental-health'],
      location: { country: 'GB', region: 'GB-NIR', city: 'Belfast', postcode: 'BT14 7PJ' },
      beneficiaries: [
        'Carers',
        'General public',
        'Mental health',
        'Physical disabilities',
        'Voluntary and community sector',
      ],
      activities: [
        'Advice/advocacy/information',
        'Counselling/support',
        'Education/training',
        'Medical/health/sickness',
      ],
      website: 'https://www.cancerlifeline.info/',
      registry: {
        name: 'Charity Commission for Northern Ireland',
        number: '100002',
        url: 'https://www.charitycommissionni.org.uk/charity-details/?regId=100002&subId=0',
      },
      financials: [
        {
          currency: 'GBP',
          periodEnd: '2019-03',
          income: 346770,
          spending: 349653,
          source: 'Charity Commission for Northern Ireland register, 2020-06-30 export',
        },
      ],
      updated: '2020-06-30',
      registeredYear: 2013,
    });
  });

  it('fixes "(Ni)" and keeps accented names intact, with ASCII slugs', () => {
    expect(ngoOf(mapNumber('100004')).name).toBe('Disability Action (NI)');
    const firinne = ngoOf(mapNumber('100016'));
    expect(firinne.name).toBe('Fírinne');
    expect(firinne.slug).toBe('firinne-100016');
    expect(firinne.location.city).toBe('Enniskillen'); // "County Fermanagh" skipped
    const mhic = ngoOf(mapNumber('100507'));
    expect(mhic.name).toBe('Cumann Cultúrtha Mhic Reachtain (McCracken Cultural Society)');
  });

  it('skips removed charities', () => {
    expect(mapNumber('100019')).toEqual({ kind: 'skip', reason: 'removed from the NI register' });
  });

  it('omits a negative income with a note, and ranks every NI charity in tier 0', () => {
    const result = mapNumber('100612');
    expect(ngoOf(result).financials).toEqual([
      {
        currency: 'GBP',
        periodEnd: '2019-03',
        spending: 870,
        source: 'Charity Commission for Northern Ireland register, 2020-06-30 export',
      },
    ]);
    expect(result.kind === 'ok' && result.notes).toEqual([
      { reason: 'negative Total income (omitted)', detail: '-280' },
    ]);
    expect(result.kind === 'ok' && result.rank.tier).toBe(0);
  });

  it('gives no city or postcode for an address outside Northern Ireland', () => {
    const ngo = ngoOf(mapNumber('100311'));
    expect(ngo.location).toEqual({ country: 'GB', region: 'GB-NIR' });
    expect(ngo.name).toBe('Mudra Academy of Performing Arts UK');
  });

  it('reads a quoted multi-line address and normalises the website', () => {
    const ngo = ngoOf(mapNumber('100900'));
    expect(ngo.location).toEqual({ country: 'GB', region: 'GB-NIR', city: 'Newry', postcode: 'BT35 6AA' });
    expect(ngo.website).toBe('https://www.example.org/About');
  });

  it('rejects a bad charity number and a missing name', () => {
    expect(mapNumber('10A002')).toEqual({ kind: 'reject', reason: 'bad charity number', detail: '10A002' });
    expect(mapNumber('100901')).toEqual({ kind: 'reject', reason: 'missing name' });
  });
});

describe('NI fields', () => {
  it('splits purposes only where a new capitalised category starts', () => {
    expect(
      splitPurposes(
        'The advancement of education,The relief of those in need by reason of youth, age, ill-health, disability, financial hardship or other disadvantage',
      ),
    ).toEqual([
      'The advancement of education',
      'The relief of those in need by reason of youth, age, ill-health, disability, financial hardship or other disadvantage',
    ]);
    expect(splitCategories('Carers,General public,,Carers')).toEqual(['Carers', 'General public']);
  });

  it.each([
    ['Cancer Lifeline, 44 Alliance Avenue, Belfast, BT14 7PJ', { city: 'Belfast', postcode: 'BT14 7PJ' }],
    ['Portside Business Park, 189 Airport Road West, Belfast., BT3 9ED', { city: 'Belfast', postcode: 'BT3 9ED' }],
    ['2 Abercorn Square, Strabane, Co Tyrone, BT82 8AN', { city: 'Strabane', postcode: 'BT82 8AN' }],
    ["St Luke's Hospital, 71 Loughgall Road, Armagh, Bt61 7Nq, BT61 7NQ", { city: 'Armagh', postcode: 'BT61 7NQ' }],
    ['Eden Centre, 42 Beltoy Road, Co. Antrim Bt28 1Jp', { postcode: 'BT28 1JP' }],
    ['1 Main St, CARRICKFERGUS, BT38 7AA', { city: 'Carrickfergus', postcode: 'BT38 7AA' }],
    ['Belfast Jewish Community, 49 Somerton Road, BT15 4DD', { postcode: 'BT15 4DD' }],
    ['54 Bisley Crescent, Cambridge, CB23 6JA', {}],
  ])('parseNiAddress(%j)', (address, expected) => {
    expect(parseNiAddress(address)).toEqual(expected);
  });
});
