import type { CauseId } from '../../model/causes.ts';
import { CAUSE_IDS } from '../../model/causes.ts';

/**
 * How the registries' own classifications map onto Jumo's 23 causes
 * (model/causes.ts).
 *
 * IRS: the NTEE major group letter gives the main cause (A arts, B education,
 * C environment, D animals, E/G health, F mental health, H health + research,
 * I justice, J/S community development, K food, L housing, M disaster relief &
 * safety, N sport, O youth, P family & social services, Q international,
 * R human rights, T philanthropy, U/V science, W/Y civic & public benefit,
 * X religion, Z general). A few subcodes are more specific than their group
 * (food banks also fight poverty; P82/P86/P87 serve disabled people; Q33 is
 * disaster relief abroad): their causes come first, then the group's.
 *
 * NI: the register lists purposes ("What the charity does", the Charities Act
 * (NI) 2008 heads) and activities ("How the charity works"); each category
 * maps to one or two causes. Purposes are what the charity is registered
 * for, so they weigh more than activities when ordering.
 */

const NTEE_GROUP_CAUSES: Readonly<Record<string, readonly CauseId[]>> = {
  A: ['arts-culture'],
  B: ['education'],
  C: ['environment'],
  D: ['animals'],
  E: ['health'],
  F: ['mental-health'],
  G: ['health'],
  H: ['health', 'science-research'],
  I: ['justice'],
  J: ['community-development'],
  K: ['food-agriculture'],
  L: ['housing'],
  M: ['disaster-relief'],
  N: ['sports-recreation'],
  O: ['youth'],
  P: ['human-services'],
  Q: ['international'],
  R: ['human-rights'],
  S: ['community-development'],
  T: ['philanthropy'],
  U: ['science-research'],
  V: ['science-research'],
  W: ['public-benefit'],
  X: ['religion'],
  Y: ['public-benefit'],
  Z: ['general'],
};

/** Subcodes (3-char, or 2-char prefixes) whose causes precede their group's. */
const NTEE_REFINEMENTS: Readonly<Record<string, readonly CauseId[]>> = {
  B70: ['education', 'arts-culture'], // libraries
  E86: ['health', 'disability'], // patient services for the disabled
  G8: ['health'],
  I7: ['justice', 'human-services'], // protection against abuse
  K3: ['food-agriculture', 'poverty'], // food programs, K31 food banks, K35 soup kitchens
  L4: ['housing', 'poverty'], // homeless shelters
  M2: ['disaster-relief'],
  N2: ['sports-recreation', 'youth'], // camps
  P3: ['youth', 'human-services'], // children & youth services
  P43: ['human-services', 'justice'], // family violence shelters
  P6: ['poverty', 'human-services'], // emergency assistance
  P62: ['justice', 'human-services'], // victims' services
  P7A: ['disability', 'human-services'],
  P75: ['human-services', 'health'],
  P8: ['human-services', 'community-development'], // centres for specific populations
  P82: ['disability', 'human-services'],
  P86: ['disability', 'human-services'],
  P87: ['disability', 'human-services'],
  P85: ['housing', 'poverty'],
  P88: ['human-rights', 'human-services'],
  Q3: ['international'],
  Q33: ['international', 'disaster-relief'],
  Q7: ['international', 'human-rights'],
  R2: ['human-rights'],
  R6: ['human-rights', 'justice'],
  S8: ['community-development', 'philanthropy'], // service clubs
  T5: ['philanthropy'],
  T7: ['philanthropy', 'poverty'], // federated giving (United Way)
  W3: ['public-benefit'],
};

/** Causes for an NTEE code (3-char base), most specific first. */
export function mapNteeToCauses(base: string): CauseId[] {
  const refined = NTEE_REFINEMENTS[base] ?? NTEE_REFINEMENTS[base.slice(0, 2)] ?? [];
  return dedupeCauses([...refined, ...(NTEE_GROUP_CAUSES[base.charAt(0)] ?? ['general'])]);
}

