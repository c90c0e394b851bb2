import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { impactReports, ngoDirectory, pledges } from './schema.ts';

export type ImpactReport = typeof impactReports.$inferSelect;
export type ImpactReportContent = Pick<
  ImpactReport,
  | 'title'
  | 'periodStart'
  | 'periodEnd'
  | 'currency'
  | 'receivedMinor'
  | 'spentMinor'
  | 'bodyMarkdown'
  | 'bodyHtml'
  | 'photoKey'
>;

export async function createImpactReport(
  db: Database,
  ngoId: string,
  authorId: string,
  content: ImpactReportContent,
  now: Date,
): Promise<ImpactReport> {
  const [report] = await db
    .insert(impactReports)
    .values({
      id: generateSecureRandomString(),
      ngoId,
      authorId,
      ...content,
      hidden: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return report!;
}

/** The report whatever its state (its managers may still edit or delete a hidden one). */
export async function getImpactReport(db: Database, reportId: string): Promise<ImpactReport | null> {
  const [report] = await db.select().from(impactReports).where(eq(impactReports.id, reportId));
  return report ?? null;
}

/** The report unless an admin hid it: what the public sees. */
export async function getVisibleImpactReport(db: Database, reportId: string): Promise<ImpactReport | null> {
  const report = await getImpactReport(db, reportId);
  return report && !report.hidden ? report : null;
}

export async function updateImpactReport(
  db: Database,
  reportId: string,
  content: ImpactReportContent,
  now: Date,
): Promise<ImpactReport | null> {
  const [report] = await db
    .update(impactReports)
    .set({ ...content, updatedAt: now })
    .where(eq(impactReports.id, reportId))
    .returning();
  return report ?? null;
}

export async function deleteImpactReport(db: Database, reportId: string): Promise<boolean> {
  const rows = await db.delete(impactReports).where(eq(impactReports.id, reportId)).returning({ id: impactReports.id });
  return rows.length > 0;
}

/** Hiding bumps updatedAt, so the next export sees the change. */
export async function setImpactReportHidden(
  db: Database,
  reportId: string,
  hidden: boolean,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(impactReports)
    .set({ hidden, updatedAt: now })
    .where(eq(impactReports.id, reportId))
    .returning({ id: impactReports.id });
  return rows.length > 0;
}

/** Visible reports of one NGO, newest first (impact_reports_ngo_idx). */
export async function listNgoImpactReports(db: Database, ngoId: string, limit: number): Promise<ImpactReport[]> {
  return db
    .select()
    .from(impactReports)
    .where(and(eq(impactReports.ngoId, ngoId), eq(impactReports.hidden, false)))
    .orderBy(desc(impactReports.createdAt), desc(impactReports.id))
    .limit(limit);
}

/** Every visible report with its NGO's slug, oldest NGO id first: what the export step writes. */
export async function listAllVisibleImpactReports(
  db: Database,
): Promise<(ImpactReport & { ngoSlug: string | null; ngoName: string | null })[]> {
  const rows = await db
    .select({ report: impactReports, ngoSlug: ngoDirectory.slug, ngoName: ngoDirectory.name })
    .from(impactReports)
    .leftJoin(ngoDirectory, eq(ngoDirectory.id, impactReports.ngoId))
    .where(eq(impactReports.hidden, false))
    .orderBy(impactReports.ngoId, impactReports.createdAt, impactReports.id);
  return rows.map((r) => ({ ...r.report, ngoSlug: r.ngoSlug, ngoName: r.ngoName }));
}

export type PledgeImpactReports = {
  pledgeId: string;
  reports: {
    id: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    createdAt: Date;
    ngoSlug: string | null;
  }[];
};

/**
 * For each of the user's newest `pledgeLimit` pledges, the NGO's visible reports published
 * after the pledge, newest first, at most `perPledge` each. One read of the reports of the NGOs
 * pledged to (their index range from the oldest pledge's time), matched to pledges here.
 */
export async function listPledgeImpactReports(
  db: Database,
  userId: string,
  pledgeLimit: number,
  perPledge: number,
): Promise<PledgeImpactReports[]> {
  const mine = await db
    .select({ id: pledges.id, ngoId: pledges.ngoId, createdAt: pledges.createdAt })
    .from(pledges)
    .where(eq(pledges.userId, userId))
    .orderBy(desc(pledges.createdAt), desc(pledges.id))
    .limit(pledgeLimit);
  if (mine.length === 0) return [];
  const oldest = new Date(Math.min(...mine.map((p) => p.createdAt.getTime())));
  const ngoIds = [...new Set(mine.map((p) => p.ngoId))];
  const reports = await db
    .select({
      id: impactReports.id,
      ngoId: impactReports.ngoId,
      title: impactReports.title,
      periodStart: impactReports.periodStart,
      periodEnd: impactReports.periodEnd,
      createdAt: impactReports.createdAt,
      ngoSlug: ngoDirectory.slug,
    })
    .from(impactReports)
    .leftJoin(ngoDirectory, eq(ngoDirectory.id, impactReports.ngoId))
    .where(
      and(
        inArray(impactReports.ngoId, ngoIds),
        eq(impactReports.hidden, false),
        gt(impactReports.createdAt, new Date(oldest.getTime() - 1000)),
      ),
    )
    .orderBy(desc(impactReports.createdAt), desc(impactReports.id));
  const out: PledgeImpactReports[] = [];
  for (const pledge of mine) {
    const after = reports
      .filter((r) => r.ngoId === pledge.ngoId && r.createdAt.getTime() > pledge.createdAt.getTime())
      .slice(0, perPledge)
      .map(({ ngoId: _ngoId, ...link }) => link);
    if (after.length > 0) out.push({ pledgeId: pledge.id, reports: after });
  }
  return out;
}
