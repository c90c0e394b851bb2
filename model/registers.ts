/**
 * The registers an NGO that joins Jumo may name ("Add your NGO"), from org-id.guide's list of
 * organisation registers: the org-id/register repository, one JSON file per list
 * (`lists/<country>/<code>.json`). This is a compact selection of the lists that hold charities
 * and non-profits (or the company register NGOs incorporate in), read from these files:
 *   lists/gb/gb-chc.json @ 00d73882ea2a9db10b10178b4b24487ebc761bcc
 *   lists/in/in-mha.json @ 44f345ac6b625cd58aae6f08ce70dc2dfb5cae36
 *   lists/nz/nz-co.json  @ 2b071779f301b9fe2ce5eb307ac764390697eaff
 *   every other list below @ 019394b06fe607b25447eabe67bf2fdc40aed1dc
 * Field by field: `code` is the list's `code`, `name` its `name.en` (trimmed), `country` its
 * `coverage`/`jurisdiction`, `pattern` the number format its `exampleIdentifiers` and guidance
 * show (absent where the list gives no examples or says numbers are irregular), `urlTemplate`
 * a record's public address where Jumo already links to it (the importer's registers).
 * Lists marked deprecated there (AU-ACNC in favour of AU-ABN, FR-INSEE in favour of FR-RCS)
 * are left out. To add a list: read its file, add an entry, say which commit.
 */

export type Register = {
  /** org-id.guide prefix: the NGO's id is `<code>-<number>`. */
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2 country the register covers. */
  country: string;
  /** The whole number, after normalizeRegistrationNumber; absent when the list shows no fixed format. */
  pattern?: RegExp;
  /** What the format looks like, for the form's hint and the error message. */
  example?: string;
  /** A record's public page, `{number}` replaced by the number. */
  urlTemplate?: string;
};

export const REGISTERS: readonly Register[] = [
  { code: 'CA-CRA_ACR', name: 'Canadian Revenue Agency', country: 'CA', pattern: /^\d{9}$/, example: '820336113' },
  { code: 'DE-CR', name: 'Common Register Portal', country: 'DE' },
  {
    code: 'FR-RCS',
    name: 'Trade and Companies Register',
    country: 'FR',
    // SIREN (9 digits) or SIRET (SIREN + 5-digit establishment number), spaces dropped.
    pattern: /^\d{9}(\d{5})?$/,
    example: '512788308 or 51278830800025',
  },
  {
    code: 'GB-CHC',
    name: 'Charity Commission/Comisiwn Elusennau',
    country: 'GB',
    pattern: /^\d{6,7}$/,
    example: '1090095',
  },
  { code: 'GB-COH', name: 'Companies House', country: 'GB', pattern: /^[A-Z0-9]{8}$/, example: '09506232' },
  {
    code: 'GB-NIC',
    name: 'The Charity Commission for Northern Ireland',
    country: 'GB',
    // The list gives no examples; the register's own export (our NI import) has six digits.
    pattern: /^\d{6}$/,
    example: '100002',
  },
  { code: 'GB-SC', name: 'Scottish Charity Register', country: 'GB', pattern: /^SC\d{6}$/, example: 'SC042386' },
  {
    code: 'IE-CHY',
    name: 'Charities Regulatory Authority of Ireland',
    country: 'IE',
    pattern: /^\d{8}$/,
    example: '20015763',
  },
  {
    code: 'IN-MCA',
    name: 'Government of India, Ministry of Corporate Affairs',
    country: 'IN',
    // The Corporate Identification Number: L24111UR1986PLC015895.
    pattern: /^[LU]\d{5}[A-Z]{2}\d{4}[A-Z]{3}\d{6}$/,
    example: 'U01111UR1995PLC017979',
  },
  {
    code: 'IN-MHA',
    name: 'Ministry of Home Affairs (India) Foreign Contributions (Regulation) Act Register',
    country: 'IN',
    pattern: /^\d{9}$/,
    example: '104860017',
  },
  // Numbers come with slashes and an "OP" part; the list recommends stripping both, so no fixed format.
  { code: 'KE-NCB', name: "NGO's Coordination Board", country: 'KE' },
  { code: 'NG-CAC', name: 'Nigerian Corporate Affairs Commission', country: 'NG' },
  {
    code: 'NL-KVK',
    name: 'Chamber of Commerce (Kamer van Koophandel)',
    country: 'NL',
    pattern: /^\d{8}$/,
    example: '41202535',
  },
  { code: 'NZ-CO', name: 'New Zealand Companies Office', country: 'NZ' },
  // "identifiers are not formed in a uniform manner, and use slashes and hyphens".
  { code: 'UG-NGB', name: 'NGO Board, Ministry of Internal Affairs', country: 'UG' },
  {
    code: 'US-EIN',
    name: 'Employer Identification Number - Internal Revenue Service',
    country: 'US',
    pattern: /^\d{9}$/,
    example: '010674736',
    urlTemplate: 'https://apps.irs.gov/app/eos/details/?ein={number}',
  },
  {
    code: 'ZA-NPO',
    name: 'Nonprofit Organisation Directorate - South African Department of Social Development',
    country: 'ZA',
    pattern: /^\d{2,3}-\d{3}$/,
    example: '181-465',
  },
];

