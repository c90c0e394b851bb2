import { createRoute } from '@hono/zod-openapi';
import { isAdmin } from '../../db/admins.ts';
import {
  createClaim,
  decideClaim,
  emailMatchesHost,
  listClaimsForReview,
  listUserClaims,
  type Claim,
} from '../../db/claims.ts';
import { addManager, isManager, listManagedNgos, listManagers, releaseNgo, removeManager } from '../../db/managers.ts';
import * as contracts from '../../model/api/claims.ts';
import type { ClaimJson } from '../../model/api/claims.ts';
import { ApiError } from '../errors.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { loadViewer, requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { limitContentCreation, requireAdmin, requireNgoManagerOrAdmin } from './engage-shared.ts';

const REVIEW_QUEUE_LIMIT = 200;

function toClaimJson(claim: Claim): ClaimJson {
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
export const claimRoutes = createRouter()
  .openapi(createRoute({ ...contracts.getNgoAccess, middleware: [loadViewer(), requireNgo()] }), async (c) => {
    const { id, name, slug } = c.get('ngo');
    const ngo = { id, name, slug };
    const viewer = c.get('viewer');
    if (!viewer) return c.json({ ngo, signedIn: false, manager: false, admin: false, claim: null }, 200);
    const db = c.get('getDb')();
    const [manager, admin, claims] = await Promise.all([
      isManager(db, id, viewer.id),
      isAdmin(db, viewer.id),
      listUserClaims(db, viewer.id),
    ]);
    const claim = claims.find((cl) => cl.ngoId === id);
    return c.json(
      { ngo, signedIn: true, manager, admin, claim: claim ? { id: claim.id, status: claim.status } : null },
      200,
    );
  })
  .openapi(
    createRoute({ ...contracts.createClaim, middleware: [requireSession(), limitContentCreation(), requireNgo()] }),
    async (c) => {
      const { role, workEmail, note } = c.req.valid('json');
      const ngoId = c.get('ngo').id;
      const db = c.get('getDb')();
      const userId = c.get('auth').user.id;
      if (await isManager(db, ngoId, userId))
        throw new ApiError(409, 'already_manager', 'You already manage this page.');
      const result = await createClaim(db, userId, { ngoId, role, workEmail, note: note || null }, c.get('now')());
      const claim = toClaimJson(result.claim);
      return result.status === 'created' ? c.json({ claim }, 201) : c.json({ claim }, 200);
    },
  )
  .openapi(createRoute({ ...contracts.listMyClaims, middleware: [requireSession()] }), async (c) => {
    const claims = await listUserClaims(c.get('getDb')(), c.get('auth').user.id);
    return c.json({ claims: claims.map(toClaimJson) }, 200);
  })
  .openapi(createRoute({ ...contracts.listManagedNgos, middleware: [requireSession()] }), async (c) => {
    const db = c.get('getDb')();
    const userId = c.get('auth').user.id;
    const [ngos, admin] = await Promise.all([listManagedNgos(db, userId), isAdmin(db, userId)]);
    return c.json({ ngos, admin }, 200);
  })
  .openapi(createRoute({ ...contracts.listClaims, middleware: [requireSession(), requireAdmin()] }), async (c) => {
    const { status } = c.req.valid('query');
    const rows = await listClaimsForReview(c.get('getDb')(), status ?? 'pending', REVIEW_QUEUE_LIMIT);
    return c.json(
      {
        claims: rows.map((r) => ({
          ...toClaimJson(r.claim),
          user: { id: r.claim.userId, name: r.userName },
          ngo: { id: r.claim.ngoId, name: r.ngoName, slug: r.ngoSlug, websiteHost: r.websiteHost },
          emailMatchesWebsite: emailMatchesHost(r.claim.workEmail, r.websiteHost),
        })),
      },
      200,
    );
  })
  .openapi(createRoute({ ...contracts.decideClaim, middleware: [requireSession(), requireAdmin()] }), async (c) => {
    const { id } = c.req.valid('param');
    const { decision } = c.req.valid('json');
    const result = await decideClaim(
      c.get('getDb')(),
      id,
      decision === 'approve' ? 'approved' : 'rejected',
      c.get('auth').user.id,
      c.get('now')(),
    );
    switch (result.status) {
      case 'decided':
        return c.json({ claim: toClaimJson(result.claim) }, 200);
      case 'not_found':
        throw new ApiError(404, 'not_found', 'id: no claim has this id.', { field: 'id' });
      case 'already_decided':
        throw new ApiError(409, 'claim_decided', `This claim was already ${result.claim.status}.`);
    }
  })
  .openapi(
    createRoute({
      ...contracts.listManagers,
      middleware: [requireSession(), requireNgo(), requireNgoManagerOrAdmin()],
    }),
    async (c) => {
      const managers = await listManagers(c.get('getDb')(), c.get('ngo').id);
      return c.json({ managers: managers.map((m) => ({ ...m, addedAt: m.addedAt.toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({ ...contracts.addManager, middleware: [requireSession(), requireNgo(), requireNgoManagerOrAdmin()] }),
    async (c) => {
      const { userId } = c.req.valid('json');
      const result = await addManager(c.get('getDb')(), c.get('ngo').id, userId, c.get('auth').user.id, c.get('now')());
      switch (result.status) {
        case 'added':
          return c.json({ added: true as const }, 201);
        case 'already_manager':
          return c.json({ added: false as const }, 200);
        case 'no_such_user':
          throw new ApiError(404, 'not_found', 'userId: no user has this id.', { field: 'userId' });
        // requireNgo found it a moment ago: only a directory sync in between gets here.
        case 'no_such_ngo':
          throw new ApiError(404, 'not_found', 'id: no NGO in the directory has this id.', { field: 'id' });
      }
    },
  )
  .openapi(
    createRoute({
      ...contracts.removeManager,
      middleware: [requireSession(), requireNgo(), requireNgoManagerOrAdmin()],
    }),
    async (c) => {
      const { userId } = c.req.valid('param');
      const ngo = c.get('ngo');
      const result = await removeManager(c.get('getDb')(), ngo.id, userId);
      switch (result.status) {
        case 'removed':
          return c.json({ removed: true as const }, 200);
        case 'not_manager':
          throw new ApiError(404, 'not_found', 'userId: this user does not manage this page.', { field: 'userId' });
        case 'last_manager':
          throw new ApiError(
            409,
            'last_manager',
            `${ngo.name} keeps at least one manager: add another manager at /manage/?ngo=${ngo.id} first, or release the page to leave it unclaimed.`,
            { ngos: [{ id: ngo.id, name: ngo.name }] },
          );
      }
    },
  )
  /**
   * The way out for a page's only manager: the page goes back to unclaimed (every manager row
   * removed), its news and opportunities stay, and anyone may claim it again. Admins may
   * release any page.
   */
  .openapi(createRoute({ ...contracts.releaseNgo, middleware: [requireSession(), requireNgo()] }), async (c) => {
    const ngo = c.get('ngo');
    const db = c.get('getDb')();
    const userId = c.get('auth').user.id;
    const result = await releaseNgo(db, ngo.id, userId, await isAdmin(db, userId));
    switch (result.status) {
      case 'released':
        return c.json({ released: true as const, managersRemoved: result.removed }, 200);
      case 'not_manager':
        throw new ApiError(403, 'forbidden', "Only this NGO's managers can do this.");
      case 'other_managers':
        throw new ApiError(
          409,
          'other_managers',
          `Other people manage ${ngo.name} too: leave it under Managers instead, and the page stays with them.`,
        );
    }
  });
