import type { ApiResult } from '../../scripts/api-client.ts';
import { formatDate } from '../../scripts/display-format.ts';

export type PledgeReportLinks = ApiResult<'listMyPledgeImpactReports'>['pledges'][number]['reports'];

/** Under a pledge: the NGO's impact reports published since, each linking to its page. */
export function PledgeReports({ reports }: { reports: PledgeReportLinks }) {
  if (reports.length === 0) return null;
  return (
    <div class="pledge-reports" data-pledge-reports>
      <p class="meta">What it did since your pledge:</p>
      <ul>
        {reports.map((r) => (
          <li key={r.id}>
            {r.ngoSlug ? <a href={`/ngos/${r.ngoSlug}/reports/${r.id}/`}>{r.title}</a> : r.title}
            <span class="meta"> · impact report of {formatDate(r.createdAt)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
