import { createRoute } from '@hono/zod-openapi';
import {
  createImpactReport,
  deleteImpactReport,
  getImpactReport,
  getVisibleImpactReport,
  listNgoImpactReports,
  listPledgeImpactReports,
  updateImpactReport,
  type ImpactReport,
  type ImpactReportContent,
} from '../../db/impact-reports.ts';
import { enqueueInstantEmails } from '../../db/email-sends.ts';
import * as contracts from '../../model/api/impact-reports.ts';
import type { ImpactReportInput, ImpactReportJson, ImpactReportViewJson } from '../../model/api/impact-reports.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { renderMarkdown } from '../markdown.ts';
import { ensureStoredImage, toMediaUrl } from '../media/store-image.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { ensureCanManage, limitContentCreation, requireNgoManager } from './engage-shared.ts';

const PAGE_LIMIT = 50;
/** My Jumo lists pledges 100 at a time (listMyPledges); their reports, a few each. */
const PLEDGE_LIMIT = 100;
const REPORTS_PER_PLEDGE = 10;

/** A report as readers see it, without the Markdown source. */
export function toImpactReportViewJson(report: Omit<ImpactReport, 'bodyMarkdown'>): ImpactReportViewJson {
  return {
    id: report.id,
    ngoId: report.ngoId,
    title: report.title,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    currency: report.currency,
    receivedMinor: report.receivedMinor,
    spentMinor: report.spentMinor,
    bodyHtml: report.bodyHtml,
    photoUrl: report.photoKey ? toMediaUrl(report.photoKey) : null,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
  };
}

function toImpactReportJson(report: ImpactReport): ImpactReportJson {
  return { ...toImpactReportViewJson(report), bodyMarkdown: report.bodyMarkdown, photoKey: report.photoKey };
}

/**
 * The stored form of what a manager sent. A report tells what happened, so its period cannot
 * end after today (the server's day, UTC): a check the contract cannot make without the clock.
 */
async function toContent(c: AppContext, input: ImpactReportInput): Promise<ImpactReportContent> {
  const today = c.get('now')().toISOString().slice(0, 10);
  if (input.periodEnd > today) {
    throw new ApiError(400, 'validation_failed', `periodEnd: not after today (${today})`, { field: 'periodEnd' });
  }
  // Only an image that passed the upload's content checks (same rules as a logo).
  if (input.photoKey) await ensureStoredImage(c, input.photoKey, 'photoKey');
  const receivedMinor = input.receivedMinor ?? null;
  const spentMinor = input.spentMinor ?? null;
  return {
    title: input.title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    // A currency with no amount says nothing: not stored, so pages never show an empty figure.
    currency: receivedMinor === null && spentMinor === null ? null : (input.currency ?? null),
    receivedMinor,
    spentMinor,
    bodyMarkdown: input.body,
    bodyHtml: renderMarkdown(input.body),
    photoKey: input.photoKey ?? null,
  };
}

function throwNoSuchReport(): never {
  throw new ApiError(404, 'not_found', 'id: no impact report has this id.', { field: 'id' });
}

/** The report the signed-in user may change; 404 or 403 otherwise. */
async function loadOwnReport(c: AppContext, id: string): Promise<ImpactReport> {
  const report = (await getImpactReport(c.get('getDb')(), id)) ?? throwNoSuchReport();
  await ensureCanManage(c, report.ngoId);
  return report;
}

export const impactReportRoutes = createRouter()
  .openapi(createRoute({ ...contracts.listNgoImpactReports, middleware: [requireNgo()] }), async (c) => {
    const reports = await listNgoImpactReports(c.get('getDb')(), c.get('ngo').id, PAGE_LIMIT);
    return c.json({ reports: reports.map(toImpactReportJson) }, 200);
  })
  .openapi(
    createRoute({
      ...contracts.createImpactReport,
      middleware: [requireSession(), limitContentCreation(), requireNgo(), requireNgoManager()],
    }),
    async (c) => {
      const content = await toContent(c, c.req.valid('json'));
      const db = c.get('getDb')();
      const report = await createImpactReport(db, c.get('ngo').id, c.get('auth').user.id, content, c.get('now')());
      // Queued, not sent: the sender loop mails those who asked for this NGO's instant email.
      await enqueueInstantEmails(db, { ngoId: report.ngoId, kind: 'report', itemId: report.id, now: report.createdAt });
      return c.json({ report: toImpactReportJson(report) }, 201);
    },
  )
  .openapi(createRoute(contracts.getImpactReport), async (c) => {
    const report = (await getVisibleImpactReport(c.get('getDb')(), c.req.valid('param').id)) ?? throwNoSuchReport();
    return c.json({ report: toImpactReportJson(report) }, 200);
  })
  .openapi(createRoute({ ...contracts.updateImpactReport, middleware: [requireSession()] }), async (c) => {
    const current = await loadOwnReport(c, c.req.valid('param').id);
    const content = await toContent(c, c.req.valid('json'));
    const report = await updateImpactReport(c.get('getDb')(), current.id, content, c.get('now')());
    return c.json({ report: toImpactReportJson(report ?? throwNoSuchReport()) }, 200);
  })
  .openapi(createRoute({ ...contracts.deleteImpactReport, middleware: [requireSession()] }), async (c) => {
    const report = await loadOwnReport(c, c.req.valid('param').id);
    await deleteImpactReport(c.get('getDb')(), report.id);
    return c.json({ deleted: true as const }, 200);
  })
  .openapi(createRoute({ ...contracts.listMyPledgeImpactReports, middleware: [requireSession()] }), async (c) => {
    const rows = await listPledgeImpactReports(
      c.get('getDb')(),
      c.get('auth').user.id,
      PLEDGE_LIMIT,
      REPORTS_PER_PLEDGE,
    );
    return c.json(
      {
        pledges: rows.map((row) => ({
          pledgeId: row.pledgeId,
          reports: row.reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        })),
      },
      200,
    );
  });
