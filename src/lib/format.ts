import { getLatestFinancials, type Ngo } from '../../model/ngo.ts';

/** Display formatting shared by pages. Formatters are built once: they are costly to create. */

const moneyFormats = new Map<string, Intl.NumberFormat>();
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const numberFormat = new Intl.NumberFormat('en');

/** 346770, "GBP" → "£346,770" (whole units: registries report whole amounts). */
export function formatMoney(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(currency === 'GBP' ? 'en-GB' : 'en-US', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    });
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "1 NGO", "1,234 NGOs". */
export function formatNgoCount(n: number): string {
  return `${numberFormat.format(n)} ${n === 1 ? 'NGO' : 'NGOs'}`;
}

/** "2019-03" → "March 2019". */
export function formatMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-');
  return `${MONTHS[Number(month) - 1] ?? ''} ${year}`.trim();
}

/** How a page names an NGO's register and its number, per register (org-id prefix). */
export interface RegisterLabels {
  /** Eyebrow above the name: "Registered charity, Scotland". */
  kind: string;
  /** Label of the number in the facts panel: "EIN", "Charity no.". */
  numberLabel: string;
  /** Prefix of the number in short labels (titles that collide): "EIN", "CHC"; empty when the number says it ("SC012345"). */
  short: string;
  /** Who keeps the public record: "the IRS", "the Scottish Charity Regulator (OSCR)". */
  recordKeeper: string;
  /** Label of the registration year: "Exempt since" (IRS ruling) or "Registered". */
  since: string;
  /** What a financial period is called: "Tax period" or "Financial year". */
  period: string;
}

const REGISTER_LABELS: Readonly<Record<string, RegisterLabels>> = {
  'US-EIN': {
    kind: 'US tax-exempt organisation',
    numberLabel: 'EIN',
    short: 'EIN',
    recordKeeper: 'the IRS',
    since: 'Exempt since',
    period: 'Tax period',
  },
  'GB-CHC': {
    kind: 'Registered charity, England and Wales',
    numberLabel: 'Charity no.',
    short: 'CHC',
    recordKeeper: 'the Charity Commission for England and Wales',
    since: 'Registered',
    period: 'Financial year',
  },
  'GB-SC': {
    kind: 'Registered charity, Scotland',
    numberLabel: 'Charity no.',
    short: '',
    recordKeeper: 'the Scottish Charity Regulator (OSCR)',
    since: 'Registered',
    period: 'Financial year',
  },
  'GB-NIC': {
    kind: 'Registered charity, Northern Ireland',
    numberLabel: 'Charity no.',
    short: 'NIC',
    recordKeeper: 'the Charity Commission for Northern Ireland',
    since: 'Registered',
    period: 'Financial year',
  },
};

/** The register part of an org-id: "GB-SC-SC012345" → "GB-SC", "US-EIN-010674736" → "US-EIN". */
export function getRegisterPrefix(id: string): string {
  return id.replace(/-[^-]+$/, '');
}

/** Labels for the NGO's register; a register we do not import from gets plain ones naming it. */
export function getRegisterLabels(ngo: Ngo): RegisterLabels {
  const known = REGISTER_LABELS[getRegisterPrefix(ngo.id)];
  if (known) return known;
  return {
    kind: ngo.registry ? `Registered organisation, ${ngo.registry.name}` : 'Organisation on no register',
    numberLabel: 'Registration no.',
    short: '',
    recordKeeper: ngo.registry?.name ?? '',
    since: 'Registered',
    period: 'Financial year',
  };
}

/** How the regulator writes the number: EINs as 12-3456789, the others as given. */
export function formatRegistryNumber(ngo: Ngo): string {
  const n = ngo.registry?.number ?? '';
  return ngo.id.startsWith('US-EIN-') && /^\d{9}$/.test(n) ? `${n.slice(0, 2)}-${n.slice(2)}` : n;
}

/** Short label of the registry number: "EIN 01-0674736", "NIC 100002", "SC012345"; the id when on no register. */
export function labelRegistryNumber(ngo: Ngo): string {
  if (!ngo.registry) return ngo.id;
  const { short } = getRegisterLabels(ngo);
  return short ? `${short} ${formatRegistryNumber(ngo)}` : formatRegistryNumber(ngo);
}

/** "2013-12-13" → "13 December 2013". */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ''} ${year}`;
}

/** Cut text at a word boundary to at most `max` characters, adding an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.(-]+$/, '')}…`;
}

/** First sentence of a summary (for one-line listings), shortened if still long. */
export function firstSentence(text: string, max = 160): string {
  // A sentence ends at . ! ? followed by a capital: "N.I. is" and "Inc. and" do not end one.
  const end = text.search(/[.!?]\s+[A-Z0-9"'(]/);
  return truncate(end > 0 ? text.slice(0, end + 1) : text, max);
}

/**
 * Size used to rank NGOs in listings: the larger of the latest reported income and revenue,
 * in the registry's currency (0 when nothing is published). Pounds and dollars are
 * compared at face value: listings only need a rough "bigger first" order, and an
 * exchange rate baked into the build would be just as arbitrary.
 */
export function getReportedSize(ngo: Ngo): number {
  const f = getLatestFinancials(ngo);
  return f ? Math.max(f.income ?? 0, f.revenue ?? 0) : 0;
}
