import { Hono } from 'hono';
import { z } from 'zod';
import { isManager } from '../../db/managers.ts';
import { getNgoFacts } from '../../db/ngo-directory.ts';
import {
  createOpportunity,
  getOpportunity,
  getSignup,
  listNgoOpportunities,
  listOpenOpportunities,
  listSignups,
  listUserSignups,
  setSignupStatus,
  signUp,
  toDay,
  updateOpportunity,
  withdrawSignup,
  type Opportunity,
  type Signup,
} from '../../db/volunteering.ts';
import { SIGNUP_STATUSES } from '../../db/schema.ts';
import { CAUSE_IDS } from '../../model/causes.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { loadViewer, requireSession } from '../middleware/session.ts';
import {
  canManage,
  itemIdSchema,
  limitContentCreation,
  ngoIdSchema,
  parseBody,
  parseQueryValue,
  respondForbidden,
  userText,
} from './engage-shared.ts';

const daySchema = z.iso.date();

const opportunityFields = {
  title: userText(3, 140),
  description: userText(10, 3000),
  /** Where it happens, e.g. "Belfast, BT1"; may be empty for remote-only roles. */
  place: userText(0, 120).nullish(),
  remote: z.boolean(),
  /** e.g. "3 hours a week", "one weekend in May". */
  commitment: userText(2, 120),
  skills: userText(0, 300).nullish(),
  /** Last day to sign up (YYYY-MM-DD), or null. */
  closesOn: daySchema.nullish(),
};

const newOpportunitySchema = z
  .strictObject(opportunityFields)
  .refine((o) => o.remote || Boolean(o.place), { message: 'say where, or mark it remote', path: ['place'] });

const opportunityChangeSchema = z
  .strictObject({ ...opportunityFields, status: z.enum(['open', 'closed']) })
  .partial()
  .refine((o) => Object.keys(o).length > 0, 'nothing to change')
  .refine((o) => !(o.remote === false && o.place !== undefined && !o.place), { message: 'say where, or mark it remote', path: ['place'] });

const signupSchema = z.strictObject({ message: userText(0, 1000).optional() });
const signupStatusSchema = z.strictObject({ status: z.enum(SIGNUP_STATUSES) });

const listQuerySchema = z.object({
  cause: z.enum(CAUSE_IDS).optional(),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  remote: z.literal('1').optional(),
  cursor: z.string().max(100).optional(),
});

