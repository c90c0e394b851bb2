import { describe, expect, it } from 'vitest';
import { compareRank, TopSelection, type RankKey } from './select.ts';

describe('compareRank (the selection rule)', () => {
  it('puts NI first, then non-US or NTEE Q, then the rest, whatever the revenue', () => {
    const ni = { tier: 0, revenue: 10, income: 10, id: 'GB-NIC-100002' } as const;
    const abroad = { tier: 1, revenue: 1e6, income: 0, id: 'US-EIN-010674736' } as const;
    const big = { tier: 2, revenue: 1e9, income: 0, id: 'US-EIN-813021580' } as const;
    expect(compareRank(ni, abroad)).toBeLessThan(0);
    expect(compareRank(abroad, big)).toBeLessThan(0);
  });

  it('orders by revenue, then income, then id, and ranks a missing figure below zero', () => {
    // Ids run against the expected order wherever a figure decides, so each tie-break is exercised.
    const keys: RankKey[] = [
      { tier: 2, revenue: -Infinity, income: -Infinity, id: 'US-EIN-000000001' },
      { tier: 2, revenue: -Infinity, income: 5, id: 'US-EIN-000000002' },
      { tier: 2, revenue: 0, income: 0, id: 'US-EIN-000000003' },
      { tier: 2, revenue: 100, income: 1, id: 'US-EIN-000000005' },
      { tier: 2, revenue: 100, income: 1, id: 'US-EIN-000000004' },
      { tier: 2, revenue: 100, income: 9, id: 'US-EIN-000000006' },
      { tier: 2, revenue: 200, income: 0, id: 'US-EIN-000000007' },
    ];
    expect([...keys].sort(compareRank).map((k) => k.id.slice(-1))).toEqual(['7', '6', '4', '5', '3', '2', '1']);
  });
});

describe('TopSelection', () => {
  it('keeps the best `limit` candidates, whatever order they arrive in', () => {
    const ranks: RankKey[] = Array.from({ length: 200 }, (_, i) => ({
      tier: (i % 3) as 0 | 1 | 2,
      revenue: (i * 7919) % 1000,
      income: i,
      id: `US-EIN-${String(i).padStart(9, '0')}`,
    }));
    const expected = [...ranks]
      .sort(compareRank)
      .slice(0, 25)
      .map((r) => r.id);
    for (const order of [ranks, [...ranks].reverse()]) {
      const selection = new TopSelection<string>(25);
      for (const rank of order) selection.offer(rank, rank.id);
      expect(selection.size).toBe(25);
      expect(selection.takeSorted().map((kept) => kept.value)).toEqual(expected);
    }
  });

  it('keeps nothing with a limit of 0 and everything below the limit', () => {
    const none = new TopSelection<string>(0);
    none.offer({ tier: 0, revenue: 1, income: 1, id: 'GB-NIC-100002' }, 'ni');
    expect(none.size).toBe(0);
    const all = new TopSelection<string>(10);
    all.offer({ tier: 2, revenue: 1, income: 1, id: 'US-EIN-000000001' }, 'us');
    all.offer({ tier: 0, revenue: 1, income: 1, id: 'GB-NIC-100002' }, 'ni');
    expect(all.takeSorted().map((kept) => kept.value)).toEqual(['ni', 'us']);
  });
});
