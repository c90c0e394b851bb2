import { useState } from 'preact/hooks';
import type { NgoNames } from './look-up-ngos.ts';
import { PledgeItem, type Pledge } from './pledge-item.tsx';
import { describePledgeTotals } from './pledge-totals.ts';

/** "My pledges": the totals line and each pledge, kept in step as pledges are settled. */
export function PledgeList({
  pledges: initial,
  names,
  announce,
}: {
  pledges: Pledge[];
  names: NgoNames;
  announce: (message: string) => void;
}) {
  const [pledges, setPledges] = useState(initial);
  const replace = (changed: Pledge) => setPledges((list) => list.map((p) => (p.id === changed.id ? changed : p)));
  return (
    <section aria-labelledby="h-pledges">
      <h2 id="h-pledges">My pledges</h2>
      <p data-me-totals>{describePledgeTotals(pledges)}</p>
      <ul class="me-list" data-me-pledges>
        {pledges.length === 0 && <li class="muted">No pledges yet: pledge from an NGO’s page.</li>}
        {pledges.map((p) => (
          <PledgeItem key={p.id} pledge={p} names={names} onChange={replace} announce={announce} />
        ))}
      </ul>
      <p class="source">
        Jumo never takes money: a pledge is your promise, and you give on the NGO’s own website. Mark a pledge as given
        once you have.
      </p>
    </section>
  );
}
