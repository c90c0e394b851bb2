/**
 * The one rule for an NGO page's address (`/ngos/<slug>/`), for the importer's register records
 * and for NGOs that join through Jumo: the readable name folded to ASCII, cut at a word boundary,
 * then a tail that is unique by construction (the register number, or a joined NGO's whole id),
 * so the slug is stable as long as the name is.
 */

/** Letters NFKD does not decompose into ASCII. */
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'TH',
};

export function foldToAscii(text: string): string {
  return text
    .replace(/[ßæÆøØœŒłŁđĐþÞ]/g, (c) => FOLDS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** model/ngo.ts allows 90 characters; the name part keeps to 70 of them. */
const SLUG_MAX = 90;
const SLUG_WORDS_MAX = 70;
const LEGAL_FORMS = new Set(['inc', 'incorporated', 'ltd', 'limited', 'llc', 'corp', 'corporation', 'cic', 'plc']);

function toSlugWords(text: string): string[] {
  return foldToAscii(text)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** "Cancer Lifeline" + "100002" → "cancer-lifeline-100002"; a trailing legal form ("Inc") is dropped. */
export function toNgoSlug(name: string, tail: string): string {
  const tailPart = toSlugWords(tail).join('-');
  const words = toSlugWords(name);
  // "Inc", "Ltd"... say nothing about the organisation: us-japan-relationship-fund-010674736.
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1] ?? '')) words.pop();
  const headMax = Math.min(SLUG_WORDS_MAX, SLUG_MAX - 1 - tailPart.length);
  let head = '';
  for (const word of words) {
    const next = head ? `${head}-${word}` : word;
    if (next.length > headMax) break;
    head = next;
  }
  return head && tailPart ? `${head}-${tailPart}` : head || tailPart;
}
