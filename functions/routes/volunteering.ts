import { createRoute } from '@hono/zod-openapi';
import { enqueueInstantEmails } from '../../db/email-sends.ts';
import { isManager } from '../../db/managers.ts';
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
import { encodeCursor } from '../../model/api/fields.ts';
import * as contracts from '../../model/api/volunteering.ts';
import type { OpportunityJson, SignupJson } from '../../model/api/volunteering.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { loadViewer, requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { ensureCanManage, limitContentCreation, requireNgoManager } from './engage-shared.ts';

const LIST_LIMIT = 20;

export function toOpportunityJson(o: Opportunity): OpportunityJson {
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

function toSignupJson(s: Signup): SignupJson {
  return {
    id: s.id,
    opportunityId: s.opportunityId,
    message: s.message,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
  };
}

function throwNoSuchOpportunity(): never {
  throw new ApiError(404, 'not_found', 'id: no opportunity has this id.', { field: 'id' });
}

function throwNoSuchSignup(): never {
  throw new ApiError(404, 'not_found', 'id: no sign-up has this id.', { field: 'id' });
}

/** The opportunity the signed-in user manages; 404 or 403 otherwise. */
async function loadManagedOpportunity(c: AppContext, id: string): Promise<Opportunity> {
  const opportunity = (await getOpportunity(c.get('getDb')(), id)) ?? throwNoSuchOpportunity();
  await ensureCanManage(c, opportunity.ngoId);
  return opportunity;
}

export const volunteeringRoutes = createRouter()
  /** Open opportunities everywhere, filtered by the NGO's cause and country (the /volunteer/ page). */
  .openapi(createRoute(contracts.listOpportunities), async (c) => {
    const { cause, country, remote, cursor } = c.req.valid('query');
    const rows = await listOpenOpportunities(
      c.get('getDb')(),
      { cause, country, remote: remote === '1', before: cursor },
      c.get('now')(),
      LIST_LIMIT + 1,
    );
    const page = rows.slice(0, LIST_LIMIT);
    const last = page.at(-1);
    return c.json(
      {
        opportunities: page.map((r) => ({
          ...toOpportunityJson(r.opportunity),
          ngo: { id: r.opportunity.ngoId, name: r.ngoName, slug: r.ngoSlug, country: r.ngoCountry },
        })),
        nextCursor: rows.length > LIST_LIMIT && last ? encodeCursor(last.opportunity) : null,
      },
      200,
    );
  })
  /** One NGO's open opportunities; its managers also get closed ones with `?all=1`. */
  .openapi(createRoute({ ...contracts.listNgoOpportunities, middleware: [loadViewer(), requireNgo()] }), async (c) => {
    const db = c.get('getDb')();
    const ngoId = c.get('ngo').id;
    const viewer = c.get('viewer');
    const all = c.req.valid('query').all === '1' && viewer !== null && (await isManager(db, ngoId, viewer.id));
    const rows = await listNgoOpportunities(db, ngoId, c.get('now')(), all);
    return c.json({ opportunities: rows.map(toOpportunityJson) }, 200);
  })
  .openapi(
    createRoute({
      ...contracts.createOpportunity,
      middleware: [requireSession(), limitContentCreation(), requireNgo(), requireNgoManager()],
    }),
    async (c) => {
      const d = c.req.valid('json');
      const row = await createOpportunity(
        c.get('getDb')(),
        c.get('ngo').id,
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
      // Queued, not sent: the sender loop mails it, so a slow mail server never slows posting.
      await enqueueInstantEmails(c.get('getDb')(), {
        ngoId: row.ngoId,
        kind: 'opportunity',
        itemId: row.id,
        now: row.createdAt,
      });
      return c.json({ opportunity: toOpportunityJson(row) }, 201);
    },
  )
  /** Edit or close (status) an opportunity: its NGO's managers only. */
  .openapi(createRoute({ ...contracts.updateOpportunity, middleware: [requireSession()] }), async (c) => {
    const current = await loadManagedOpportunity(c, c.req.valid('param').id);
    const { place, skills, ...rest } = c.req.valid('json');
    // An empty place or skills clears it, like leaving the form field blank.
    const change = {
      ...rest,
      ...(place !== undefined ? { place: place || null } : {}),
      ...(skills !== undefined ? { skills: skills || null } : {}),
    };
    const result = await updateOpportunity(c.get('getDb')(), current.id, change, c.get('now')());
    switch (result.status) {
      case 'updated':
        return c.json({ opportunity: toOpportunityJson(result.opportunity) }, 200);
      case 'not_found':
        return throwNoSuchOpportunity();
      case 'needs_place':
        throw new ApiError(400, 'validation_failed', 'place: say where, or mark it remote', { field: 'place' });
    }
  })
  .openapi(
    createRoute({ ...contracts.createSignup, middleware: [requireSession(), limitContentCreation()] }),
    async (c) => {
      const db = c.get('getDb')();
      const opportunity = await getOpportunity(db, c.req.valid('param').id);
      if (!opportunity || opportunity.hidden) return throwNoSuchOpportunity();
      const now = c.get('now')();
      if (opportunity.status !== 'open' || (opportunity.closesOn !== null && opportunity.closesOn < toDay(now))) {
        throw new ApiError(409, 'opportunity_closed', 'This opportunity is closed.');
      }
      const result = await signUp(db, opportunity.id, c.get('auth').user.id, c.req.valid('json').message || null, now);
      const body = { signup: toSignupJson(result.signup) };
      return result.status === 'created' ? c.json(body, 201) : c.json(body, 200);
    },
  )
  .openapi(createRoute({ ...contracts.listSignups, middleware: [requireSession()] }), async (c) => {
    const opportunity = await loadManagedOpportunity(c, c.req.valid('param').id);
    const rows = await listSignups(c.get('getDb')(), opportunity.id);
    return c.json(
      { signups: rows.map((r) => ({ ...toSignupJson(r.signup), user: { id: r.signup.userId, name: r.userName } })) },
      200,
    );
  })
  /** Managers mark a sign-up contacted (or back to new). */
  .openapi(createRoute({ ...contracts.updateSignup, middleware: [requireSession()] }), async (c) => {
    const db = c.get('getDb')();
    const found = (await getSignup(db, c.req.valid('param').id)) ?? throwNoSuchSignup();
    await ensureCanManage(c, found.ngoId);
    const row = (await setSignupStatus(db, found.signup.id, c.req.valid('json').status)) ?? throwNoSuchSignup();
    return c.json({ signup: toSignupJson(row) }, 200);
  })
  /** The volunteer withdraws their own sign-up. */
  .openapi(createRoute({ ...contracts.deleteSignup, middleware: [requireSession()] }), async (c) => {
    const removed = await withdrawSignup(c.get('getDb')(), c.req.valid('param').id, c.get('auth').user.id);
    if (!removed) return throwNoSuchSignup();
    return c.json({ deleted: true as const }, 200);
  })
  .openapi(createRoute({ ...contracts.listMySignups, middleware: [requireSession()] }), async (c) => {
    const rows = await listUserSignups(c.get('getDb')(), c.get('auth').user.id);
    return c.json(
      {
        signups: rows.map((r) => ({
          ...toSignupJson(r.signup),
          opportunity: toOpportunityJson(r.opportunity),
          ngo: { id: r.opportunity.ngoId, name: r.ngoName, slug: r.ngoSlug },
        })),
      },
      200,
    );
  });
