import { ENCODED_NGO_IDS } from './data/ngo-ids.generated.ts';

/**
 * Which NGO ids exist, for the API (pledges must name a real NGO). The site is the source of
 * truth (content/ngos); scripts/write-ngo-ids.ts packs its 35,000 ids into one committed
 * module (~110 KB: sorted registry numbers as base-36 deltas per id prefix), so the Worker
 * and the Node entry import the same set with no file access or fetch. Decoded on first use.
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

let known: Set<string> | undefined;

export function isKnownNgoId(id: string): boolean {
  known ??= decodeNgoIds(ENCODED_NGO_IDS);
  return known.has(id);
}

export function countKnownNgoIds(): number {
  known ??= decodeNgoIds(ENCODED_NGO_IDS);
  return known.size;
}