/** NI activities ("How the charity works"), lower-cased. */
const NI_ACTIVITY_CAUSES: Readonly<Record<string, readonly CauseId[]>> = {
  'accommodation/housing': ['housing'],
  'advice/advocacy/information': ['human-services'],
  'animal welfare': ['animals'],
  arts: ['arts-culture'],
  'community development': ['community-development'],
  'community enterprise': ['community-development'],
  'community transport': ['community-development'],
  'counselling/support': ['mental-health'],
  'criminal justice': ['justice'],
  'cross-border/cross-community': ['human-rights'],
  cultural: ['arts-culture'],
  disability: ['disability'],
  'economic development': ['community-development'],
  'education/training': ['education'],
  'environment/sustainable development/conservation': ['environment'],
  gender: ['human-rights'],
  'general charitable purposes': ['general'],
  'grant making': ['philanthropy'],
  'heritage/historical': ['arts-culture'],
  'human rights/equality': ['human-rights'],
  'medical/health/sickness': ['health'],
  'overseas aid/famine relief': ['international'],
  'playgroup/after schools': ['youth'],
  'relief of poverty': ['poverty'],
  'religious activities': ['religion'],
  'research/evaluation': ['science-research'],
  'rural development': ['community-development'],
  'search and rescue': ['disaster-relief'],
  'sport/recreation': ['sports-recreation'],
  'urban development': ['community-development'],
  'volunteer development': ['philanthropy'],
  'welfare/benevolent': ['poverty'],
  'youth development': ['youth'],
};

/** NI purposes, matched on a distinctive phrase (the register's wording has stray double spaces). */
const NI_PURPOSE_CAUSES: ReadonlyArray<readonly [string, readonly CauseId[]]> = [
  ['relief of poverty', ['poverty']],
  ['advancement of education', ['education']],
  ['advancement of religion', ['religion']],
  ['advancement of health', ['health']],
  ['citizenship or community development', ['community-development']],
  ['arts, culture, heritage or science', ['arts-culture']],
  ['amateur sport', ['sports-recreation']],
  ['human rights', ['human-rights']],
  ['environmental protection', ['environment']],
  ['relief of those in need', ['human-services']],
  ['animal welfare', ['animals']],
  ['armed forces', ['public-benefit']],
  ['recreation', ['sports-recreation']],
  ['other charitable purposes', ['general']],
];

function normaliseCategory(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function mapNiPurpose(purpose: string): readonly CauseId[] {
  const key = normaliseCategory(purpose);
  return NI_PURPOSE_CAUSES.find(([phrase]) => key.includes(phrase))?.[1] ?? [];
}

export function mapNiActivity(activity: string): readonly CauseId[] {
  return NI_ACTIVITY_CAUSES[normaliseCategory(activity)] ?? [];
}

/**
 * Causes for an NI charity, ordered by weight (a purpose counts 2, an
 * activity 1; ties keep first mention), "general" last since it says least.
 */
export function mapNiCategoriesToCauses(purposes: readonly string[], activities: readonly string[]): CauseId[] {
  const score = new Map<CauseId, number>();
  const add = (causes: readonly CauseId[], weight: number) => {
    for (const cause of causes) score.set(cause, (score.get(cause) ?? 0) + weight);
  };
  for (const purpose of purposes) add(mapNiPurpose(purpose), 2);
  for (const activity of activities) add(mapNiActivity(activity), 1);
  const ranked = [...score.entries()]
    .map(([cause, points], order) => ({ cause, points: cause === 'general' ? -1 : points, order }))
    .sort((a, b) => b.points - a.points || a.order - b.order)
    .map((entry) => entry.cause);
  return dedupeCauses(ranked.length > 0 ? ranked : ['general']);
}

/** Keep the first mention of each known cause, at most 8 (the schema's cap). */
export function dedupeCauses(causes: readonly string[]): CauseId[] {
  const known = new Set<string>(CAUSE_IDS);
  const out: CauseId[] = [];
  for (const cause of causes) {
    if (known.has(cause) && !out.includes(cause as CauseId)) out.push(cause as CauseId);
  }
  return out.slice(0, 8);
}
