import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { locateIrsRow, mapIrsRow } from './irs-row.ts';
import { loadNteeTable } from './ntee.ts';
import type { Row, RowResult } from './row-result.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const ntee = loadNteeTable(fixture('ntee-sample.csv'));

function readRows(name: string): Row[] {
  return parse(readFileSync(fixture(name)), { columns: true, relax_column_count: true, relax_quotes: true });
}

const rows = [...readRows('irs-eo4.csv'), ...readRows('irs-states.csv'), ...readRows('irs-bad.csv')];
const byEin = (ein: string) => {
  const row = rows.find((r) => r.EIN === ein);
  if (!row) throw new Error(`fixture has no EIN ${ein}`);
  return row;
};
const mapEin = (ein: string) => mapIrsRow(byEin(ein), ntee);
const ngoOf = (result: RowResult) => {
  if (result.kind !== 'ok') throw new Error(`expected a record, got ${JSON.stringify(result)}`);
  return result.ngo;
};

describe('mapIrsRow', () => {
  it('maps a foreign eo4 row: country from CITY, served there, no city, tier 1', () => {
    const result = mapEin('010674736');
    expect(ngoOf(result)).toEqual({
      id: 'US-EIN-010674736',
      slug: 'us-japan-relationship-fund-010674736',
      name: 'US-Japan Relationship Fund Inc',
      summary:
        'US-Japan Relationship Fund Inc is a US 501(c)(3) tax-exempt organization based in Japan, classified as Promotion of International Understanding (NTEE Q20), exempt since 2004.',
      causes: ['international'],
      location: { country: 'JP' },
      countriesServed: ['JP'],
      registry: {
        name: 'IRS Exempt Organizations Business Master File',
        number: '010674736',
        url: 'https://apps.irs.gov/app/eos/details/?ein=010674736',
      },
      classification: { scheme: 'NTEE', code: 'Q20', label: 'Promotion of International Understanding' },
      financials: [
        {
          currency: 'USD',
          periodEnd: '2023-12',
          income: 0,
          revenue: 0,
          assets: 0,
          source: 'IRS EO BMF, 2026-04-13 extract',
        },
      ],
      updated: '2026-04-13',
      registeredYear: 2004,
    });
    expect(result.kind === 'ok' && result.rank.tier).toBe(1);
  });

  it('maps a US state row with region, title-cased city and 5-digit ZIP, tier 2 by revenue', () => {
    const result = mapEin('813021580');
    const ngo = ngoOf(result);
    expect(ngo.location).toEqual({ country: 'US', region: 'US-AK', city: 'Fairbanks', postcode: '99701' });
    expect(ngo.countriesServed).toBeUndefined();
    expect(ngo.financials?.[0]).toMatchObject({ revenue: 401251005, income: 401394943, assets: 97994805 });
    expect(result.kind === 'ok' && result.rank).toEqual({
      tier: 2,
      revenue: 401251005,
      income: 401394943,
      id: 'US-EIN-813021580',
    });
  });

  it('makes territories their own countries with a city, and NTEE Q rows tier 1 even in a state', () => {
    expect(ngoOf(mapEin('010728628')).location).toEqual({ country: 'AS', city: 'Pago Pago', postcode: '96799' });
    const q = mapEin('200541842');
    expect(q.kind === 'ok' && q.rank.tier).toBe(1);
  });

  it('gives military addresses country US without a region', () => {
    expect(ngoOf(mapEin('061700976')).location).toEqual({ country: 'US', postcode: '09366' });
  });

  it('omits financials when TAX_PERIOD is empty, and the exemption year when RULING is 000000', () => {
    expect(ngoOf(mapEin('010674605')).financials).toBeUndefined();
    const result = mapEin('200541851');
    expect(ngoOf(result).registeredYear).toBeUndefined();
    expect(ngoOf(result).financials).toBeUndefined();
    expect(result.kind === 'ok' && result.notes.map((n) => n.reason)).toEqual(['bad TAX_PERIOD (financials omitted)']);
  });

  it('keeps 4-char and letter-suffixed NTEE codes, labelled from their 3-char base', () => {
    expect(ngoOf(mapEin('060726487')).classification).toEqual({
      scheme: 'NTEE',
      code: 'Q330',
      label: 'International Relief',
    });
    expect(ngoOf(mapEin('060726487')).causes).toEqual(['international', 'disaster-relief']);
    expect(ngoOf(mapEin('061603236')).classification).toEqual({ scheme: 'NTEE', code: 'A6A', label: 'Opera' });
  });

  it('omits a negative revenue from the record but ranks by it, with a note', () => {
    const result = mapEin('010970450');
    expect(ngoOf(result).financials).toEqual([
      {
        currency: 'USD',
        periodEnd: '2022-12',
        income: 138,
        assets: 334013,
        source: 'IRS EO BMF, 2026-04-13 extract',
      },
    ]);
    expect(result.kind === 'ok' && result.rank.revenue).toBe(-10742);
    expect(result.kind === 'ok' && result.notes).toEqual([
      { reason: 'negative REVENUE_AMT (omitted)', detail: '-10742' },
    ]);
  });

  it('skips rows that are not eligible', () => {
    expect(mapEin('030393565')).toEqual({ kind: 'skip', reason: 'not a 501(c)(3) (SUBSECTION is not 03)' });
    expect(mapEin('010897800')).toEqual({ kind: 'skip', reason: 'no NTEE code' });
  });

  it.each([
    ['200541843', 'unknown NTEE code', 'K3'],
    ['200541844', 'unknown NTEE code', '050'],
    ['12AB45678', 'bad EIN', '12AB45678'],
    ['200541845', 'missing name', undefined],
    ['200541846', 'bad number in REVENUE_AMT', '63O662'],
    ['200541848', 'unknown country', 'EAST AFRICA'],
    ['200541850', 'unknown state code', 'ZZ'],
  ])('rejects EIN %s: %s', (ein, reason, detail) => {
    expect(mapEin(ein)).toEqual(detail === undefined ? { kind: 'reject', reason } : { kind: 'reject', reason, detail });
  });

  it('keeps a row with garbled assets, leaving the figure out', () => {
    const result = mapEin('200541847');
    expect(ngoOf(result).financials?.[0]?.assets).toBeUndefined();
    expect(ngoOf(result).financials?.[0]?.revenue).toBe(630662);
    expect(result.kind === 'ok' && result.notes[0]?.reason).toBe('bad number in ASSET_AMT (omitted)');
  });

  it('pads short EINs to 9 digits', () => {
    const row = { ...byEin('010674736'), EIN: '10674736' };
    expect(ngoOf(mapIrsRow(row, ntee)).id).toBe('US-EIN-010674736');
  });

  it('locates a foreign row whose CITY names a US territory as that territory', () => {
    expect(locateIrsRow({ ...byEin('010674736'), CITY: 'PUERTO RICO' })).toMatchObject({
      kind: 'ok',
      location: { country: 'PR' },
    });
  });
});
