/**
 * Which 35,000 NGOs the directory holds (the selection rule):
 *
 *   tier 0  every eligible Charity Commission NI charity (the UK half of the
 *           launch audience; the whole register fits);
 *   tier 1  IRS charities based outside the 50 states + DC (eo4: foreign
 *           countries, PR/VI/GU/AS/MP...) or in NTEE major group Q
 *           (international affairs) — the directory is about causes worldwide;
 *   tier 2  every other IRS charity.
 *
 * Within a tier: larger REVENUE_AMT first (NI: total income), then larger
 * INCOME_AMT, then id ascending, so the order is total and the output
 * deterministic whatever the file order. A missing figure ranks below zero.
 */
export interface RankKey {
  tier: 0 | 1 | 2;
  /** Revenue (IRS REVENUE_AMT, NI total income); -Infinity when not reported. */
  revenue: number;
  /** Tie-break: IRS INCOME_AMT (NI: total income again); -Infinity when not reported. */
  income: number;
  id: string;
}

function compareDescending(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

/** Negative when `a` ranks before (is preferred to) `b`. */
export function compareRank(a: RankKey, b: RankKey): number {
  return (
    a.tier - b.tier ||
    compareDescending(a.revenue, b.revenue) ||
    compareDescending(a.income, b.income) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface Ranked<T> {
  rank: RankKey;
  value: T;
}

/**
 * Keeps the best `limit` values seen so far in a binary heap whose root is
 * the worst kept one, so memory stays at `limit` records however many rows
 * the registries hold (~200,000 eligible IRS charities).
 */
export class TopSelection<T> {
  readonly limit: number;
  private readonly heap: Ranked<T>[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Whether a value with this rank would be kept now (so callers can skip building it). */
  accepts(rank: RankKey): boolean {
    if (this.heap.length < this.limit) return true;
    return this.limit > 0 && compareRank(rank, this.heap[0]!.rank) < 0;
  }

  offer(rank: RankKey, value: T): void {
    if (!this.accepts(rank)) return;
    if (this.heap.length < this.limit) {
      this.heap.push({ rank, value });
      this.siftUp(this.heap.length - 1);
    } else {
      this.heap[0] = { rank, value };
      this.siftDown(0);
    }
  }

  /** The kept values with their ranks, best first. */
  takeSorted(): Ranked<T>[] {
    return [...this.heap].sort((a, b) => compareRank(a.rank, b.rank));
  }

  /** True when `i` should sit above `j` in the heap (it ranks worse). */
  private isWorse(i: number, j: number): boolean {
    return compareRank(this.heap[i]!.rank, this.heap[j]!.rank) > 0;
  }

  private swap(i: number, j: number): void {
    const tmp = this.heap[i]!;
    this.heap[i] = this.heap[j]!;
    this.heap[j] = tmp;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.isWorse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.heap.length && this.isWorse(left, worst)) worst = left;
      if (right < this.heap.length && this.isWorse(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
