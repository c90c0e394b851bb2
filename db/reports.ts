import { and, desc, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { contentReports, impactReports, ngoPosts, users, volunteerOpportunities } from './schema.ts';

export type Report = typeof contentReports.$inferSelect;

/** The table that holds a reported item of this kind. */
function tableOf(kind: Report['kind']) {
  if (kind === 'post') return ngoPosts;
  return kind === 'opportunity' ? volunteerOpportunities : impactReports;
}

export type CreateReportResult =
  { status: 'created'; report: Report } | { status: 'not_found' } | { status: 'already_reported' };

/**
 * Report a visible post, opportunity or impact report. A person has at most one open report per item: the
 * partial unique index content_reports_open_once_idx decides, so simultaneous repeats record one.
 */
export async function createReport(
  db: Database,
  reporterId: string,
  input: { kind: Report['kind']; itemId: string; reason: string },
  now: Date,
): Promise<CreateReportResult> {
  const table = tableOf(input.kind);
  const [item] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, input.itemId), eq(table.hidden, false)));
  if (!item) return { status: 'not_found' };
  const [report] = await db
    .insert(contentReports)
    .values({ id: generateSecureRandomString(), reporterId, ...input, status: 'open', createdAt: now })
    .onConflictDoNothing()
    .returning();
  return report ? { status: 'created', report } : { status: 'already_reported' };
}

/** Open reports with what was reported (title, NGO, whether already hidden), oldest first. */
export async function listOpenReports(db: Database, limit: number) {
  const reports = await db
    .select({ report: contentReports, reporterName: users.name })
    .from(contentReports)
    .leftJoin(users, eq(users.id, contentReports.reporterId))
    .where(eq(contentReports.status, 'open'))
    .orderBy(contentReports.createdAt)
    .limit(limit);
  const out = [];
  for (const { report, reporterName } of reports) {
    const table = tableOf(report.kind);
    const [item] = await db
      .select({ title: table.title, ngoId: table.ngoId, hidden: table.hidden })
      .from(table)
      .where(eq(table.id, report.itemId));
    out.push({ report, reporterName, item: item ?? null });
  }
  return out;
}

export async function getReport(db: Database, reportId: string): Promise<Report | null> {
  const [row] = await db.select().from(contentReports).where(eq(contentReports.id, reportId));
  return row ?? null;
}

/** Close every open report on the same item at once (one decision per item). */
export async function resolveReportsFor(
  db: Database,
  kind: Report['kind'],
  itemId: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(contentReports)
    .set({ status: 'resolved', resolvedAt: now })
    .where(and(eq(contentReports.kind, kind), eq(contentReports.itemId, itemId), eq(contentReports.status, 'open')))
    .returning({ id: contentReports.id });
  return rows.length;
}

export async function listRecentReports(db: Database, limit: number): Promise<Report[]> {
  return db.select().from(contentReports).orderBy(desc(contentReports.createdAt)).limit(limit);
}
