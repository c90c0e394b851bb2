import { Hono } from 'hono';
import { z } from 'zod';
import { isAdmin } from '../../db/admins.ts';
import { createClaim, decideClaim, emailMatchesHost, listClaimsForReview, listUserClaims, type Claim } from '../../db/claims.ts';
import { addManager, isManager, listManagedNgos, listManagers, releaseNgo, removeManager } from '../../db/managers.ts';
import { getNgoFacts } from '../../db/ngo-directory.ts';
import { CLAIM_STATUSES } from '../../db/schema.ts';
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
  requireAdmin,
  respondForbidden,
  userText,
} from './engage-shared.ts';

const newClaimSchema = z.strictObject({
  /** The claimant's role at the NGO ("Director", "Volunteer coordinator"). */
  role: userText(2, 80),
  /** Where the admin can check the claimant works there; a match with the website is a strong signal. */
  workEmail: z.string().trim().toLowerCase().max(254).pipe(z.email('an email address such as name@organisation.org')),
  /** Anything that helps the review (a phone number, a link to a staff page). */
  note: userText(0, 1000).optional(),
});

const decisionSchema = z.strictObject({ decision: z.enum(['approve', 'reject']) });
const addManagerSchema = z.strictObject({ userId: itemIdSchema });

function toClaimJson(claim: Claim) {
  return {
    id: claim.id,
    ngoId: claim.ngoId,
    role: claim.role,
    workEmail: claim.workEmail,
    note: claim.note,
    status: claim.status,
    createdAt: claim.createdAt.toISOString(),
    decidedAt: claim.decidedAt?.toISOString() ?? null,
  };
}

