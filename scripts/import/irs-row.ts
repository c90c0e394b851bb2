import type { Ngo } from '../../model/ngo.ts';
import { mapNteeToCauses } from './cause-map.ts';
import { findCountryCode, getCountryName, US_MILITARY, US_STATES, US_TERRITORIES } from './countries.ts';
import { cleanText, parseAmount, toYear, type Amount } from './fields.ts';
import { toNgoSlug } from '../../model/slug.ts';
import { NTEE_MAJOR_GROUPS, parseNteeCode, type NteeTable } from './ntee.ts';
import { acceptRecord, reject, type Note, type Row, type RowResult } from './row-result.ts';
import { buildIrsSummary } from './summary.ts';
import { titleCaseName } from './title-case.ts';

/** Columns the mapper reads: a CSV header containing all of them is an IRS EO BMF extract. */
export const IRS_COLUMNS = [
  'EIN',
  'NAME',
  'STREET',
  'CITY',
  'STATE',
  'ZIP',
  'SUBSECTION',
  'RULING',
  'TAX_PERIOD',
  'ASSET_AMT',
  'INCOME_AMT',
  'REVENUE_AMT',
  'NTEE_CD',
] as const;

/** The extract's date, as documented in ../shared/data/README.md. */
export const IRS_DATE = '2026-04-13';
export const IRS_SOURCE = `IRS EO BMF, ${IRS_DATE} extract`;
const REGISTRY_NAME = 'IRS Exempt Organizations Business Master File';

type Located =
  | { kind: 'ok'; location: Ngo['location']; countriesServed?: string[]; place: string | undefined; military: boolean }
  | { kind: 'reject'; reason: string; detail: string };

/**
 * Where the organisation is. State files carry a USPS code; eo4's foreign rows
 * leave STATE empty and put the country name in CITY (the locality, in STREET,
 * is free text and not used).
 */
export function locateIrsRow(row: Row): Located {
  const state = cleanText(row.STATE).toUpperCase();
  const cityText = cleanText(row.CITY);
  const city = cityText && cityText.length <= 80 ? titleCaseName(cityText) : undefined;
  const zip = /^(\d{5})/.exec(cleanText(row.ZIP))?.[1];
  const postcode = zip && zip !== '00000' ? zip : undefined;
  const stateName = US_STATES[state];
  if (stateName) {
    const location = { country: 'US', region: `US-${state}`, city, postcode };
    return { kind: 'ok', location, place: city ? `${city}, ${stateName}` : stateName, military: false };
  }
  if (US_TERRITORIES.has(state)) {
    const name = getCountryName(state);
    return {
      kind: 'ok',
      location: { country: state, city, postcode },
      place: city ? `${city}, ${name}` : name,
      military: false,
    };
  }
  if (US_MILITARY.has(state))
    return { kind: 'ok', location: { country: 'US', postcode }, place: undefined, military: true };
  if (state !== '') return { kind: 'reject', reason: 'unknown state code', detail: state };
  const country = findCountryCode(cityText);
  if (!country) return { kind: 'reject', reason: 'unknown country', detail: cityText || '(empty CITY)' };
  if (country === 'US') return { kind: 'ok', location: { country }, place: undefined, military: false };
  // A US charity whose address is abroad works there.
  return {
    kind: 'ok',
    location: { country },
    countriesServed: [country],
    place: getCountryName(country),
    military: false,
  };
}

/** Eligible: a 501(c)(3) public charity or private foundation with an NTEE code. */
function checkEligibility(row: Row): string | undefined {
  if (cleanText(row.SUBSECTION) !== '03') return 'not a 501(c)(3) (SUBSECTION is not 03)';
  if (cleanText(row.NTEE_CD) === '') return 'no NTEE code';
  return undefined;
}

/** Map one EO BMF row to an NGO record, or say why not. */
export function mapIrsRow(row: Row, ntee: NteeTable): RowResult {
  const ineligible = checkEligibility(row);
  if (ineligible) return { kind: 'skip', reason: ineligible };

  const einText = cleanText(row.EIN);
  if (!/^\d{1,9}$/.test(einText) || /^0+$/.test(einText)) return reject('bad EIN', einText || '(empty)');
  const ein = einText.padStart(9, '0');
  const rawName = cleanText(row.NAME);
  if (rawName.length < 2) return reject('missing name');
  if (rawName.length > 200) return reject('name too long', rawName.slice(0, 40));
  const name = titleCaseName(rawName);

  const code = parseNteeCode(row.NTEE_CD ?? '', ntee);
  if (!code) return reject('unknown NTEE code', cleanText(row.NTEE_CD));

  const notes: Note[] = [];
  const revenue = parseAmount(row.REVENUE_AMT);
  if (revenue.kind === 'bad') return reject('bad number in REVENUE_AMT', revenue.raw);
  const income = parseAmount(row.INCOME_AMT);
  if (income.kind === 'bad') return reject('bad number in INCOME_AMT', income.raw);
  const assets = parseAmount(row.ASSET_AMT);
  if (assets.kind === 'bad') notes.push({ reason: 'bad number in ASSET_AMT (omitted)', detail: assets.raw });

  const located = locateIrsRow(row);
  if (located.kind === 'reject') return reject(located.reason, located.detail);

  const period = /^(\d{4})(0[1-9]|1[0-2])$/.exec(cleanText(row.TAX_PERIOD));
  if (!period && cleanText(row.TAX_PERIOD) !== '') {
    notes.push({ reason: 'bad TAX_PERIOD (financials omitted)', detail: cleanText(row.TAX_PERIOD) });
  }
  const periodEnd = period ? `${period[1]}-${period[2]}` : undefined;
  const keep = (amount: Amount, column: string): number | undefined => {
    if (amount.kind === 'negative' && periodEnd)
      notes.push({ reason: `negative ${column} (omitted)`, detail: String(amount.value) });
    return amount.kind === 'ok' ? amount.value : undefined;
  };
  const financials = periodEnd
    ? {
        currency: 'USD',
        periodEnd,
        income: keep(income, 'INCOME_AMT'),
        revenue: keep(revenue, 'REVENUE_AMT'),
        assets: keep(assets, 'ASSET_AMT'),
        source: IRS_SOURCE,
      }
    : undefined;

  const ruling = cleanText(row.RULING);
  const registeredYear = /^\d{6}$/.test(ruling) ? toYear(ruling.slice(0, 4)) : undefined;
  const summary = buildIrsSummary({
    name,
    place: located.place,
    military: located.military,
    nteeCode: code.code,
    nteeLabel: code.label,
    nteeGroup: code.isCommonCode ? NTEE_MAJOR_GROUPS[code.group] : undefined,
    rulingYear: registeredYear,
    periodEnd,
    revenue: financials?.revenue,
    income: financials?.income,
  });

  const id = `US-EIN-${ein}`;
  const record = {
    id,
    slug: toNgoSlug(name, ein),
    name,
    summary,
    causes: mapNteeToCauses(code.base),
    location: located.location,
    countriesServed: located.countriesServed,
    registry: { name: REGISTRY_NAME, number: ein, url: `https://apps.irs.gov/app/eos/details/?ein=${ein}` },
    classification: { scheme: 'NTEE', code: code.code, label: code.label },
    financials: financials ? [financials] : undefined,
    updated: IRS_DATE,
    registeredYear,
  };
  const figure = (amount: Amount) => (amount.kind === 'ok' || amount.kind === 'negative' ? amount.value : -Infinity);
  const tier = located.location.country !== 'US' || code.group === 'Q' ? 1 : 2;
  return acceptRecord(record, { tier, revenue: figure(revenue), income: figure(income), id }, notes);
}
