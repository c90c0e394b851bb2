import { createRoute } from '@hono/zod-openapi';
import { setImpactReportHidden } from '../../db/impact-reports.ts';
import { setPostHidden } from '../../db/posts.ts';
import { createReport, getReport, listOpenReports, resolveReportsFor } from '../../db/reports.ts';
import { setOpportunityHidden } from '../../db/volunteering.ts';
import * as contracts from '../../model/api/reports.ts';
import { ApiError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { limitContentCreation, requireAdmin } from './engage-shared.ts';

/** Reports by signed-in users; site admins hide the item or dismiss the report. */
export const reportRoutes = createRouter()
  .openapi(
    createRoute({ ...contracts.createReport, middleware: [requireSession(), limitContentCreation()] }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await createReport(c.get('getDb')(), c.get('auth').user.id, input, c.get('now')());
      switch (result.status) {
        case 'created':
          return c.json({ report: { id: result.report.id, status: result.report.status } }, 201);
        case 'not_found':
          throw new ApiError(404, 'not_found', `itemId: no visible ${input.kind} has this id.`, { field: 'itemId' });
        case 'already_reported':
          throw new ApiError(409, 'already_reported', 'You already reported this; an administrator will look at it.');
      }
    },
  )
  .openapi(createRoute({ ...contracts.listReports, middleware: [requireSession(), requireAdmin()] }), async (c) => {
    const rows = await listOpenReports(c.get('getDb')(), 200);
    return c.json(
      {
        reports: rows.map((r) => ({
          id: r.report.id,
          kind: r.report.kind,
          itemId: r.report.itemId,
          reason: r.report.reason,
          createdAt: r.report.createdAt.toISOString(),
          reporter: r.report.reporterId ? { id: r.report.reporterId, name: r.reporterName } : null,
          item: r.item,
        })),
      },
      200,
    );
  })
  /** Hide the reported item (it leaves pages, feeds and RSS) or dismiss; closes every open report on it. */
  .openapi(createRoute({ ...contracts.resolveReport, middleware: [requireSession(), requireAdmin()] }), async (c) => {
    const db = c.get('getDb')();
    const report = await getReport(db, c.req.valid('param').id);
    if (!report) throw new ApiError(404, 'not_found', 'id: no report has this id.', { field: 'id' });
    const { action } = c.req.valid('json');
    const now = c.get('now')();
    if (action === 'hide') {
      if (report.kind === 'post') await setPostHidden(db, report.itemId, true, now);
      else if (report.kind === 'opportunity') await setOpportunityHidden(db, report.itemId, true, now);
      else await setImpactReportHidden(db, report.itemId, true, now);
    }
    const resolved = await resolveReportsFor(db, report.kind, report.itemId, now);
    return c.json({ hidden: action === 'hide', resolved }, 200);
  });