/** Claiming an NGO page, the admin review, and who manages a page. */
export const claimRoutes = new Hono<HonoEnv>()
  /** What the viewer may do on an NGO page: drives the "Manage" / "Claim" link. */
  .get('/ngos/:id/access', loadViewer(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    const viewer = c.get('viewer');
    const db = c.get('getDb')();
    const facts = await getNgoFacts(db, ngoId.data);
    const ngo = facts ? { id: facts.id, name: facts.name, slug: facts.slug } : null;
    if (!viewer) return c.json({ ngo, signedIn: false, manager: false, admin: false, claim: null });
    const [manager, admin, claims] = await Promise.all([
      isManager(db, ngoId.data, viewer.id),
      isAdmin(db, viewer.id),
      listUserClaims(db, viewer.id),
    ]);
    const claim = claims.find((cl) => cl.ngoId === ngoId.data);
    return c.json({ ngo, signedIn: true, manager, admin, claim: claim ? { id: claim.id, status: claim.status } : null });
  })
  .post('/ngos/:id/claims', requireSession(), limitContentCreation(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    const input = await parseBody(c, newClaimSchema);
    if (!input.ok) return input.response;
    const db = c.get('getDb')();
    if (!(await getNgoFacts(db, ngoId.data))) return respondError(c, 404, 'not_found', 'No such NGO.');
    const userId = c.get('auth').user.id;
    if (await isManager(db, ngoId.data, userId)) {
      return respondError(c, 409, 'already_manager', 'You already manage this page.');
    }
    const result = await createClaim(
      db,
      userId,
      { ngoId: ngoId.data, role: input.data.role, workEmail: input.data.workEmail, note: input.data.note || null },
      c.get('now')(),
    );
    return c.json({ claim: toClaimJson(result.claim) }, result.status === 'created' ? 201 : 200);
  })
  .get('/me/claims', requireSession(), async (c) => {
    const claims = await listUserClaims(c.get('getDb')(), c.get('auth').user.id);
    return c.json({ claims: claims.map(toClaimJson) });
  })
  /** The NGOs the user manages and whether they are a site admin (for /manage/ and /admin/). */
  .get('/me/managed', requireSession(), async (c) => {
    const db = c.get('getDb')();
    const userId = c.get('auth').user.id;
    const [ngos, admin] = await Promise.all([listManagedNgos(db, userId), isAdmin(db, userId)]);
    return c.json({ ngos, admin });
  })
  .get('/admin/claims', requireSession(), requireAdmin(), async (c) => {
    const status = parseQueryValue(c, 'status', z.enum(CLAIM_STATUSES));
    if (!status.ok) return status.response;
    const rows = await listClaimsForReview(c.get('getDb')(), status.data ?? 'pending', 200);
    return c.json({
      claims: rows.map((r) => ({
        ...toClaimJson(r.claim),
        user: { id: r.claim.userId, name: r.userName },
        ngo: { id: r.claim.ngoId, name: r.ngoName, slug: r.ngoSlug, websiteHost: r.websiteHost },
        /** The work email's domain is the NGO's website host (or a subdomain): a strong signal. */
        emailMatchesWebsite: emailMatchesHost(r.claim.workEmail, r.websiteHost),
      })),
    });
  })
  .post('/admin/claims/:id/decision', requireSession(), requireAdmin(), async (c) => {
    const id = itemIdSchema.safeParse(c.req.param('id'));
    if (!id.success) return respondError(c, 404, 'not_found', 'No such claim.');
    const input = await parseBody(c, decisionSchema);
    if (!input.ok) return input.response;
    const result = await decideClaim(
      c.get('getDb')(),
      id.data,
      input.data.decision === 'approve' ? 'approved' : 'rejected',
      c.get('auth').user.id,
      c.get('now')(),
    );
    switch (result.status) {
      case 'decided':
        return c.json({ claim: toClaimJson(result.claim) });
      case 'not_found':
        return respondError(c, 404, 'not_found', 'No such claim.');
      case 'already_decided':
        return respondError(c, 409, 'claim_decided', `This claim was already ${result.claim.status}.`);
    }
  })
  .get('/ngos/:id/managers', requireSession(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    if (!(await canManage(c, ngoId.data, true))) return respondForbidden(c);
    const managers = await listManagers(c.get('getDb')(), ngoId.data);
    return c.json({ managers: managers.map((m) => ({ ...m, addedAt: m.addedAt.toISOString() })) });
  })
  .post('/ngos/:id/managers', requireSession(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    if (!(await canManage(c, ngoId.data, true))) return respondForbidden(c);
    const input = await parseBody(c, addManagerSchema);
    if (!input.ok) return input.response;
    const result = await addManager(c.get('getDb')(), ngoId.data, input.data.userId, c.get('auth').user.id, c.get('now')());
    if (result.status === 'no_such_ngo') return respondError(c, 404, 'not_found', 'ngoId: no NGO in the directory has this id.');
    if (result.status === 'no_such_user') return respondError(c, 404, 'not_found', 'userId: no user has this id.');
    return c.json({ added: result.status === 'added' }, result.status === 'added' ? 201 : 200);
  })
  .delete('/ngos/:id/managers/:userId', requireSession(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    if (!(await canManage(c, ngoId.data, true))) return respondForbidden(c);
    const db = c.get('getDb')();
    const result = await removeManager(db, ngoId.data, c.req.param('userId'));
    switch (result.status) {
      case 'removed':
        return c.json({ removed: true });
      case 'not_manager':
        return respondError(c, 404, 'not_found', 'This user does not manage this page.');
      case 'last_manager': {
        const ngo = { id: ngoId.data, name: (await getNgoFacts(db, ngoId.data))?.name ?? ngoId.data };
        return respondError(
          c,
          409,
          'last_manager',
          `${ngo.name} keeps at least one manager: add another manager at /manage/?ngo=${ngo.id} first, or release the page to leave it unclaimed.`,
          { ngos: [ngo] },
        );
      }
    }
  })
  /**
   * The way out for a page's only manager: the page goes back to unclaimed (every manager row
   * removed), its news and opportunities stay, and anyone may claim it again. Admins may
   * release any page.
   */
  .post('/ngos/:id/release', requireSession(), async (c) => {
    const ngoId = ngoIdSchema.safeParse(c.req.param('id'));
    if (!ngoId.success) return respondError(c, 404, 'not_found', 'No such NGO.');
    const db = c.get('getDb')();
    const facts = await getNgoFacts(db, ngoId.data);
    if (!facts) return respondError(c, 404, 'not_found', 'No such NGO.');
    const userId = c.get('auth').user.id;
    const result = await releaseNgo(db, ngoId.data, userId, await isAdmin(db, userId));
    switch (result.status) {
      case 'released':
        return c.json({ released: true, managersRemoved: result.removed });
      case 'not_manager':
        return respondForbidden(c);
      case 'other_managers':
        return respondError(
          c,
          409,
          'other_managers',
          `Other people manage ${facts.name} too: leave it under Managers instead, and the page stays with them.`,
        );
    }
  });
