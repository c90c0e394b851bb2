import { useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { formatDate } from '../../scripts/display-format.ts';

type Report = ApiResult<'listReports'>['reports'][number];

/** How the list names a reported item: its heading, and the noun of its Hide button. */
const KINDS: Record<Report['kind'], { heading: string; noun: string }> = {
  post: { heading: 'News', noun: 'post' },
  opportunity: { heading: 'Opportunity', noun: 'opportunity' },
  impact_report: { heading: 'Impact report', noun: 'impact report' },
};

/** An open report: the item, who reported it and why; hide the item or dismiss the report. */
export function ReportItem({ report, onResolved }: { report: Report; onResolved: () => void }) {
  const [status, setStatus] = useState('');
  const resolve = async (action: 'hide' | 'dismiss') => {
    const answer = await callApi('resolveReport', { params: { id: report.id }, body: { action } });
    if (answer.ok) onResolved();
    else setStatus(answer.message);
  };
  const { item } = report;
  return (
    <li class="eng-item">
      <h3>{item ? `${KINDS[report.kind].heading}: ${item.title}` : 'Deleted item'}</h3>
      <p class="meta">{`${item?.ngoId ?? ''} · reported by ${report.reporter?.name ?? 'a deleted account'} · ${formatDate(report.createdAt)}`}</p>
      <p class="eng-desc">{report.reason}</p>
      <div class="eng-actions">
        {item && !item.hidden && (
          <button type="button" onClick={() => void resolve('hide')}>
            {`Hide this ${KINDS[report.kind].noun}`}
          </button>
        )}
        <button type="button" onClick={() => void resolve('dismiss')}>
          Dismiss report
        </button>
      </div>
      <p role="status" class="form-status">
        {status}
      </p>
    </li>
  );
}
