import { Hono } from 'hono';
import { z } from 'zod';
import { setPostHidden } from '../../db/posts.ts';
import { createReport, getReport, listOpenReports, resolveReportsFor } from '../../db/reports.ts';
import { REPORT_KINDS } from '../../db/schema.ts';
import { setOpportunityHidden } from '../../db/volunteering.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';
import { itemIdSchema, limitContentCreation, parseBody, requireAdmin, userText } from './engage-shared.ts';

const reportSchema = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  itemId: itemIdSchema,
  /** Why it should not be on Jumo. */
  reason: userText(3, 500),
});

const resolutionSchema = z.strictObject({ action: z.enum(['hide', 'dismiss']) });

/** Reports by signed-in users; site admins hide the item or dismiss the report. */
export const reportRoutes = new Hono<HonoEnv>()
  .post('/reports', requireSession(), limitContentCreation(), async (c) => {
    const input = await parseBody(c, reportSchema);
    if (!input.ok) return input.response;
    const result = await createReport(c.get('getDb')(), c.get('auth').user.id, input.data, c.get('now')());
    switch (result.status) {
      case 'created':
        return c.json({ report: { id: result.report.id, status: result.report.status } }, 201);
      case 'not_found':
        return respondError(c, 404, 'not_found', 'Nothing to report here.');
      case 'already_reported':
        return respondError(c, 409, 'already_reported', 'You already reported this; an administrator will look at it.');
    }
  })
  .get('/admin/reports', requireSession(), requireAdmin(), async (c) => {
    const rows = await listOpenReports(c.get('getDb')(), 200);
    return c.json({
      reports: rows.map((r) => ({
        id: r.report.id,
        kind: r.report.kind,
        itemId: r.report.itemId,
        reason: r.report.reason,
        createdAt: r.report.createdAt.toISOString(),
        reporter: r.report.reporterId ? { id: r.report.reporterId, name: r.reporterName } : null,
        item: r.item,
      })),
    });
  })
  /** Hide the reported item (it leaves pages, feeds and RSS) or dismiss; closes every open report on it. */
  .post('/admin/reports/:id/resolution', requireSession(), requireAdmin(), async (c) => {
    const id = itemIdSchema.safeParse(c.req.param('id'));
    const db = c.get('getDb')();
    const report = id.success ? await getReport(db, id.data) : null;
    if (!report) return respondError(c, 404, 'not_found', 'No such report.');
    const input = await parseBody(c, resolutionSchema);
    if (!input.ok) return input.response;
    const now = c.get('now')();
    if (input.data.action === 'hide') {
      if (report.kind === 'post') await setPostHidden(db, report.itemId, true, now);
      else await setOpportunityHidden(db, report.itemId, true, now);
    }
    const resolved = await resolveReportsFor(db, report.kind, report.itemId, now);
    return c.json({ hidden: input.data.action === 'hide', resolved });
  });
