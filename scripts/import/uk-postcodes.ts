import type { Ngo } from '../../model/ngo.ts';
import { getPlaceName, getPlaceNameInText } from '../../model/places.ts';

/**
 * Where a UK charity is, from its postcode alone (no postcode database ships with the repository):
 *
 * - the nation and region come from the postcode area (the letters before the first digit),
 *   with the districts of areas that straddle a border listed where they differ (CH5–CH8 and
 *   SY15–SY25 are in Wales, TD15 in England, PE1–PE8 in the East of England...). Regions are
 *   England's nine statistical regions; Wales's four economic regions; Scotland's five ITL2
 *   regions. An area that straddles two regions of one nation counts as the one holding most of it.
 * - the city only for districts wholly inside a large city's post town (CITY_DISTRICTS): a post
 *   town for every district would need Royal Mail's data, and a wrong town is worse than none.
 */

export interface UkPlace {
  /** ISO 3166-2 nation: GB-ENG, GB-WLS, GB-SCT, GB-NIR. */
  region: string;
  /** A region inside the nation (model/places.ts names them); absent for Northern Ireland. */
  area?: string;
  city?: string;
  /** Normalised "AA9A 9AA"; absent when the register gave a town or a part postcode. */
  postcode?: string;
}

type Spot = readonly [region: string, area?: string];

const E = (area: string): Spot => ['GB-ENG', `GB-ENG-${area}`];
const W = (area: string): Spot => ['GB-WLS', `GB-WLS-${area}`];
const S = (area: string): Spot => ['GB-SCT', `GB-SCT-${area}`];
const NI: Spot = ['GB-NIR'];

/** Postcode area -> nation and region (most of the area, see DISTRICT_SPOTS for the rest). */
const AREA_SPOTS: Readonly<Record<string, Spot>> = {
  ...Object.fromEntries(['NE', 'SR', 'DH', 'DL', 'TS'].map((a) => [a, E('NE')])),
  ...Object.fromEntries(
    ['M', 'L', 'WN', 'WA', 'CH', 'PR', 'BB', 'BL', 'OL', 'SK', 'CW', 'FY', 'LA', 'CA'].map((a) => [a, E('NW')]),
  ),
  ...Object.fromEntries(['LS', 'BD', 'HX', 'HD', 'WF', 'S', 'DN', 'HU', 'YO', 'HG'].map((a) => [a, E('YH')])),
  ...Object.fromEntries(['NG', 'LE', 'DE', 'NN', 'LN'].map((a) => [a, E('EM')])),
  ...Object.fromEntries(['B', 'WS', 'WV', 'DY', 'CV', 'ST', 'TF', 'WR', 'HR', 'SY'].map((a) => [a, E('WM')])),
  ...Object.fromEntries(['CB', 'CO', 'CM', 'IP', 'NR', 'SS', 'SG', 'AL', 'LU', 'WD', 'PE'].map((a) => [a, E('EE')])),
  ...Object.fromEntries(
    ['E', 'EC', 'N', 'NW', 'SE', 'SW', 'W', 'WC', 'BR', 'CR', 'EN', 'HA', 'IG', 'RM', 'SM', 'TW', 'UB', 'KT'].map(
      (a) => [a, E('LON')],
    ),
  ),
  ...Object.fromEntries(
    ['BN', 'CT', 'ME', 'TN', 'RH', 'GU', 'PO', 'SO', 'OX', 'RG', 'SL', 'HP', 'MK', 'DA'].map((a) => [a, E('SE')]),
  ),
  ...Object.fromEntries(
    ['BS', 'BA', 'GL', 'EX', 'PL', 'TQ', 'TR', 'TA', 'DT', 'BH', 'SP', 'SN'].map((a) => [a, E('SW')]),
  ),
  LL: W('NW'),
  LD: W('MW'),
  SA: W('SWW'),
  CF: W('SEW'),
  NP: W('SEW'),
  AB: S('NE'),
  ...Object.fromEntries(['IV', 'KW', 'HS', 'ZE'].map((a) => [a, S('HI')])),
  ...Object.fromEntries(['EH', 'FK', 'KY', 'DD', 'PH'].map((a) => [a, S('EA')])),
  ...Object.fromEntries(['G', 'PA', 'ML'].map((a) => [a, S('WC')])),
  ...Object.fromEntries(['DG', 'TD', 'KA'].map((a) => [a, S('SO')])),
  BT: NI,
};

/** Districts whose nation or region differs from their area's: "CH5" etc. */
const DISTRICT_SPOTS: Readonly<Record<string, Spot>> = {
  ...districts('CH', [5, 8], W('NW')),
  ...districts('SY', [15, 25], W('MW')),
  ...districts('SY', [14, 14], E('NW')),
  ...districts('TD', [15, 15], E('NE')),
  ...districts('DL', [6, 11], E('YH')),
  ...districts('SK', [13, 13], E('EM')),
  ...districts('SK', [17, 17], E('EM')),
  ...districts('SK', [22, 23], E('EM')),
  ...districts('S', [40, 45], E('EM')),
  ...districts('S', [80, 81], E('EM')),
  ...districts('DN', [21, 22], E('EM')),
  ...districts('PE', [9, 25], E('EM')),
  ...districts('MK', [40, 45], E('EE')),
  ...districts('EN', [6, 11], E('EE')),
  ...districts('KT', [10, 24], E('SE')),
  ...districts('TW', [15, 20], E('SE')),
  ...districts('CR', [3, 3], E('SE')),
  ...districts('CR', [5, 6], E('SE')),
  ...districts('DA', [5, 8], E('LON')),
  ...districts('DA', [14, 18], E('LON')),
  ...districts('BR', [8, 8], E('SE')),
  ...districts('SP', [6, 11], E('SE')),
  ...districts('HP', [1, 4], E('EE')),
  ...districts('HP', [23, 23], E('EE')),
  ...districts('PA', [20, 49], S('HI')),
  ...districts('PA', [60, 78], S('HI')),
  ...districts('PH', [17, 44], S('HI')),
  ...districts('PH', [49, 50], S('HI')),
  ...districts('AB', [37, 38], S('HI')),
  ...districts('AB', [55, 56], S('HI')),
  ...districts('ML', [11, 12], S('SO')),
};

