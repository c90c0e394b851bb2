import type { Ngo } from '../../model/ngo.ts';
import { getPlaceName } from '../../model/places.ts';

/**
 * The relevance benchmark's questions and right answers (`npm run bench:search`). A right
 * answer is decided from the record's facts, not from what the index holds: the purpose
 * in the NGO's own words, its name, its classification (NTEE code, UK-CAT tags, the NI
 * register's categories) or its profile's mission, as whole words; places from the
 * location fields. So "water" is answered by NGOs working on water, never by a town
 * called Waterbury, and "foodbank" by food banks however they spell it.
 */

export type Judge = {
  /** Whole-word pattern over the purpose text (purposeText). */
  purpose?: RegExp;
  /** NTEE codes (or prefixes: "K3" for K30–K36) that mean the purpose. */
  ntee?: string[];
  /** UK-CAT tag codes (or prefixes: "CC" for every childcare tag) that mean the purpose. */
  tags?: string[];
  /** Pattern over the place text (city, region, country names); with a purpose, both must hold. */
  place?: RegExp;
};

export type JudgedQuery = { query: string; judge: Judge };

const FOOD_BANK: Judge = { purpose: /\bfood ?(banks?|pantr(y|ies))\b/i, ntee: ['K31'], tags: ['SW301'] };
const CHILDCARE: Judge = {
  purpose: /\b(child ?care|day ?care|nurser(y|ies)|pre-?schools?)\b/i,
  ntee: ['P33', 'B21'],
  tags: ['CC'],
};
const REFUGEES: Judge = { purpose: /\b(refugees?|asylum)\b/i, ntee: ['Q71'], tags: ['BE101'] };
const HOMELESS: Judge = {
  purpose: /\b(homeless(ness)?|rough sleep(ers|ing))\b/i,
  ntee: ['L41', 'P85'],
  tags: ['HO103'],
};
const CANCER: Judge = { purpose: /\b(cancers?|oncology|leuka?emia|tumou?rs?)\b/i, ntee: ['G30', 'H30'] };
const YOUTH: Judge = {
  purpose: /\b(youth|young people|children|teenagers?)\b/i,
  ntee: ['O'],
  tags: ['BE102', 'BE115'],
};

