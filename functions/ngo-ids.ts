import { ENCODED_NGO_IDS } from './data/ngo-ids.generated.ts';

/**
 * Which NGO ids exist, for the API (pledges must name a real NGO). The site is the source of
 * truth (content/ngos); scripts/write-ngo-ids.ts packs its 35,000 ids into one committed
 * module (~110 KB: sorted registry numbers as base-36 deltas per id prefix), so the Worker
 * and the Node entry import the same set with no file access or fetch. Decoded on first use
 * into sorted numbers per prefix (a few ms), looked up by binary search.
 */

export type EncodedIdGroup = {
  /** Everything before the registry number, e.g. "US-EIN-". */
  prefix: string;
  /** Fixed number of digits (leading zeros kept); 0 when the numbers are written as is. */
  width: number;
  /** Sorted numbers, each as the base-36 difference from the previous one, comma-separated. */
  deltas: string;
};

/** Pack ids: `<prefix><digits>` ids become deltas; anything else would need a new encoding. */
export function encodeNgoIds(ids: Iterable<string>): EncodedIdGroup[] {
  const groups = new Map<string, { widths: Set<number>; numbers: number[] }>();
  for (const id of ids) {
    const match = /^(.*-)(\d+)$/.exec(id);
    if (!match) throw new Error(`NGO id without a registry number: ${id}`);
    const [, prefix, digits] = match as unknown as [string, string, string];
    const group = groups.get(prefix) ?? { widths: new Set(), numbers: [] };
    group.widths.add(digits.length);
    group.numbers.push(Number(digits));
    groups.set(prefix, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([prefix, { widths, numbers }]) => {
      // Fixed-width numbers may carry leading zeros; varying widths must not.
      const width = widths.size === 1 ? [...widths][0]! : 0;
      const sorted = [...new Set(numbers)].sort((a, b) => a - b);
      let previous = 0;
      const deltas = sorted.map((n) => {
        const d = n - previous;
        previous = n;
        return d.toString(36);
      });
      return { prefix, width, deltas: deltas.join(',') };
    });
}

export function decodeNgoIds(groups: readonly EncodedIdGroup[]): Set<string> {
  const ids = new Set<string>();
  for (const { prefix, width, deltas } of groups) {
    if (!deltas) continue;
    let n = 0;
    for (const d of deltas.split(',')) {
      n += parseInt(d, 36);
      ids.add(prefix + (width ? String(n).padStart(width, '0') : String(n)));
    }
  }
  return ids;
}

/** Per prefix: the sorted registry numbers and their width, for a binary search. */
type DecodedGroup = { width: number; numbers: Float64Array };
let groups: Map<string, DecodedGroup> | undefined;

/** Numbers only, no strings per id: decoding stays a few milliseconds (Worker CPU budgets). */
function decodeGroups(encoded: readonly EncodedIdGroup[]): Map<string, DecodedGroup> {
  const out = new Map<string, DecodedGroup>();
  for (const { prefix, width, deltas } of encoded) {
    const parts = deltas ? deltas.split(',') : [];
    const numbers = new Float64Array(parts.length);
    let n = 0;
    for (let i = 0; i < parts.length; i++) numbers[i] = n += parseInt(parts[i]!, 36);
    out.set(prefix, { width, numbers });
  }
  return out;
}

export function isKnownNgoId(id: string): boolean {
  const match = /^(.*-)(\d{1,15})$/.exec(id);
  if (!match) return false;
  groups ??= decodeGroups(ENCODED_NGO_IDS);
  const group = groups.get(match[1]!);
  const digits = match[2]!;
  if (!group || (group.width ? digits.length !== group.width : digits !== String(Number(digits)))) return false;
  const target = Number(digits);
  let lo = 0;
  let hi = group.numbers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = group.numbers[mid]!;
    if (value === target) return true;
    if (value < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function countKnownNgoIds(): number {
  groups ??= decodeGroups(ENCODED_NGO_IDS);
  let total = 0;
  for (const group of groups.values()) total += group.numbers.length;
  return total;
}
