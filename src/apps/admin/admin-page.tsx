import { useEffect, useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { AdminIntro } from './admin-intro.tsx';
import { ClaimItem } from './claim-item.tsx';
import { ProfileHistory } from './profile-history.tsx';
import { ProposalItem } from './proposal-item.tsx';
import { ReportItem } from './report-item.tsx';

type Lists = {
  claims: ApiResult<'listClaims'>['claims'];
  proposals: ApiResult<'listProposals'>['proposals'];
  reports: ApiResult<'listReports'>['reports'];
};
type View = { kind: 'loading' } | { kind: 'refused'; message: string } | { kind: 'ready'; lists: Lists };

/** /admin/: site administrators approve or reject claims and proposed NGOs, and resolve reports. */
export function AdminPage() {
  const [view, setView] = useState<View>({ kind: 'loading' });

  const refresh = async () => {
    const [claims, proposals, reports] = await Promise.all([
      callApi('listClaims'),
      callApi('listProposals'),
      callApi('listReports'),
    ]);
    if (!claims.ok && claims.status === 401)
      return setView({ kind: 'refused', message: 'Sign in (top right) as a site administrator.' });
    if (!claims.ok && claims.status === 403)
      return setView({ kind: 'refused', message: 'Only site administrators can see this page.' });
    setView({
      kind: 'ready',
      lists: {
        claims: claims.ok ? claims.data.claims : [],
        proposals: proposals.ok ? proposals.data.proposals : [],
        reports: reports.ok ? reports.data.reports : [],
      },
    });
  };
  useEffect(() => {
    void refresh();
  }, []);

  if (view.kind === 'loading') {
    return <AdminIntro />;
  }
  if (view.kind === 'refused') {
    return (
      <>
        <h1>Administration</h1>
        <p>{view.message}</p>
      </>
    );
  }
  const { claims, proposals, reports } = view.lists;
  return (
    <>
      <h1>Administration</h1>
      <section class="eng-section" aria-labelledby="h-claims">
        <h2 id="h-claims">Claims to review</h2>
        {claims.length === 0 && <p>No pending claims.</p>}
        <ul class="eng-list" aria-label="Pending claims">
          {claims.map((c) => (
            <ClaimItem key={c.id} claim={c} onDecided={() => void refresh()} />
          ))}
        </ul>
      </section>
      <section class="eng-section" aria-labelledby="h-proposals">
        <h2 id="h-proposals">NGOs proposed for the directory</h2>
        {proposals.length === 0 && <p>No pending proposals.</p>}
        <ul class="eng-list" aria-label="Pending proposals">
          {proposals.map((p) => (
            <ProposalItem key={p.id} proposal={p} onDecided={() => void refresh()} />
          ))}
        </ul>
      </section>
      <section class="eng-section" aria-labelledby="h-reports">
        <h2 id="h-reports">Reports</h2>
        {reports.length === 0 && <p>No open reports.</p>}
        <ul class="eng-list" aria-label="Open reports">
          {reports.map((r) => (
            <ReportItem key={r.id} report={r} onResolved={() => void refresh()} />
          ))}
        </ul>
      </section>
      <ProfileHistory />
    </>
  );
}
