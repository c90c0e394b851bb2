/**
 * Places in the registries: US states and territories as the IRS codes them,
 * and country names as IRS clerks spell them in eo4's CITY column.
 */

/** USPS codes of the 50 states + DC: these become region US-XX of country US. */
export const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
};

/**
 * USPS codes that are not states: territories and freely associated states have
 * their own ISO 3166-1 codes (identical to the USPS code), so they count as
 * non-US addresses for the directory.
 */
export const US_TERRITORIES: ReadonlySet<string> = new Set(['PR', 'VI', 'GU', 'AS', 'MP', 'FM', 'MH', 'PW']);

/** Armed Forces Americas/Europe/Pacific: APO/FPO mail, country US with no state. */
export const US_MILITARY: ReadonlySet<string> = new Set(['AA', 'AE', 'AP']);

/**
 * Codes CLDR names that are not assigned ISO 3166-1 countries: groupings (EU,
 * UN), exceptional reservations (AC, IC, UK) and withdrawn codes kept as
 * aliases (FX France, BU Burma, ZR Zaire...). Without this list "United
 * Kingdom" would resolve to UK instead of GB. XK (Kosovo) stays: it is in
 * common use and no other code covers it.
 */
const NOT_COUNTRIES = new Set([
  'EU',
  'EZ',
  'UN',
  'QO',
  'ZZ',
  'XA',
  'XB',
  'AC',
  'CP',
  'CQ',
  'DG',
  'EA',
  'IC',
  'TA',
  'UK',
  'AN',
  'BU',
  'CS',
  'DD',
  'DY',
  'FX',
  'HV',
  'NH',
  'RH',
  'SU',
  'TP',
  'VD',
  'YD',
  'YU',
  'ZR',
]);

/**
 * IRS spellings the CLDR English names do not cover: old names, abbreviations,
 * UK nations, truncations at the column width, and a few unambiguous localities
 * written where the country belongs (Puerto Rico municipalities, Saipan...).
 */
const ALIASES: Readonly<Record<string, string>> = {
  USA: 'US',
  'U S A': 'US',
  'UNITED STATES OF AMERICA': 'US',
  UK: 'GB',
  'U K': 'GB',
  'GREAT BRITAIN': 'GB',
  ENGLAND: 'GB',
  SCOTLAND: 'GB',
  WALES: 'GB',
  'NORTHERN IRELAND': 'GB',
  'NORTH IRELAND': 'GB',
  'N IRELAND': 'GB',
  'CO DOWN N IRELAND': 'GB',
  'WEST GERMANY': 'DE',
  GER: 'DE',
  'FEDERAL REPUBLIC OF GERMANY': 'DE',
  'REPUBLIC OF KOREA': 'KR',
  KOREA: 'KR',
  'KOREA SOUTH': 'KR',
  'REPUBLIC OF CHINA': 'TW',
  'PEOPLES REPUBLIC OF CHINA': 'CN',
  'REPUBLIC OF PANAMA': 'PA',
  'CANAL ZONE': 'PA',
  'W PAKISTAN': 'PK',
  PHILLIPINES: 'PH',
  PHILIPPINE: 'PH',
  LUXENBOURG: 'LU',
  SUISSE: 'CH',
  COLUMBIA: 'CO',
  'DOMINICAN REP': 'DO',
  'CZECH REPUBLIC': 'CZ',
  MACEDONIA: 'MK',
  TURKEY: 'TR',
  SWAZILAND: 'SZ',
  'IVORY COAST': 'CI',
  'CABO VERDE': 'CV',
  BURMA: 'MM',
  'HONG KONG': 'HK',
  MACAU: 'MO',
  MACAO: 'MO',
  PALESTINE: 'PS',
  'WEST BANK': 'PS',
  'HOLY SEE': 'VA',
  'SLOVAK REPUBLIC': 'SK',
  'CANARY ISLANDS': 'ES',
  'VIRGIN ISLANDS': 'VI',
  'ST THOMAS': 'VI',
  'ST CROIX': 'VI',
  'NORTHERN MARIANA ISLAN': 'MP',
  SAIPAN: 'MP',
  'ST VINCENT AND GRENADINE': 'VC',
  'FEDERATED STATES OF MICRONESIA': 'FM',
  'ASHMORE AND CARTIER IS': 'AU',
  'CABO ROJO': 'PR',
  BARCELONETA: 'PR',
  CARACAS: 'VE',
  'PETEN GUATEMALA': 'GT',
  'ST ANDRE NB NEW BRUN': 'CA',
};

/** Upper-case ASCII key: "Côte d’Ivoire", "COTE D'IVOIRE" and "The Gambia" meet their spellings. */
export function normaliseCountryKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/\bSAINT\b/g, 'ST')
    .replace(/['’`.]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .replace(/^THE /, '');
}

const displayNames = new Intl.DisplayNames('en', { type: 'region' });

/** Every assigned AA..ZZ code, read from the runtime's CLDR data. */
function listCountryCodes(): string[] {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = displayNames.of(code);
      if (name && name !== code) codes.push(code);
    }
  }
  return codes;
}

function buildCountryIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const code of listCountryCodes()) {
    const name = displayNames.of(code) ?? code;
    const keys = [name];
    // "Myanmar (Burma)": the main name and the bracketed one both find it.
    const bracketed = /^(.*?)\s*\((.*)\)$/.exec(name);
    if (bracketed) keys.push(bracketed[1] ?? '', bracketed[2] ?? '');
    for (const key of keys.map(normaliseCountryKey)) if (!index.has(key)) index.set(key, code);
  }
  for (const [alias, code] of Object.entries(ALIASES)) index.set(alias, code);
  return index;
}

let countryIndex: Map<string, string> | undefined;

/** ISO alpha-2 code for a country name as the IRS writes it, or undefined. */
export function findCountryCode(name: string): string | undefined {
  countryIndex ??= buildCountryIndex();
  return countryIndex.get(normaliseCountryKey(name));
}

/** English name of an ISO code for summaries ("JP" -> "Japan"). */
export function getCountryName(code: string): string {
  return displayNames.of(code) ?? code;
}
