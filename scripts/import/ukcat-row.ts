import { cleanText, normaliseWebsite, toYear } from './fields.ts';
import { toNgoSlug } from '../../model/slug.ts';
import { acceptRecord, reject, type Note, type Row, type RowResult } from './row-result.ts';
import { buildUkSummary } from './summary.ts';
import { normaliseNiName } from './title-case.ts';
import { describeUkWhere, placeUkPostcode } from './uk-postcodes.ts';
import { mapUkcatToCauses } from './ukcat-cause-map.ts';
import { matchUkcatRules, type UkcatTagTable } from './ukcat-tags.ts';

/** Columns the mapper reads: a CSV header containing all of them is a UK-CAT charity file. */
export const UKCAT_COLUMNS = [
  'org_id',
  'name',
  'postcode',
  'active',
  'date_registered',
  'activities',
  'income',
  'spending',
  'fye',
  'web',
  'UKCAT',
  'ICNPTSO',
] as const;

/** The data's date, as documented in ../shared/data/README.md. */
export const UKCAT_DATE = '2026-07-07';
export const UKCAT_SOURCE = `UK Charity Activity Tags (UK-CAT), data as of ${UKCAT_DATE}`;

interface Register {
  /** The register's name as org-id.guide lists it. */
  name: string;
  /** For the summary: "registered with the Scottish Charity Regulator". */
  regulator: string;
  /** Nation to assume when the postcode says nothing. */
  region?: string;
  url: (number: string) => string;
}

/**
 * The regulators' public record pages, in the forms their registers use today: the Charity
 * Commission's register (register-of-charities.charitycommission.gov.uk, /en/charity-search/-/
 * charity-details/<registered number>) and OSCR's (oscr.org.uk, charity-details?number=SC…).
 */
const REGISTERS: Readonly<Record<'CHC' | 'SC' | 'NIC', Register>> = {
  CHC: {
    name: 'Charity Commission for England and Wales',
    regulator: 'the Charity Commission for England and Wales',
    url: (n) => `https://register-of-charities.charitycommission.gov.uk/en/charity-search/-/charity-details/${n}`,
  },
  SC: {
    name: 'Scottish Charity Regulator',
    regulator: 'the Scottish Charity Regulator (OSCR)',
    region: 'GB-SCT',
    url: (n) => `https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number=${n}`,
  },
  NIC: {
    name: 'Charity Commission for Northern Ireland',
    regulator: 'the Charity Commission for Northern Ireland',
    region: 'GB-NIR',
    url: (n) => `https://www.charitycommissionni.org.uk/charity-details/?regId=${Number(n)}&subId=0`,
  },
};

/** UK-CAT categories as phrases for "It works on …"; the others (beneficiaries, activities) say who or how. */
const CATEGORY_PHRASES: Readonly<Record<string, string>> = {
  AN: 'animals',
  AF: 'the armed forces',
  AR: 'the arts',
  CC: 'childcare',
  CJ: 'crime and justice',
  EC: 'economic and community development',
  ED: 'education',
  EN: 'the environment',
  HE: 'health',
  HR: 'heritage',
  HO: 'housing',
  LE: 'leisure',
  RL: 'religion',
  RS: 'research',
  SL: 'saving lives',
  SC: 'social care',
  SW: 'social welfare',
};

const OWN_WORDS_MAX = 4000;

/** "GB-CHC-1000340" -> register and number as the register writes it ("1000340", "SC012345", "100002"). */
function parseOrgId(orgId: string): { key: keyof typeof REGISTERS; number: string } | undefined {
  const m = /^GB-(?:(CHC)-(\d{6,7})|(SC)-(SC\d{6})|(NIC)-(\d{1,6}))$/.exec(orgId);
  if (!m) return undefined;
  if (m[1]) return { key: 'CHC', number: m[2]! };
  if (m[3]) return { key: 'SC', number: m[4]! };
  return { key: 'NIC', number: m[6]!.padStart(6, '0') };
}

/** "2025-03-31 00:00:00" or "2025-03-31" -> "2025-03-31". */
function parseIsoDate(raw: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?$/.exec(cleanText(raw));
  return m && toYear(m[1]) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** "75186.0" or "15098852" -> whole pounds; UK-CAT writes some amounts as floats. */
function parseMoney(raw: string | undefined, column: string, notes: Note[]): number | undefined {
  const text = cleanText(raw);
  if (!text) return undefined;
  if (!/^-?\d{1,15}(\.\d+)?$/.test(text)) {
    notes.push({ reason: `bad number in ${column} (omitted)`, detail: text });
    return undefined;
  }
  const value = Math.round(Number(text));
  if (value < 0) {
    notes.push({ reason: `negative ${column} (omitted)`, detail: text });
    return undefined;
  }
  return value;
}

/**
 * Some register entries are written in capitals: shown in sentence case, which is easier to read
 * and changes no word. Mixed-case text is left exactly as the charity wrote it.
 */
export function softenCapitals(text: string): string {
  if (/[a-z]/.test(text) || (text.match(/[A-Z]/g)?.length ?? 0) < 20) return text;
  return text
    .toLowerCase()
    .replace(/(^|[.!?]\s+)([a-z])/g, (_, lead: string, letter: string) => lead + letter.toUpperCase())
    .replace(/\b(i|uk|nhs|ni)\b/g, (word) => word.toUpperCase());
}

/** Spaces collapsed within lines; a blank line stays a paragraph break, a single newline a line break. */
export function cleanParagraphs(text: string | undefined): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map(cleanText).filter(Boolean).join('\n'))
    .filter(Boolean)
    .join('\n\n');
}

