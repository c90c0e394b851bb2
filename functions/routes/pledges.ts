import { createRoute } from '@hono/zod-openapi';
import { generateSecureRandomString } from '../../db/ids.ts';
import { getNgoFacts } from '../../db/ngo-directory.ts';
import { createPledge, listUserPledges, updatePledgeStatus, type Pledge } from '../../db/pledges.ts';
import * as contracts from '../../model/api/pledges.ts';
import type { PledgeJson } from '../../model/api/pledges.ts';
import { ApiError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';

const LIST_LIMIT = 100;

function toPledgeJson(pledge: Pledge): PledgeJson {
  return {
    id: pledge.id,
    ngoId: pledge.ngoId,
    amount: pledge.amountMinor,
    currency: pledge.currency,
    recurrence: pledge.recurrence,
    visibility: pledge.visibility,
    note: pledge.note,
    status: pledge.status,
    createdAt: pledge.createdAt.toISOString(),
    updatedAt: pledge.updatedAt.toISOString(),
  };
}

export const pledgeRoutes = createRouter()
  .openapi(createRoute({ ...contracts.createPledge, middleware: [requireSession()] }), async (c) => {
    const { amount, note, ...rest } = c.req.valid('json');
    const key = c.req.valid('header')['Idempotency-Key'] ?? generateSecureRandomString();
    const db = c.get('getDb')();
    // The directory table, not the id's form alone: totals must not pile up on an NGO with no page.
    if (!(await getNgoFacts(db, rest.ngoId))) {
      throw new ApiError(400, 'validation_failed', 'ngoId: no NGO in the directory has this id', { field: 'ngoId' });
    }
    const result = await createPledge(
      db,
      c.get('auth').user.id,
      { ...rest, amountMinor: amount, note: note ? note : null },
      key,
      c.get('now')(),
    );
    switch (result.status) {
      case 'created':
        return c.json({ pledge: toPledgeJson(result.pledge) }, 201);
      case 'replayed':
        return c.json({ pledge: toPledgeJson(result.pledge) }, 200);
      case 'conflict':
        throw new ApiError(
          409,
          'idempotency_conflict',
          'This Idempotency-Key was already used for a different pledge.',
        );
    }
  })
  .openapi(createRoute({ ...contracts.listMyPledges, middleware: [requireSession()] }), async (c) => {
    const pledges = await listUserPledges(c.get('getDb')(), c.get('auth').user.id, LIST_LIMIT);
    return c.json({ pledges: pledges.map(toPledgeJson) }, 200);
  })
  .openapi(createRoute({ ...contracts.updatePledge, middleware: [requireSession()] }), async (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('json');
    const result = await updatePledgeStatus(c.get('getDb')(), c.get('auth').user.id, id, status, c.get('now')());
    switch (result.status) {
      case 'updated':
      case 'unchanged':
        return c.json({ pledge: toPledgeJson(result.pledge) }, 200);
      case 'not_found':
        throw new ApiError(404, 'not_found', 'id: you have no pledge with this id.', { field: 'id' });
      case 'not_active':
        throw new ApiError(409, 'pledge_not_active', `This pledge is already ${result.pledge.status}.`);
    }
  });
