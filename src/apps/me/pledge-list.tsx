import { useEffect, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import type { NgoNames } from './look-up-ngos.ts';
import { PledgeItem, type Pledge } from './pledge-item.tsx';
import type { PledgeReportLinks } from './pledge-reports.tsx';
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
  // The impact reports each pledge's NGO published after it: one request for all pledges.
  const [reports, setReports] = useState<Map<string, PledgeReportLinks>>(new Map());
  useEffect(() => {
    void callApi('listMyPledgeImpactReports').then((answer) => {
      if (answer.ok) setReports(new Map(answer.data.pledges.map((p) => [p.pledgeId, p.reports])));
    });
  }, []);
  return (
    <section aria-labelledby="h-pledges">
      <h2 id="h-pledges">My pledges</h2>
      <p data-me-totals>{describePledgeTotals(pledges)}</p>
      <ul class="me-list" data-me-pledges>
        {pledges.length === 0 && <li class="muted">No pledges yet: pledge from an NGO’s page.</li>}
        {pledges.map((p) => (
          <PledgeItem
            key={p.id}
            pledge={p}
            names={names}
            reports={reports.get(p.id) ?? []}
            onChange={replace}
            announce={announce}
          />
        ))}
      </ul>
      <p class="source">
        Jumo never takes money: a pledge is your promise, and you give on the NGO’s own website. Mark a pledge as given
        once you have.
      </p>
    </section>
  );
}
