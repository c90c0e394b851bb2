/**
 * Readable names. The IRS stores names in upper case ("US-JAPAN RELATIONSHIP
 * FUND INC"); the NI register stores them machine-title-cased ("Disability
 * Action (Ni)", "Friends Of The..."). Both end up in one house style.
 */

/** Kept upper case wherever they appear. */
const ACRONYMS = new Set([
  'YMCA',
  'YWCA',
  'YMHA',
  'YWHA',
  'USA',
  'US',
  'UK',
  'NI',
  'PTA',
  'PTO',
  'PTSA',
  'PTSO',
  'VFW',
  'NAACP',
  'LLC',
  'AIDS',
  'HIV',
  'UNICEF',
  'USO',
  'AARP',
  'CASA',
  'NAMI',
  'ROTC',
  'FFA',
  'AAU',
  'AAUW',
  'EMS',
  'EMT',
  'ALS',
  'ADA',
  'USDA',
  'NASA',
  'SPCA',
  'ASPCA',
  'IOOF',
  'BPOE',
  'CYO',
  'JCC',
  'AFL',
  'CIO',
  'ESL',
  'HOA',
  'UAW',
  'USMC',
  'USAF',
  'DBA',
  'VNA',
  'ASD',
  'ADHD',
  'OCD',
  'AFC',
  'GAA',
  'CIC',
  'RNLI',
  'NSPCC',
]);

/** Consonant-only abbreviations that are words, not acronyms: title-cased. */
const ABBREVIATIONS = new Set([
  'ST',
  'MT',
  'FT',
  'DR',
  'JR',
  'SR',
  'MR',
  'MRS',
  'MS',
  'LTD',
  'TR',
  'FDN',
  'FND',
  'FNDN',
  'CTR',
  'CTRL',
  'SGT',
  'LT',
  'TWP',
  'HTS',
  'BLVD',
  'HWY',
  'SVC',
  'SVCS',
  'MGMT',
  'BLDG',
  'WM',
  'RD',
  'SCH',
  'MC',
]);

/** Lower case inside a name (never as its first word). */
const SMALL_WORDS = new Set([
  'of',
  'and',
  'the',
  'for',
  'in',
  'on',
  'at',
  'to',
  'a',
  'an',
  'de',
  'la',
  'del',
  'y',
  'el',
  'los',
  'las',
  'du',
  'des',
  'et',
]);

/** NI names carry Irish words ("Ionad An Phobail"): only English small words are lowered there. */
const ENGLISH_SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'at', 'to']);

/**
 * "A" is both an article and a middle initial ("WALTER A DERYNOSKI"); it is
 * lowered only after words that introduce an article.
 */
const BEFORE_ARTICLE = new Set([
  'FOR',
  'WITH',
  'AT',
  'ON',
  'IN',
  'OF',
  'TO',
  'IS',
  'AS',
  'BY',
  'INTO',
  'FROM',
  'HAVING',
  'NEEDS',
  'SAVE',
  'MAKE',
  'BE',
  'BEING',
  'LIKE',
  'WAS',
  'BUILD',
  'GIVE',
  'SHOP',
  'BECOME',
  'ONCE',
  'UPON',
  'AFTER',
  'ABOUT',
  'THROUGH',
  'WITHOUT',
  'WITHIN',
  'FIND',
  'HELP',
  'HAVE',
  'NOT',
  'JUST',
  'BUT',
]);

/** Gaelic surnames that start with Mac; a list, because MACHINE or MACON must stay as they are. */
const MAC_NAMES = new Set([
  'ARTHUR',
  'DONALD',
  'KENZIE',
  'LEOD',
  'MILLAN',
  'GREGOR',
  'KAY',
  'NEIL',
  'DOUGALL',
  'PHERSON',
  'LEAN',
  'AULAY',
  'FARLANE',
  'KINNON',
  'LAREN',
  'INTYRE',
  'ALLISTER',
  'ALISTER',
  'DOWELL',
  'GUIRE',
  'INNES',
  'LACHLAN',
  'QUEEN',
  'RAE',
  'KENNA',
  'BRIDE',
  'CARTHY',
  'LELLAN',
  'NAMARA',
  'NAUGHTON',
]);

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;
const NO_VOWEL = /^[B-DF-HJ-NP-TV-XZ]{2,}$/;

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

interface PartContext {
  first: boolean;
  prev: string | undefined;
  next: string | undefined;
  /** Spanish names (Puerto Rico, the Southwest): "y" is "and", "Casa" is a house, not CASA. */
  spanish: boolean;
}

const SPANISH_HINTS =
  /\b(DE|DEL|LOS|LAS|PARA|EN|IGLESIA|CENTRO|SOCIEDAD|FUNDACION|CORPORACION|INSTITUTO|COMUNIDAD|MINISTERIO)\b/i;

