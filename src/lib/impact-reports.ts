import { readPublishedImpactReports } from '../../content/read-impact-reports.ts';
import type { PublishedImpactReport } from '../../model/impact-report.ts';

/**
 * Published impact reports by NGO id (newest first), read once per build and shared by every
 * NGO page and report page. IMPACT_REPORTS_FILE points tests and small builds at another file.
 */
let loading: Promise<Map<string, PublishedImpactReport[]>> | undefined;

export function loadImpactReports(): Promise<Map<string, PublishedImpactReport[]>> {
  loading ??= readPublishedImpactReports(process.env.IMPACT_REPORTS_FILE || undefined);
  return loading;
}

/** "12 March 2027" (UTC: a report's days are calendar days, wherever the build runs). */
export function formatReportDate(isoDateOrTime: string): string {
  return new Date(isoDateOrTime.length === 10 ? `${isoDateOrTime}T00:00:00Z` : isoDateOrTime).toLocaleDateString(
    'en-GB',
    { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  );
}

/** "1 January 2025 – 31 December 2025", or one day. */
export function formatReportPeriod(report: Pick<PublishedImpactReport, 'periodStart' | 'periodEnd'>): string {
  const start = formatReportDate(report.periodStart);
  const end = formatReportDate(report.periodEnd);
  return start === end ? start : `${start} – ${end}`;
}
