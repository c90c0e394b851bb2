import type { CauseId } from '../../model/causes.ts';
import { dedupeCauses } from './cause-map.ts';

/**
 * How UK-CAT tags (../shared/data/ukcat/ukcat-tags.csv) map onto Jumo's causes.
 *
 * A tag's category (its first two letters) gives its cause; some tags are more specific than
 * their category (food banks fight poverty; hospices are health; refugees are human rights) and
 * map on their own. Causes are ordered by how many of the charity's tags point at them, ties in
 * the register's tag order; "general" only when nothing else applies.
 *
 * Charities UK-CAT has not tagged are mapped by their ICNPTSO code (the UN's International
 * Classification of Non-Profit and Third Sector Organizations, icnptso.csv), by group or section.
 */

const CATEGORY_CAUSES: Readonly<Record<string, readonly CauseId[]>> = {
  AN: ['animals'],
  AF: ['public-benefit'],
  AR: ['arts-culture'],
  AS: ['community-development'],
  BE: ['human-services'],
  CA: ['philanthropy'],
  CV: ['philanthropy'],
  CC: ['youth', 'education'],
  CJ: ['justice'],
  EC: ['community-development'],
  ED: ['education'],
  EN: ['environment'],
  FA: ['community-development'],
  HE: ['health'],
  HR: ['arts-culture'],
  HO: ['housing'],
  LE: ['sports-recreation'],
  PR: ['public-benefit'],
  RL: ['religion'],
  RS: ['science-research'],
  SL: ['disaster-relief'],
  SC: ['human-services'],
  SW: ['poverty', 'human-services'],
  SO: ['human-rights'],
};

/** Tags whose cause is not (only) their category's. */
const TAG_CAUSES: Readonly<Record<string, readonly CauseId[]>> = {
  AS300: ['youth'],
  AS301: ['youth'],
  AS302: ['youth'],
  AS303: ['youth'],
  AS108: ['youth', 'community-development'],
  BE101: ['human-rights', 'international'],
  BE102: ['youth'],
  BE104: ['youth', 'human-rights'],
  BE105: ['human-rights'],
  BE107: ['human-rights'],
  BE108: ['human-services'],
  BE110: ['disability'],
  BE111: ['human-rights'],
  BE113: ['human-rights'],
  BE114: ['youth'],
  BE115: ['youth'],
  BE200: ['disability'],
  BE201: ['disability', 'sports-recreation'],
  CA101: ['human-services', 'justice'],
  CA103: ['human-rights'],
  CJ103: ['disaster-relief'],
  CJ104: ['human-rights', 'justice'],
  EC103: ['international'],
  EC105: ['food-agriculture', 'community-development'],
  EC107: ['poverty', 'community-development'],
  ED101: ['education'],
  FA104: ['environment'],
  FA105: ['environment'],
  FA106: ['sports-recreation'],
  FA108: ['youth'],
  HE201: ['mental-health', 'health'],
  HE203: ['disability', 'health'],
  HE207: ['disability', 'health'],
  HE210: ['mental-health'],
  HE215: ['disability', 'health'],
  HE304: ['mental-health'],
  HR106: ['science-research', 'environment'],
  LE102: ['environment', 'sports-recreation'],
  RS101: ['health', 'science-research'],
  SL101: ['disaster-relief'],
  SL102: ['international', 'disaster-relief'],
  SW200: ['justice', 'human-services'],
  SW201: ['youth', 'justice'],
  SW202: ['justice', 'human-services'],
  SW203: ['housing', 'justice'],
  SW204: ['justice', 'human-services'],
  SW102: ['mental-health', 'human-services'],
  SW104: ['community-development'],
  SW106: ['mental-health', 'human-services'],
  SW107: ['community-development'],
  SW300: ['food-agriculture', 'poverty'],
  SW301: ['food-agriculture', 'poverty'],
  SO102: ['human-rights', 'international'],
  SO103: ['public-benefit'],
};

/** ICNPTSO groups (A10) or sections (A) -> causes. */
const ICNPTSO_CAUSES: Readonly<Record<string, readonly CauseId[]>> = {
  A: ['arts-culture'],
  A20: ['sports-recreation'],
  B: ['education'],
  C: ['health'],
  D: ['human-services'],
  D20: ['youth', 'human-services'],
  D30: ['disaster-relief', 'poverty'],
  D40: ['disability', 'community-development'],
  E: ['environment'],
  E20: ['animals'],
  F: ['community-development'],
  F10: ['housing'],
  F30: ['housing'],
  G: ['human-rights'],
  G30: ['international'],
  H: ['philanthropy'],
  I: ['religion'],
  J: ['public-benefit'],
  K: ['science-research'],
  K20: ['public-benefit'],
  K30: ['public-benefit'],
  L: ['general'],
  L10: ['food-agriculture'],
};

/** Causes of one tag code: its own mapping, else its category's; [] for an unknown category. */
export function mapUkcatTag(code: string): readonly CauseId[] {
  return TAG_CAUSES[code] ?? CATEGORY_CAUSES[code.slice(0, 2)] ?? [];
}

/** Causes of an ICNPTSO code ("E21", "A10", "G"): by group, then section. */
export function mapIcnptso(code: string): readonly CauseId[] {
  const text = code.trim().toUpperCase();
  return ICNPTSO_CAUSES[text.slice(0, 3).replace(/\d$/, '0')] ?? ICNPTSO_CAUSES[text.charAt(0)] ?? [];
}

/** A charity's causes from its UK-CAT tags, else its ICNPTSO code, else "general". */
export function mapUkcatToCauses(tags: readonly string[], icnptso: string): CauseId[] {
  const score = new Map<CauseId, number>();
  for (const tag of tags) for (const cause of mapUkcatTag(tag)) score.set(cause, (score.get(cause) ?? 0) + 1);
  const ranked = [...score.entries()]
    .map(([cause, points], order) => ({ cause, points, order }))
    .sort((a, b) => b.points - a.points || a.order - b.order)
    .map((entry) => entry.cause);
  if (ranked.length > 0) return dedupeCauses(ranked);
  const byCode = icnptso ? mapIcnptso(icnptso) : [];
  return dedupeCauses(byCode.length > 0 ? byCode : ['general']);
}