/** Case one word of an upper-case name; the context decides small words and initials. */
function caseUpperWord(part: string, ctx: PartContext): string {
  const upper = part.toUpperCase();
  const lower = part.toLowerCase();
  if (!/[A-Z]/.test(upper)) return part;
  if (ACRONYMS.has(upper) && !(ctx.spanish && upper === 'CASA')) return upper;
  if (/^\d+(ST|ND|RD|TH)$/.test(upper)) return lower;
  if (/\d/.test(upper)) return upper;
  if (upper.length === 1) return caseSingleLetter(upper, ctx);
  if (upper.length >= 2 && ROMAN.test(upper)) return upper;
  if (ABBREVIATIONS.has(upper)) return capitalise(upper);
  if (NO_VOWEL.test(upper)) return upper;
  if (!ctx.first && SMALL_WORDS.has(lower)) return lower;
  const apostrophe = /^([A-Z]+)['’]([A-Z]*)$/.exec(upper);
  if (apostrophe) {
    const [, head = '', tail = ''] = apostrophe;
    // O'BRIEN, D'ARCY, L'ARCHE: a one-letter prefix is an elided word, so both halves are names.
    if (head.length === 1 && tail.length >= 2) return `${head}${part.charAt(1)}${capitalise(tail)}`;
    return `${capitalise(head)}${part.charAt(head.length)}${tail.toLowerCase()}`;
  }
  if (/^MC[A-Z]{2,}$/.test(upper) && /[AEIOUY]/.test(upper.slice(2))) return `Mc${capitalise(upper.slice(2))}`;
  if (upper.startsWith('MAC') && MAC_NAMES.has(upper.slice(3))) return `Mac${capitalise(upper.slice(3))}`;
  return capitalise(upper);
}

function caseSingleLetter(letter: string, ctx: PartContext): string {
  const isLetter = (w: string | undefined) => w !== undefined && /^[A-Z]$/i.test(w);
  // Spelled-out initials ("Y M C A") stay upper.
  if (ctx.first || isLetter(ctx.prev) || isLetter(ctx.next)) return letter;
  if (letter === 'A' && (ctx.prev === '-' || BEFORE_ARTICLE.has((ctx.prev ?? '').toUpperCase()))) return 'a';
  if (letter === 'Y' && ctx.spanish) return 'y';
  return letter;
}

interface Token {
  lead: string;
  core: string;
  trail: string;
}

function splitTokens(name: string): Token[] {
  return name
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((raw) => {
      const m = /^([("'[“‘]*)(.*?)([)"'\],.;:!?”’]*)$/.exec(raw);
      return { lead: m?.[1] ?? '', core: m?.[2] ?? raw, trail: m?.[3] ?? '' };
    });
}

/**
 * Title-case a name written in capitals, keeping acronyms, roman numerals,
 * initials and Mc/Mac/O' surnames readable: "US-JAPAN RELATIONSHIP FUND INC"
 * -> "US-Japan Relationship Fund Inc".
 */
export function titleCaseName(raw: string): string {
  const tokens = splitTokens(raw);
  const spanish = SPANISH_HINTS.test(raw);
  return tokens
    .map((token, i) => {
      const prevToken = tokens[i - 1];
      const startsClause =
        i === 0 || token.lead.includes('(') || /[:(]$/.test(prevToken?.trail ?? '') || prevToken?.core === '-';
      const parts = token.core.split(/([-/])/);
      const cased = parts.map((part, j) => {
        if (j % 2 === 1) return part;
        return caseUpperWord(part, {
          first: startsClause && j === 0,
          prev: j > 0 ? parts[j - 1] : prevToken?.core,
          next: j + 2 < parts.length ? parts[j + 2] : tokens[i + 1]?.core,
          spanish,
        });
      });
      return token.lead + cased.join('') + token.trail;
    })
    .join(' ');
}

/** Tidy one word of an already mixed-case NI name: only known machine-casing slips. */
function tidyMixedWord(part: string, first: boolean): string {
  const upper = part.toUpperCase();
  if (/^\d+(St|Nd|Rd|Th)$/.test(part)) return part.toLowerCase();
  // "Us" in a mixed-case name is the pronoun ("Walk With Us"), not the country.
  if (ACRONYMS.has(upper) && upper !== 'US') return upper;
  if (/^[A-Z][a-z]+$/.test(part) && NO_VOWEL.test(upper) && !ABBREVIATIONS.has(upper)) return upper;
  if (!first && /^[A-Z][a-z]+$/.test(part) && ENGLISH_SMALL_WORDS.has(part.toLowerCase())) return part.toLowerCase();
  if (/^Mc[a-z]{2,}$/.test(part)) return `Mc${capitalise(part.slice(2))}`;
  // "Gwyn’S" -> "Gwyn’s": the register capitalised the letter after every apostrophe.
  return part.replace(/([A-Za-z]{2,}['’])S$/, '$1s');
}

/**
 * NI names are already mixed case; fix acronyms the register lower-cased
 * ("Disability Action (Ni)" -> "Disability Action (NI)"), small words and
 * possessives, and leave everything else (Irish spellings included) alone.
 */
export function tidyMixedCaseName(raw: string): string {
  const tokens = splitTokens(raw);
  return tokens
    .map((token, i) => {
      const prevToken = tokens[i - 1];
      const startsClause =
        i === 0 || token.lead.includes('(') || prevToken?.core === '-' || /[:(]$/.test(prevToken?.trail ?? '');
      const cased = token.core
        .split(/([-/])/)
        .map((part, j) => (j % 2 === 1 ? part : tidyMixedWord(part, startsClause && j === 0)));
      return token.lead + cased.join('') + token.trail;
    })
    .join(' ');
}

/** Names the NI register wrote in capitals get the IRS treatment; the rest is tidied. */
export function normaliseNiName(raw: string): string {
  const hasLower = /[a-z]/.test(raw);
  const hasLongWord = /[A-Z]{4,}/.test(raw.replace(/\b([A-Z]\.)+/g, ''));
  return !hasLower && hasLongWord ? titleCaseName(raw) : tidyMixedCaseName(raw);
}