/** Districts wholly inside a large city's post town. */
const CITY_DISTRICTS: ReadonlyArray<readonly [city: string, area: string, from: number, to: number]> = [
  ...['E', 'EC', 'N', 'NW', 'SE', 'SW', 'W', 'WC'].map((a) => ['London', a, 0, 99] as const),
  ['Birmingham', 'B', 1, 48],
  ['Manchester', 'M', 1, 4],
  ['Manchester', 'M', 8, 9],
  ['Manchester', 'M', 11, 15],
  ['Liverpool', 'L', 1, 19],
  ['Leeds', 'LS', 1, 17],
  ['Sheffield', 'S', 1, 14],
  ['Bristol', 'BS', 1, 16],
  ['Newcastle upon Tyne', 'NE', 1, 7],
  ['Nottingham', 'NG', 1, 11],
  ['Leicester', 'LE', 1, 5],
  ['Coventry', 'CV', 1, 6],
  ['Oxford', 'OX', 1, 4],
  ['Cambridge', 'CB', 1, 5],
  ['Norwich', 'NR', 1, 7],
  ['Plymouth', 'PL', 1, 9],
  ['Exeter', 'EX', 1, 4],
  ['Brighton', 'BN', 1, 2],
  ['York', 'YO', 1, 1],
  ['York', 'YO', 10, 10],
  ['York', 'YO', 23, 24],
  ['York', 'YO', 30, 31],
  ['Cardiff', 'CF', 10, 11],
  ['Cardiff', 'CF', 14, 14],
  ['Cardiff', 'CF', 23, 24],
  ['Swansea', 'SA', 1, 7],
  ['Glasgow', 'G', 1, 58],
  ['Edinburgh', 'EH', 1, 17],
  ['Aberdeen', 'AB', 10, 25],
  ['Dundee', 'DD', 1, 5],
  ['Belfast', 'BT', 1, 17],
];

/** Towns some register entries give instead of a postcode (the field holds 8 characters). */
const TOWNS: Readonly<Record<string, readonly [city: string, spot: Spot]>> = {
  LONDON: ['London', E('LON')],
  CARDIFF: ['Cardiff', W('SEW')],
  POOLE: ['Poole', E('SW')],
  PRESTON: ['Preston', E('NW')],
  DURHAM: ['Durham', E('NE')],
  NANTGARW: ['Nantgarw', W('SEW')],
  BELFAST: ['Belfast', NI],
  GLASGOW: ['Glasgow', S('WC')],
  EDINBURGH: ['Edinburgh', S('EA')],
};

function districts(area: string, [from, to]: [number, number], spot: Spot): Record<string, Spot> {
  const out: Record<string, Spot> = {};
  for (let n = from; n <= to; n++) out[`${area}${n}`] = spot;
  return out;
}

const FULL_POSTCODE = /^([A-Z]{1,2})(\d{1,2})([A-Z]?)\s*(\d[A-Z]{2})$/;
const OUTWARD_ONLY = /^([A-Z]{1,2})(\d{1,2})[A-Z]?(?:\s+\d[A-Z]?)?$/;

/**
 * The place of a UK postcode ("N7 7JW", "ec4y 0ds", "EC4Y ODS" with a letter O for the zero), a
 * part postcode ("BR5", "E1 7S": region only) or a town the register wrote instead ("POOLE").
 * Undefined when nothing is recognised (a county, a truncated town, a foreign postcode).
 */
export function placeUkPostcode(raw: string): UkPlace | undefined {
  const text = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  if (!text) return undefined;
  const full = FULL_POSTCODE.exec(text.replace(/ O([A-Z]{2})$/, ' 0$1'));
  const outward = full ?? OUTWARD_ONLY.exec(text);
  if (!outward) {
    const town = TOWNS[text];
    return town ? spotPlace(town[1], town[0]) : undefined;
  }
  const [area, district] = [outward[1]!, Number(outward[2])];
  const spot = DISTRICT_SPOTS[`${area}${district}`] ?? AREA_SPOTS[area];
  if (!spot) return undefined;
  const city = CITY_DISTRICTS.find(([, a, from, to]) => a === area && district >= from && district <= to)?.[0];
  const postcode = full ? `${full[1]}${full[2]}${full[3]} ${full[4]}` : undefined;
  return { ...spotPlace(spot, city), ...(postcode ? { postcode } : {}) };
}

function spotPlace([region, area]: Spot, city: string | undefined): UkPlace {
  return { region, ...(area ? { area } : {}), ...(city ? { city } : {}) };
}

/**
 * Where a UK charity is, for its summary: its nation after a city ("London, England" is written by
 * the summary), else its region and nation ("North West England", "the East Midlands, England").
 */
export function describeUkWhere(location: Ngo['location']): string | undefined {
  if (!location.region) return undefined;
  const nation = getPlaceName(location.region);
  if (!location.area || location.city) return nation;
  const area = getPlaceNameInText(location.area);
  return area.includes(nation) ? area : `${area}, ${nation}`;
}