function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.8)).trimEnd()}…`;
}

/** Map one UK-CAT row to an NGO record, or say why not. */
export function mapUkcatRow(row: Row, tagTable: UkcatTagTable): RowResult {
  const orgId = cleanText(row.org_id);
  const parsedId = parseOrgId(orgId);
  if (!parsedId) return reject('bad org_id', orgId || '(empty)');
  if (cleanText(row.active).toLowerCase() === 'false') return { kind: 'skip', reason: 'no longer registered (UK-CAT)' };
  const register = REGISTERS[parsedId.key];
  const { number } = parsedId;
  const rawName = cleanText(row.name);
  if (rawName.length < 2) return reject('missing name', orgId);
  if (rawName.length > 200) return reject('name too long', rawName.slice(0, 40));
  const name = normaliseNiName(rawName);

  const notes: Note[] = [];
  const tags: { scheme: 'UK-CAT'; code: string; label: string }[] = [];
  for (const code of cleanText(row.UKCAT).split(';').map(cleanText).filter(Boolean)) {
    const label = tagTable.titles.get(code);
    if (!label) notes.push({ reason: 'unknown UK-CAT tag (skipped)', detail: code });
    else if (!tags.some((tag) => tag.code === code)) tags.push({ scheme: 'UK-CAT', code, label });
  }

  const place = placeUkPostcode(row.postcode ?? '');
  const region = place?.region ?? register.region;
  if (!place)
    notes.push({
      reason: 'postcode not recognised (place from the register only)',
      detail: cleanText(row.postcode) || '(empty)',
    });

  const fye = parseIsoDate(row.fye);
  const income = parseMoney(row.income, 'income', notes);
  const spending = parseMoney(row.spending, 'spending', notes);
  const periodEnd = fye?.slice(0, 7);
  const financials =
    periodEnd && (income !== undefined || spending !== undefined)
      ? [
          {
            currency: 'GBP',
            periodEnd,
            income,
            spending,
            source: `${register.name} register, via UK-CAT (${UKCAT_DATE})`,
          },
        ]
      : undefined;

  const registeredOn = parseIsoDate(row.date_registered);
  const registeredYear = toYear(registeredOn?.slice(0, 4));
  const activities = cleanParagraphs(row.activities);
  const icnptso = cleanText(row.ICNPTSO);
  // Untagged and unclassified: UK-CAT's own keyword rules on its name and texts choose the causes.
  const causeTags =
    tags.length > 0 || icnptso
      ? tags.map((tag) => tag.code)
      : matchUkcatRules(tagTable, `${rawName} ${cleanText(activities)} ${cleanText(row.objects)}`);
  const purposes: string[] = [];
  for (const { code } of tags) {
    const phrase = CATEGORY_PHRASES[code.slice(0, 2)];
    if (phrase && !purposes.includes(phrase)) purposes.push(phrase);
  }
  const city = place?.city;
  const location = { country: 'GB', region, area: place?.area, city, postcode: place?.postcode };
  const where = describeUkWhere(location);

  const id = `GB-${parsedId.key}-${number}`;
  const record = {
    id,
    slug: toNgoSlug(name, number.toLowerCase()),
    name,
    summary: buildUkSummary({
      name,
      city,
      where,
      regulator: register.regulator,
      registeredYear,
      purposes,
      periodEnd,
      income,
    }),
    causes: mapUkcatToCauses(causeTags, icnptso),
    location,
    website: normaliseWebsite(row.web ?? ''),
    registry: { name: register.name, number, url: register.url(number) },
    ownWords: activities
      ? {
          text: cutText(softenCapitals(activities), OWN_WORDS_MAX),
          source: `its entry in the ${register.name} register, via UK-CAT`,
        }
      : undefined,
    tags: tags.length > 0 ? tags.slice(0, 60) : undefined,
    financials,
    updated: UKCAT_DATE,
    registeredYear,
    registeredOn,
  };
  const revenue = income ?? -Infinity;
  return acceptRecord(record, { tier: 0, revenue, income: revenue, id }, notes, {
    source: UKCAT_SOURCE,
    date: UKCAT_DATE,
    purposes,
    regulator: register.regulator,
  });
}
