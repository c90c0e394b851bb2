import type { Ngo } from './ngo.ts';

/**
 * Places as the directory shows them: countries (ISO 3166-1 alpha-2), the
 * subdivisions the registries give (US states, UK nations: ISO 3166-2) and, inside
 * the UK's nations, regions (a nation code plus a suffix: GB-ENG-LON).
 * Page codes are the lower-cased codes: /places/us/, /places/us-ak/, /places/gb-eng-lon/.
 */

/** Intl.DisplayNames knows countries but not subdivisions: these are the ones our registries use. */
const SUBDIVISIONS: Record<string, string> = {
  'US-AL': 'Alabama',
  'US-AK': 'Alaska',
  'US-AZ': 'Arizona',
  'US-AR': 'Arkansas',
  'US-CA': 'California',
  'US-CO': 'Colorado',
  'US-CT': 'Connecticut',
  'US-DE': 'Delaware',
  'US-DC': 'District of Columbia',
  'US-FL': 'Florida',
  'US-GA': 'Georgia',
  'US-HI': 'Hawaii',
  'US-ID': 'Idaho',
  'US-IL': 'Illinois',
  'US-IN': 'Indiana',
  'US-IA': 'Iowa',
  'US-KS': 'Kansas',
  'US-KY': 'Kentucky',
  'US-LA': 'Louisiana',
  'US-ME': 'Maine',
  'US-MD': 'Maryland',
  'US-MA': 'Massachusetts',
  'US-MI': 'Michigan',
  'US-MN': 'Minnesota',
  'US-MS': 'Mississippi',
  'US-MO': 'Missouri',
  'US-MT': 'Montana',
  'US-NE': 'Nebraska',
  'US-NV': 'Nevada',
  'US-NH': 'New Hampshire',
  'US-NJ': 'New Jersey',
  'US-NM': 'New Mexico',
  'US-NY': 'New York',
  'US-NC': 'North Carolina',
  'US-ND': 'North Dakota',
  'US-OH': 'Ohio',
  'US-OK': 'Oklahoma',
  'US-OR': 'Oregon',
  'US-PA': 'Pennsylvania',
  'US-RI': 'Rhode Island',
  'US-SC': 'South Carolina',
  'US-SD': 'South Dakota',
  'US-TN': 'Tennessee',
  'US-TX': 'Texas',
  'US-UT': 'Utah',
  'US-VT': 'Vermont',
  'US-VA': 'Virginia',
  'US-WA': 'Washington',
  'US-WV': 'West Virginia',
  'US-WI': 'Wisconsin',
  'US-WY': 'Wyoming',
  'US-AS': 'American Samoa',
  'US-GU': 'Guam',
  'US-MP': 'Northern Mariana Islands',
  'US-PR': 'Puerto Rico',
  'US-UM': 'U.S. Minor Outlying Islands',
  'US-VI': 'U.S. Virgin Islands',
  // IRS "states" for US military post offices abroad.
  'US-AA': 'Armed Forces Americas',
  'US-AE': 'Armed Forces Europe',
  'US-AP': 'Armed Forces Pacific',
  'GB-ENG': 'England',
  'GB-NIR': 'Northern Ireland',
  'GB-SCT': 'Scotland',
  'GB-WLS': 'Wales',
  // Regions of the UK's nations (location.area), as the importer derives them from postcodes:
  // England's nine statistical regions, Wales's four economic regions, Scotland's five ITL2 regions.
  'GB-ENG-NE': 'North East England',
  'GB-ENG-NW': 'North West England',
  'GB-ENG-YH': 'Yorkshire and the Humber',
  'GB-ENG-EM': 'East Midlands',
  'GB-ENG-WM': 'West Midlands',
  'GB-ENG-EE': 'East of England',
  'GB-ENG-LON': 'London',
  'GB-ENG-SE': 'South East England',
  'GB-ENG-SW': 'South West England',
  'GB-WLS-NW': 'North Wales',
  'GB-WLS-MW': 'Mid Wales',
  'GB-WLS-SWW': 'South West Wales',
  'GB-WLS-SEW': 'South East Wales',
  'GB-SCT-HI': 'Highlands and Islands',
  'GB-SCT-NE': 'North East Scotland',
  'GB-SCT-EA': 'Eastern Scotland',
  'GB-SCT-WC': 'West Central Scotland',
  'GB-SCT-SO': 'Southern Scotland',
};

const countryNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });
// DisplayNames.of is slow enough to show up across 37,000 pages: remember each answer.
const countryNameCache = new Map<string, string>();

/**
 * CLDR's short English names that read oddly in a sentence or a heading ("Congo - Kinshasa",
 * "Hong Kong SAR China"): the names people use instead. Any other country comes from Intl, so an
 * NGO that joins from a country we never listed is named without a change here.
 */
const COUNTRY_NAME_OVERRIDES: Record<string, string> = {
  CD: 'Democratic Republic of the Congo',
  CG: 'Republic of the Congo',
  HK: 'Hong Kong',
  MO: 'Macao',
  MM: 'Myanmar',
};

/** "US" → "United States", "GB" → "United Kingdom", "CD" → "Democratic Republic of the Congo". */
export function getCountryName(country: string): string {
  let name = countryNameCache.get(country);
  if (name === undefined) {
    try {
      name = COUNTRY_NAME_OVERRIDES[country] ?? countryNames.of(country) ?? country;
    } catch {
      name = country;
    }
    countryNameCache.set(country, name);
  }
  return name;
}

/** Names read in running text with "the": "the United States", "the Netherlands", "the District of Columbia". */
const TAKES_THE =
  /^(United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles|District of|Armed Forces|U\.S\.|East of England|East Midlands|West Midlands|Democratic Republic|Republic of|Palestinian|Caribbean Netherlands|British Indian|French Southern)|( Islands| Republic| Emirates)$/;

/** Place name for running text: "NGOs in the United States", "NGOs in Japan". */
export function getPlaceNameInText(code: string): string {
  const name = getPlaceName(code);
  return TAKES_THE.test(name) ? `the ${name}` : name;
}

/** Name of a place code in either case: "us-ak" → "Alaska", "jp" → "Japan". */
export function getPlaceName(code: string): string {
  const upper = code.toUpperCase();
  if (upper.includes('-')) return SUBDIVISIONS[upper] ?? upper;
  return getCountryName(upper);
}

/** Page code of an ISO code: "US-AK" → "us-ak". */
export function toPlaceCode(iso: string): string {
  return iso.toLowerCase();
}

export function getPlacePath(iso: string): string {
  return `/places/${toPlaceCode(iso)}/`;
}

/** The place a subdivision or region belongs to: "GB-ENG-LON" → "GB-ENG", "US-AK" → "US"; none for a country. */
export function getParentPlace(code: string): string | undefined {
  const parts = code.toUpperCase().split('-');
  return parts.length > 1 ? parts.slice(0, -1).join('-') : undefined;
}

/** The place pages an NGO belongs to by where it is based: its country, its region, then the region's area. */
export function getBasePlaces(ngo: Ngo): string[] {
  const { country, region, area } = ngo.location;
  return [country, ...(region ? [region] : []), ...(region && area ? [area] : [])];
}

/** Countries it works in that are not already its base country (shown on those countries' pages too). */
export function getServedElsewhere(ngo: Ngo): string[] {
  return (ngo.countriesServed ?? []).filter((c) => c !== ngo.location.country);
}

/**
 * Codes of every place page listing the NGO (lower case, as in /places/<code>/): where it is
 * based, then the other countries it serves.
 */
export function getPlaceCodes(ngo: Ngo): string[] {
  return [...new Set([...getBasePlaces(ngo), ...getServedElsewhere(ngo)].map(toPlaceCode))];
}

/** A place code (either case) that names a place the directory knows: "us-ak", "gb-eng-lon", "jp". */
export function isKnownPlaceCode(code: string): boolean {
  const upper = code.toUpperCase();
  if (upper.includes('-')) return upper in SUBDIVISIONS;
  return /^[A-Z]{2}$/.test(upper) && getCountryName(upper) !== upper;
}

/**
 * Short "where" label for listings and titles: "Anchorage, Alaska", "Belfast, Northern Ireland",
 * "Kawasaki, Japan". The country is left out for US states and UK nations, where the
 * subdivision says enough.
 */
export function describeLocation(ngo: Ngo): string {
  const { city, region, country } = ngo.location;
  const area = region && SUBDIVISIONS[region] ? SUBDIVISIONS[region] : getCountryName(country);
  return city ? `${city}, ${area}` : area;
}