export function toOpportunityJson(o: Opportunity) {
  return {
    id: o.id,
    ngoId: o.ngoId,
    title: o.title,
    description: o.description,
    place: o.place,
    remote: o.remote,
    commitment: o.commitment,
    skills: o.skills,
    closesOn: o.closesOn,
    status: o.status,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

function toSignupJson(s: Signup) {
  return { id: s.id, opportunityId: s.opportunityId, message: s.message, status: s.status, createdAt: s.createdAt.toISOString() };
}

/** Opaque keyset cursor: "<unix seconds>.<id>" in base64url. */
export function encodeCursor(createdAt: Date, id: string): string {
  return btoa(`${Math.floor(createdAt.getTime() / 1000)}.${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null | 'invalid' {
  if (!cursor) return null;
  try {
    const [seconds, id] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('.');
    if (!seconds || !/^\d{1,12}$/.test(seconds) || !itemIdSchema.safeParse(id).success) return 'invalid';
    return { createdAt: new Date(Number(seconds) * 1000), id: id! };
  } catch {
    return 'invalid';
  }
}

const LIST_LIMIT = 20;

export const volunteeringRoutes = new Hono<HonoEnv>()
  /** Open opportunities everywhere, filtered by the NGO's cause and country (the /volunteer/ page). */
  .get('/opportunities', async (c) => {
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return respondError(c, 400, 'validation_failed', 'cause, country (ISO alpha-2), remote=1 or cursor is invalid.');
    const before = decodeCursor(query.data.cursor);
    if (before === 'invalid') return respondError(c, 400, 'validation_failed', 'cursor: invalid.');
    const rows = await listOpenOpportunities(
      c.get('getDb')(),
      { cause: query.data.cause, country: query.data.country, remote: query.data.remote === '1', before: before ?? undefined },
      c.get('now')(),
      LIST_LIMIT + 1,
    );
    const page = rows.slice(0, LIST_LIMIT);
    const last = page.at(-1);
    return c.json({
      opportunities: page.map((r) => ({
        ...toOpportunityJson(r.opportunity),
        ngo: { id: r.opportunity.ngoId, name: r.ngoName, slug: r.ngoSlug, country: r.ngoCountry },
      })),
      nextCursor: rows.length > LIST_LIMIT && last ? encodeCursor(last.opportunity.createdAt, last.opportunity.id) : null,
    });
  })
  /** One NGO's open opportunities; its managers also get closed ones with `?all=1`. */
  .get('/ngos/:id/opportunities', loadViewer(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    const db = c.get('getDb')();
    const viewer = c.get('viewer');
    const allParam = parseQueryValue(c, 'all', z.literal('1', '1 (managers: include closed ones), or leave it out'));
    if (!allParam.ok) return allParam.response;
    const all = allParam.data === '1' && viewer !== null && (await isManager(db, ngoId.data, viewer.id));
    const rows = await listNgoOpportunities(db, ngoId.data, c.get('now')(), all);
    return c.json({ opportunities: rows.map(toOpportunityJson) });
  })
  .post('/ngos/:id/opportunities', requireSession(), limitContentCreation(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    if (!(await canManage(c, ngoId.data))) return respondForbidden(c);
    const input = await parseBody(c, newOpportunitySchema);
    if (!input.ok) return input.response;
    const db = c.get('getDb')();
    if (!(await getNgoFacts(db, ngoId.data))) return respondError(c, 404, 'not_found', 'No such NGO.');
    const d = input.data;
    const row = await createOpportunity(
      db,
      ngoId.data,
      c.get('auth').user.id,
      {
        title: d.title,
        description: d.description,
        place: d.place || null,
        remote: d.remote,
        commitment: d.commitment,
        skills: d.skills || null,
        closesOn: d.closesOn ?? null,
      },
      c.get('now')(),
    );
    return c.json({ opportunity: toOpportunityJson(row) }, 201);
  })
  /** Edit or close (status) an opportunity: its NGO's managers only. */
  .patch('/opportunities/:id', requireSession(), async (c) => {
    const id = itemIdSchema.safeParse(c.req.param('id'));
    const db = c.get('getDb')();
    const current = id.success ? await getOpportunity(db, id.data) : null;
    if (!current) return respondError(c, 404, 'not_found', 'No such opportunity.');
    if (!(await canManage(c, current.ngoId))) return respondForbidden(c);
    const input = await parseBody(c, opportunityChangeSchema);
    if (!input.ok) return input.response;
    const { place, skills, ...rest } = input.data;
    const change = {
      ...rest,
      ...(place !== undefined ? { place: place || null } : {}),
      ...(skills !== undefined ? { skills: skills || null } : {}),
    };
    const result = await updateOpportunity(db, current.id, change, c.get('now')());
    switch (result.status) {
      case 'updated':
        return c.json({ opportunity: toOpportunityJson(result.opportunity) });
      case 'not_found':
        return respondError(c, 404, 'not_found', 'No such opportunity.');
      case 'needs_place':
        return respondError(c, 400, 'validation_failed', 'place: say where, or mark it remote');
    }
  })
  .post('/opportunities/:id/signups', requireSession(), limitContentCreation(), async (c) => {
    const id = itemIdSchema.safeParse(c.req.param('id'));
    const db = c.get('getDb')();
    const opportunity = id.success ? await getOpportunity(db, id.data) : null;
    if (!opportunity || opportunity.hidden) return respondError(c, 404, 'not_found', 'No such opportunity.');
    const input = await parseBody(c, signupSchema);
    if (!input.ok) return input.response;
    const now = c.get('now')();
    if (opportunity.status !== 'open' || (opportunity.closesOn !== null && opportunity.closesOn < toDay(now))) {
      return respondError(c, 409, 'opportunity_closed', 'This opportunity is closed.');
    }
    const result = await signUp(db, opportunity.id, c.get('auth').user.id, input.data.message || null, now);
    return c.json({ signup: toSignupJson(result.signup) }, result.status === 'created' ? 201 : 200);
  })
  .get('/opportunities/:id/signups', requireSession(), async (c) => {
    const id = itemIdSchema.safeParse(c.req.param('id'));
    const db = c.get('getDb')();
    const opportunity = id.success ? await getOpportunity(db, id.data) : null;
    if (!opportunity) return respondError(c, 404, 'not_found', 'No such opportunity.');
    if (!(await canManage(c, opportunity.ngoId))) return respondForbidden(c);
    const rows = await listSignups(db, opportunity.id);
    return c.json({
      signups: rows.map((r) => ({ ...toSignupJson(r.signup), user: { id: r.signup.userId, name: r.userName } })),
    });
  })
  /** Managers mark a sign-up contacted (or back to new). */
  .patch('/signups/:id', requireSession(), async (c) => {
    const id = itemIdSchema.safeParse(c.req.param('id'));
    const db = c.get('getDb')();
    const found = id.success ? await getSignup(db, id.data) : null;
    if (!found) return respondError(c, 404, 'not_found', 'No such sign-up.');
    if (!(await canManage(c, found.ngoId))) return respondForbidden(c);
    const input = await parseBody(c, signupStatusSchema);
    if (!input.ok) return input.response;
    const row = await setSignupStatus(db, found.signup.id, input.data.status);
    return c.json({ signup: toSignupJson(row!) });
  })
  /** The volunteer withdraws their own sign-up. */
  .delete('/signups/:id', requireSession(), async (c) => {
    const id = itemIdSchema.safeParse(c.req.param('id'));
    const removed = id.success && (await withdrawSignup(c.get('getDb')(), id.data, c.get('auth').user.id));
    if (!removed) return respondError(c, 404, 'not_found', 'No such sign-up.');
    return c.json({ deleted: true });
  })
  .get('/me/signups', requireSession(), async (c) => {
    const rows = await listUserSignups(c.get('getDb')(), c.get('auth').user.id);
    return c.json({
      signups: rows.map((r) => ({
        ...toSignupJson(r.signup),
        opportunity: toOpportunityJson(r.opportunity),
        ngo: { id: r.opportunity.ngoId, name: r.ngoName, slug: r.ngoSlug },
      })),
    });
  });