/** The form's choice for an organisation on no register: it gets a Jumo id instead. */
export const NOT_REGISTERED = 'none';

/** Codes the form accepts: a register's, or NOT_REGISTERED. */
export const REGISTER_CHOICES = [NOT_REGISTERED, ...REGISTERS.map((r) => r.code)] as const;

const BY_CODE = new Map(REGISTERS.map((r) => [r.code, r]));

export function findRegister(code: string): Register | undefined {
  return BY_CODE.get(code);
}

/**
 * A number as registers print it, made comparable: upper case, without spaces, dots or
 * slashes ("512 788 308" → "512788308", "sc042386" → "SC042386"); hyphens stay where a format
 * has them (ZA-NPO), and are dropped for all-digit formats people write with one (EIN 01-0674736).
 */
export function normalizeRegistrationNumber(code: string, number: string): string {
  const upper = number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s./\\]+/g, '');
  const register = findRegister(code);
  if (register?.pattern && !register.pattern.test(upper)) {
    const withoutHyphens = upper.replace(/-/g, '');
    if (register.pattern.test(withoutHyphens)) return withoutHyphens;
  }
  return upper;
}

/** Null when `number` (normalised) fits the register's format or the register has none; else the reason. */
export function checkRegistrationNumber(code: string, number: string): string | null {
  const register = findRegister(code);
  if (!register) return 'not a register on our list';
  const normal = normalizeRegistrationNumber(code, number);
  if (!/^[A-Z0-9][A-Z0-9-]{0,39}$/.test(normal)) return 'letters, digits and hyphens only, up to 40';
  if (register.pattern && !register.pattern.test(normal)) {
    return `not a ${register.code} number${register.example ? ` (such as ${register.example})` : ''}`;
  }
  return null;
}

/** The org-id of an NGO on `code`'s register: "GB-CHC" + "1090095" → "GB-CHC-1090095". */
export function toRegisterId(code: string, number: string): string {
  return `${code}-${normalizeRegistrationNumber(code, number)}`;
}

/** The public record's address, where the register has a known one. */
export function toRegisterUrl(code: string, number: string): string | undefined {
  const template = findRegister(code)?.urlTemplate;
  return template?.replace('{number}', encodeURIComponent(normalizeRegistrationNumber(code, number)));
}

/**
 * Prefix of the ids Jumo gives organisations on no register. "XX" is an ISO 3166 user-assigned
 * code that no country will ever have, so no org-id.guide list can start with it.
 */
export const JUMO_ID_PREFIX = 'XX-JUMO';