/** The examples first (issue 12), then common purposes and places across the registers. */
export const JUDGED_QUERIES: JudgedQuery[] = [
  {
    query: 'clean water',
    judge: { purpose: /\b((clean|safe|drinking|potable) water|sanitation)\b/i, tags: ['EC202'] },
  },
  { query: 'water', judge: { purpose: /\bwaters?\b/i, ntee: ['C32'], tags: ['EC202'] } },
  { query: 'food bank', judge: FOOD_BANK },
  { query: 'foodbank', judge: FOOD_BANK },
  { query: 'child care', judge: CHILDCARE },
  { query: 'childcare', judge: CHILDCARE },
  {
    query: 'hunger',
    judge: {
      purpose:
        /\b(hunger|hungry|food ?(banks?|pantr(y|ies)|poverty|insecurity)|malnutrition|famine|soup kitchens?|meals on wheels)\b/i,
      ntee: ['K3'],
      tags: ['SW301'],
    },
  },
  { query: 'refugees london', judge: { ...REFUGEES, place: /\blondon\b/i } },
  { query: 'refugees', judge: REFUGEES },
  { query: 'homeless', judge: HOMELESS },
  {
    query: 'animal rescue',
    judge: {
      purpose:
        /\b(animal (rescue|shelters?|welfare|sanctuary)|(dog|cat|horse|pet)s? (rescue|shelter|sanctuary)|humane society|spca)\b/i,
      ntee: ['D20'],
    },
  },
  { query: 'cancer', judge: CANCER },
  { query: 'dementia', judge: { purpose: /\b(dementia|alzheimer'?s?)\b/i, ntee: ['G83'] } },
  { query: 'autism', judge: { purpose: /\b(autis(m|tic)|asperger'?s?)\b/i, ntee: ['G84'] } },
  { query: 'hospice', judge: { purpose: /\b(hospices?|palliative|end of life)\b/i, ntee: ['P74'] } },
  { query: 'museum', judge: { purpose: /\bmuseums?\b/i, ntee: ['A5'] } },
  {
    query: 'mental health',
    judge: { purpose: /\b(mental (health|illness|ill health)|suicide|depression)\b/i, ntee: ['F'] },
  },
  {
    query: 'domestic violence',
    judge: {
      purpose: /\b(domestic (abuse|violence)|family violence|women'?s aid|battered women)\b/i,
      ntee: ['P43'],
      tags: ['SW202'],
    },
  },
  { query: 'veterans', judge: { purpose: /\b(veterans?|ex-service|armed forces)\b/i, ntee: ['W30'] } },
  { query: 'literacy', judge: { purpose: /\b(literacy|illiteracy)\b/i, ntee: ['B92'] } },
  { query: 'orchestra', judge: { purpose: /\b(orchestras?|orchestral|symphon(y|ies|ic))\b/i, ntee: ['A69'] } },
  { query: 'scouts', judge: { purpose: /\b(scouts?|scouting|girl guides?|guiding)\b/i, ntee: ['O41', 'O42'] } },
  { query: 'homeless belfast', judge: { ...HOMELESS, place: /\bbelfast\b/i } },
  { query: 'youth belfast', judge: { ...YOUTH, place: /\bbelfast\b/i } },
  { query: 'cancer london', judge: { ...CANCER, place: /\blondon\b/i } },
  { query: 'belfast', judge: { place: /\bbelfast\b/i } },
  { query: 'anchorage', judge: { place: /\banchorage\b/i } },
  { query: 'glasgow', judge: { place: /\bglasgow\b/i } },
  { query: 'edinburgh', judge: { place: /\bedinburgh\b/i } },
  { query: 'cardiff', judge: { place: /\bcardiff\b/i } },
  { query: 'manchester', judge: { place: /\bmanchester\b/i } },
];

/** What an NGO is for, in words: its name, own words, classification and mission. */
export function purposeText(ngo: Ngo, mission?: string): string {
  return [
    ngo.name,
    ngo.ownWords?.text,
    ngo.classification?.label,
    ...(ngo.tags ?? []).map((t) => t.label),
    ...(ngo.activities ?? []),
    ...(ngo.beneficiaries ?? []),
    mission,
  ]
    .filter(Boolean)
    .join(' \n ');
}

export function placeText(ngo: Ngo): string {
  const { city, region, area, country } = ngo.location;
  return [city, area && getPlaceName(area), region && getPlaceName(region), getPlaceName(country)]
    .filter(Boolean)
    .join(', ');
}

const startsWithAny = (code: string | undefined, prefixes: string[] | undefined) =>
  Boolean(code && prefixes?.some((p) => code.startsWith(p)));

export function isRightAnswer(judge: Judge, ngo: Ngo, mission?: string): boolean {
  if (judge.place && !judge.place.test(placeText(ngo))) return false;
  if (!judge.purpose && !judge.ntee && !judge.tags) return true;
  return (
    (judge.purpose?.test(purposeText(ngo, mission)) ?? false) ||
    startsWithAny(ngo.classification?.code, judge.ntee) ||
    (ngo.tags ?? []).some((t) => startsWithAny(t.code, judge.tags))
  );
}

export type QueryScore = {
  query: string;
  /** NGOs in the directory that answer the query (by the judge). */
  rightAnswers: number;
  found: number;
  /** Right answers among the first five results. */
  rightInTop5: number;
  /**
   * Precision of the top 5: right answers among the first five results over the most that
   * could be (five, or fewer when the directory holds fewer right answers).
   */
  precisionAt5: number;
  /** Share of the right answers found at all (any rank). */
  recall: number;
};

/** `resultUrls`: every result, best first. */
export function scoreQuery(query: string, rightAnswers: ReadonlySet<string>, resultUrls: string[]): QueryScore {
  const rightInTop5 = resultUrls.slice(0, 5).filter((url) => rightAnswers.has(url)).length;
  const possible = Math.min(5, rightAnswers.size);
  const rightFound = resultUrls.filter((url) => rightAnswers.has(url)).length;
  return {
    query,
    rightAnswers: rightAnswers.size,
    found: resultUrls.length,
    rightInTop5,
    precisionAt5: possible === 0 ? 0 : rightInTop5 / possible,
    recall: rightAnswers.size === 0 ? 0 : rightFound / rightAnswers.size,
  };
}

/** Mean precision over the queries that have right answers in this directory. */
export function summariseScores(scores: QueryScore[]): {
  judged: number;
  meanPrecisionAt5: number;
  meanRecall: number;
  findNothing: number;
} {
  const judged = scores.filter((s) => s.rightAnswers > 0);
  const mean = (pick: (s: QueryScore) => number) =>
    judged.length ? judged.reduce((sum, s) => sum + pick(s), 0) / judged.length : 0;
  return {
    judged: judged.length,
    meanPrecisionAt5: mean((s) => s.precisionAt5),
    meanRecall: mean((s) => s.recall),
    findNothing: judged.filter((s) => s.found === 0).length,
  };
}
