import { mapNiCategoriesToCauses } from './cause-map.ts';
import { cleanText, normaliseWebsite, parseAmount, parseDayMonthYear, toYear, type Amount } from './fields.ts';
import { toNgoSlug } from '../../model/slug.ts';
import { acceptRecord, reject, type Note, type Row, type RowResult } from './row-result.ts';
import { buildNiSummary, describeNiPurposes } from './summary.ts';
import { normaliseNiName, titleCaseName } from './title-case.ts';

/** Columns the mapper reads: a CSV header containing all of them is the NI register export. */
export const NI_COLUMNS = [
  'Reg charity number',
  'Sub charity number',
  'Charity name',
  'Date registered',
  'Status',
  'Date for financial year ending',
  'Total income',
  'Total spending',
  'Public address',
  'Website',
  'What the charity does',
  'Who the charity helps',
  'How the charity works',
] as const;

/** The export's date, as documented in ../shared/data/README.md. */
export const NI_DATE = '2020-06-30';
export const NI_SOURCE = `Charity Commission for Northern Ireland register, ${NI_DATE} export`;

const POSTCODE_AT_END = /^(.*?)\s*\b(BT\d{1,2})\s*(\d[A-Z]{2})$/i;
const POSTCODE_ONLY = /^BT\d{1,2}\s*\d[A-Z]{2}\.?$/i;
/** "Co Tyrone", "Co. Antrim", "County Down", "Co-Anrtim", "Co Aontroma": a county, in any spelling. */
const COUNTY = /^(co|c\.o|county|count)\b[.\s-]*[\p{L}'’]+\.?$/iu;
const NOT_A_TOWN = /^(n\.?\s*ireland|northern ireland|ireland|n\.?\s*i|uk|united kingdom|c\/o\b.*)$/i;
const STREETISH =
  /\b(street|st|road|rd|avenue|ave|lane|drive|park|way|gardens|terrace|crescent|square|place|close|court|house|centre|center|building|estate|hall|unit|floor)\.?$/i;

/**
 * City and postcode from "Public address": the postcode is the last comma
 * part when it is a BT postcode; the town is the part before it, skipping a
 * county ("Co Tyrone"), "Northern Ireland" or a repeated postcode. Street-like
 * parts are not towns, nor is the first part (an organisation or a street).
 */
export function parseNiAddress(raw: string): { city?: string; postcode?: string } {
  const parts = raw.split(',').map(cleanText).filter(Boolean);
  const match = POSTCODE_AT_END.exec(parts.at(-1) ?? '');
  if (!match) return {};
  const postcode = `${match[2]} ${match[3]}`.toUpperCase();
  const before = parts.slice(0, -1);
  if (match[1]) before.push(match[1]); // "Co. Antrim Bt28 1Jp"
  let i = before.length - 1;
  const isSkippable = (part: string) =>
    COUNTY.test(part) || NOT_A_TOWN.test(part.replace(/\.$/, '')) || POSTCODE_ONLY.test(part);
  while (i >= 0 && isSkippable(before[i] ?? '')) i--;
  const town = (before[i] ?? '').replace(/[.\s]+$/, '');
  if (!town || /\d/.test(town) || STREETISH.test(town) || town.length > 40 || i === 0) return { postcode };
  return { city: /[a-z]/.test(town) ? town : titleCaseName(town), postcode };
}

/** Purposes contain commas ("youth, age, ill-health"); a new purpose starts after a comma with a capital. */
export function splitPurposes(text: string | undefined): string[] {
  return uniqueItems(cleanText(text).split(/,(?=[A-Z])/), Infinity);
}

/** Beneficiary and activity categories have no inner commas. */
export function splitCategories(text: string | undefined): string[] {
  return uniqueItems(cleanText(text).split(','), 80).slice(0, 40);
}

/** Trimmed, non-empty, first mention only; longer items than the model allows are dropped. */
function uniqueItems(items: string[], maxLength: number): string[] {
  const out: string[] = [];
  for (const item of items.map(cleanText)) {
    if (item && item.length <= maxLength && !out.includes(item)) out.push(item);
  }
  return out;
}

/** Map one NI register row to an NGO record, or say why not. */
export function mapNiRow(row: Row): RowResult {
  if (cleanText(row.Status).toLowerCase() === 'removed')
    return { kind: 'skip', reason: 'removed from the NI register' };

  const numberText = cleanText(row['Reg charity number']);
  if (!/^\d{1,6}$/.test(numberText)) return reject('bad charity number', numberText || '(empty)');
  const number = numberText.padStart(6, '0');
  const rawName = cleanText(row['Charity name']);
  if (rawName.length < 2) return reject('missing name');
  if (rawName.length > 200) return reject('name too long', rawName.slice(0, 40));
  const name = normaliseNiName(rawName);

  const notes: Note[] = [];
  const periodEnd = parseDayMonthYear(cleanText(row['Date for financial year ending']));
  const keep = (amount: Amount, column: string): number | undefined => {
    if (amount.kind === 'bad') notes.push({ reason: `bad number in ${column} (omitted)`, detail: amount.raw });
    if (amount.kind === 'negative')
      notes.push({ reason: `negative ${column} (omitted)`, detail: String(amount.value) });
    return amount.kind === 'ok' ? amount.value : undefined;
  };
  const income = keep(parseAmount(row['Total income']), 'Total income');
  const spending = keep(parseAmount(row['Total spending']), 'Total spending');
  const financials = periodEnd ? [{ currency: 'GBP', periodEnd, income, spending, source: NI_SOURCE }] : undefined;

  const registered = /^\d{1,2}\/\d{1,2}\/(\d{4})$/.exec(cleanText(row['Date registered']));
  const registeredYear = toYear(registered?.[1]);
  const { city, postcode } = parseNiAddress(row['Public address'] ?? '');
  const purposes = splitPurposes(row['What the charity does']);
  const purposePhrases = describeNiPurposes(purposes);
  const beneficiaries = splitCategories(row['Who the charity helps']);
  const activities = splitCategories(row['How the charity works']);
  const subNumber = /^\d+$/.test(cleanText(row['Sub charity number'])) ? cleanText(row['Sub charity number']) : '0';

  const id = `GB-NIC-${number}`;
  const record = {
    id,
    slug: toNgoSlug(name, number),
    name,
    summary: buildNiSummary({ name, city, registeredYear, purposes: purposePhrases, periodEnd, income }),
    causes: mapNiCategoriesToCauses(purposes, activities),
    location: { country: 'GB', region: 'GB-NIR', city, postcode },
    beneficiaries: beneficiaries.length > 0 ? beneficiaries : undefined,
    activities: activities.length > 0 ? activities : undefined,
    website: normaliseWebsite(row.Website ?? ''),
    registry: {
      name: 'Charity Commission for Northern Ireland',
      number,
      url: `https://www.charitycommissionni.org.uk/charity-details/?regId=${Number(number)}&subId=${Number(subNumber)}`,
    },
    financials,
    updated: NI_DATE,
    registeredYear,
  };
  const revenue = income ?? -Infinity;
  return acceptRecord(record, { tier: 0, revenue, income: revenue, id }, notes, {
    source: NI_SOURCE,
    date: NI_DATE,
    purposes: purposePhrases,
    regulator: 'the Charity Commission for Northern Ireland',
  });
}
