import { formatMinor } from '../../scripts/display-format.ts';
import type { Pledge } from './pledge-item.tsx';

/** "In all you have pledged £25.00, £10.00 a month." over the pledges not cancelled; '' for none. */
export function describePledgeTotals(pledges: Pledge[]): string {
  const totals = new Map<string, { once: number; monthly: number }>();
  for (const p of pledges) {
    if (p.status === 'cancelled') continue;
    const total = totals.get(p.currency) ?? { once: 0, monthly: 0 };
    if (p.recurrence === 'monthly') total.monthly += p.amount;
    else total.once += p.amount;
    totals.set(p.currency, total);
  }
  const parts = [...totals].flatMap(([currency, t]) => [
    ...(t.once ? [formatMinor(t.once, currency)] : []),
    ...(t.monthly ? [`${formatMinor(t.monthly, currency)} a month`] : []),
  ]);
  return parts.length ? `In all you have pledged ${parts.join(', ')}.` : '';
}
