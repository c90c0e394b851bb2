/**
 * Compound words people spell both ways: "food bank" and "foodbank", "child care" and
 * "childcare". Pagefind needs every query word in a record (as a word or a word's start),
 * so "foodbank" never finds "food bank" and "food bank" never finds "foodbank". Applied
 * at index time: a record whose purpose text holds one spelling also gets the others
 * (addAlternativeSpellings), so both queries find both records, with no change to the
 * query, to the page's script or to Pagefind. At query time it would take two searches
 * and a merge of their scores for every query, in every visitor's browser.
 *
 * A group's first entry is the open spelling, then the closed one; any other entries
 * are phrases meaning the same that also bring the group in (NTEE "Child Day Care").
 * Keep the list small and certain: each entry must mean the same thing in every text.
 */
export const SPELLING_GROUPS: readonly (readonly string[])[] = [
  ['food bank', 'foodbank'],
  ['child care', 'childcare', 'child day care'],
  ['day care', 'daycare'],
  ['health care', 'healthcare'],
  ['after school', 'afterschool'],
  ['well being', 'wellbeing'],
  ['play group', 'playgroup'],
  ['fund raising', 'fundraising'],
  ['home care', 'homecare'],
  ['non profit', 'nonprofit'],
  ['grass roots', 'grassroots'],
  ['breast feeding', 'breastfeeding'],
  ['foster care', 'fostercare'],
];

/**
 * One entry as a pattern: whole words (a plural too) joined by a space, a hyphen or nothing
 * ("well-being", "food banks"), so a longer word that merely starts the same never counts.
 */
function toPattern(phrase: string): RegExp {
  return new RegExp(`\\b${phrase.split(' ').join('[\\s-]*')}(?:s|es)?\\b`, 'i');
}

const PATTERNS = SPELLING_GROUPS.map((group) => ({ group, patterns: group.map(toPattern) }));

/** The other spellings of every group the text mentions, to index beside it ("" when none). */
export function addAlternativeSpellings(text: string): string {
  const found = new Set<string>();
  for (const { group, patterns } of PATTERNS) {
    if (patterns.some((p) => p.test(text))) for (const spelling of group) found.add(spelling);
  }
  return [...found].join(', ');
}
