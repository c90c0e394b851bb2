import { formatDate, formatMinor } from '../../scripts/display-format.ts';
import type { ImpactReportView, ItemNgo } from './api-types.ts';
import { NgoPrefix } from './ngo-link.tsx';
import { ReportForm } from './report-form.tsx';
import { SafeHtml } from './safe-html.tsx';

/** "1 Jan 2026 – 30 Jun 2026": the days a report covers. */
export function describePeriod(report: { periodStart: string; periodEnd: string }): string {
  const start = formatDate(`${report.periodStart}T00:00:00Z`);
  const end = formatDate(`${report.periodEnd}T00:00:00Z`);
  return start === end ? start : `${start} – ${end}`;
}

/** "Received $12,000.00 · spent $9,500.00", or nothing when the report gives no amounts. */
export function describeAmounts(report: Pick<ImpactReportView, 'currency' | 'receivedMinor' | 'spentMinor'>): string {
  const { currency } = report;
  if (!currency) return '';
  const parts = [];
  if (report.receivedMinor !== null) parts.push(`Received ${formatMinor(report.receivedMinor, currency)}`);
  if (report.spentMinor !== null) parts.push(`spent ${formatMinor(report.spentMinor, currency)}`);
  return parts.join(' · ');
}

/** An impact report in a list: title, NGO and date, period, amounts, photo, the checked body, Report. */
export function ImpactReportItem({
  report,
  signedIn,
  ngo,
  pledged,
}: {
  report: ImpactReportView;
  signedIn: boolean;
  ngo?: ItemNgo;
  /** Shown to a pledger who does not follow the NGO: why it is in their feed. */
  pledged?: boolean;
}) {
  const amounts = describeAmounts(report);
  return (
    <li class="eng-item" id={`report-${report.id}`} data-impact-report>
      <h3>{ngo?.slug ? <a href={`/ngos/${ngo.slug}/reports/${report.id}/`}>{report.title}</a> : report.title}</h3>
      <p class="meta">
        Impact report · <NgoPrefix ngo={ngo} />
        <time dateTime={report.createdAt}>{formatDate(report.createdAt)}</time>
        {pledged && ' · you pledged to this NGO'}
      </p>
      <p class="meta">Covers {describePeriod(report)}</p>
      {amounts && <p>{amounts}</p>}
      {report.photoUrl?.startsWith('/api/media/') && <img src={report.photoUrl} alt="" loading="lazy" />}
      <SafeHtml class="eng-body" html={report.bodyHtml} />
      {signedIn && (
        <div class="eng-actions">
          <ReportForm kind="impact_report" itemId={report.id} />
        </div>
      )}
    </li>
  );
}
