import { listAllVisibleImpactReports } from '../../db/impact-reports.ts';
import { publishedImpactReportSchema } from '../../model/impact-report.ts';
import { stringifyStable, type Exporter } from './exporter.ts';

/**
 * content/impact-reports.jsonl: one line per visible impact report, sorted by NGO id, then
 * publication time and id, each the model's published report. Hidden reports are left out, so
 * an admin's hide takes the page down at the next publish. Read at build time by
 * content/read-impact-reports.ts.
 */
export const impactReportsExporter: Exporter = {
  file: 'impact-reports.jsonl',
  async exportLines(db) {
    const rows = await listAllVisibleImpactReports(db);
    return rows.map((row) => {
      const published = publishedImpactReportSchema.parse({
        id: row.id,
        ngoId: row.ngoId,
        title: row.title,
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
        ...(row.currency === null ? {} : { currency: row.currency }),
        ...(row.receivedMinor === null ? {} : { receivedMinor: row.receivedMinor }),
        ...(row.spentMinor === null ? {} : { spentMinor: row.spentMinor }),
        bodyHtml: row.bodyHtml,
        ...(row.photoKey === null ? {} : { photo: row.photoKey }),
        publishedAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      });
      return stringifyStable(published);
    });
  },
};
