import { formatMonth, formatThousands } from './fields.ts';

/**
 * One or two sentences per NGO, assembled only from facts already in the
 * record: no adjectives, no guesses. A missing fact drops its clause.
 */

const SUMMARY_MAX = 600;

export interface IrsSummaryFacts {
  name: string;
  /** "Anchorage, Alaska", "Japan", ... or undefined when only "the United States" is known. */
  place: string | undefined;
  /** Military (APO/FPO) addresses are "based at", not "based in". */
  military: boolean;
  nteeCode: string;
  nteeLabel: string;
  /** Major group name, added for generic "common codes" (A01 "Alliances & Advocacy"). */
  nteeGroup: string | undefined;
  rulingYear: number | undefined;
  periodEnd: string | undefined;
  revenue: number | undefined;
  income: number | undefined;
}

export function buildIrsSummary(facts: IrsSummaryFacts): string {
  const where = facts.military
    ? 'based at a US military (APO/FPO) address'
    : `based in ${facts.place ?? 'the United States'}`;
  const label = facts.nteeGroup ? `${facts.nteeLabel} in ${facts.nteeGroup}` : facts.nteeLabel;
  const since = facts.rulingYear ? `, exempt since ${facts.rulingYear}` : '';
  const first = `${facts.name} is a US 501(c)(3) tax-exempt organization ${where}, classified as ${label} (NTEE ${facts.nteeCode})${since}.`;
  let second = '';
  if (facts.periodEnd) {
    const figure = describeFigure(facts.revenue, 'revenue') ?? describeFigure(facts.income, 'income');
    if (figure) second = ` It reported ${figure} for the tax period ending ${formatMonth(facts.periodEnd)}.`;
  }
  return fitSummary(first, second);
}

/** Zero in the BMF means "not reported" (small filers), so only positive figures are quoted. */
function describeFigure(value: number | undefined, what: string): string | undefined {
  return value !== undefined && value > 0 ? `${what} of $${formatThousands(value)}` : undefined;
}

export interface NiSummaryFacts {
  name: string;
  city: string | undefined;
  registeredYear: number | undefined;
  /** Short phrases for the registered purposes, e.g. ["education", "health"]. */
  purposes: readonly string[];
  periodEnd: string | undefined;
  income: number | undefined;
}

export function buildNiSummary(facts: NiSummaryFacts): string {
  return buildUkSummary({
    ...facts,
    where: 'Northern Ireland',
    regulator: 'the Charity Commission for Northern Ireland',
  });
}

export interface UkSummaryFacts extends NiSummaryFacts {
  /** The nation (or region) it is based in, or undefined when the register gives no usable postcode. */
  where: string | undefined;
  /** "the Charity Commission for England and Wales", "the Scottish Charity Regulator". */
  regulator: string;
}

/** A UK charity's summary, whichever register it is on. */
export function buildUkSummary(facts: UkSummaryFacts): string {
  const where = facts.where ? ` in ${facts.city ? `${facts.city}, ` : ''}${facts.where}` : '';
  const since = facts.registeredYear ? ` since ${facts.registeredYear}` : '';
  const first = `${facts.name} is a charity${where}, registered with ${facts.regulator}${since}.`;
  const clauses: string[] = [];
  if (facts.purposes.length > 0) clauses.push(`It works on ${joinList(facts.purposes.slice(0, 3))}`);
  if (facts.income !== undefined && facts.periodEnd) {
    const money = `£${formatThousands(facts.income)} in the year to ${formatMonth(facts.periodEnd)}`;
    clauses.push(clauses.length > 0 ? `income ${money}` : `Its income was ${money}`);
  }
  return fitSummary(first, clauses.length > 0 ? ` ${clauses.join('; ')}.` : '');
}

/** NI purposes (the Charities Act (NI) 2008 heads) as short phrases for a sentence. */
const PURPOSE_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['relief of poverty', 'the prevention or relief of poverty'],
  ['advancement of education', 'education'],
  ['advancement of religion', 'religion'],
  ['advancement of health', 'health'],
  ['citizenship or community development', 'citizenship and community development'],
  ['arts, culture, heritage or science', 'the arts, culture, heritage or science'],
  ['amateur sport', 'amateur sport'],
  ['human rights', 'human rights, reconciliation and equality'],
  ['environmental protection', 'environmental protection'],
  ['relief of those in need', 'relief of those in need'],
  ['animal welfare', 'animal welfare'],
];

/** Purposes as phrases; "Other charitable purposes" says nothing and is left out. */
export function describeNiPurposes(purposes: readonly string[]): string[] {
  const phrases: string[] = [];
  for (const purpose of purposes) {
    const key = purpose.replace(/\s+/g, ' ').toLowerCase();
    const phrase = PURPOSE_PHRASES.find(([needle]) => key.includes(needle))?.[1];
    if (phrase && !phrases.includes(phrase)) phrases.push(phrase);
  }
  return phrases;
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The second sentence is dropped rather than cut when a long name would overflow. */
function fitSummary(first: string, second: string): string {
  const both = first + second;
  if (both.length <= SUMMARY_MAX) return both;
  return first.length <= SUMMARY_MAX ? first : `${first.slice(0, SUMMARY_MAX - 1)}…`;
}
