import { Hono } from 'hono';
import { z } from 'zod';
import { ngoSchema } from '../../model/ngo.ts';
import { isKnownNgoId } from '../ngo-ids.ts';
import { generateSecureRandomString } from '../../db/ids.ts';
import { createPledge, listUserPledges, updatePledgeStatus, type Pledge } from '../../db/pledges.ts';
import { PLEDGE_RECURRENCES, PLEDGE_VISIBILITIES } from '../../db/schema.ts';
import type { HonoEnv } from '../context.ts';
import { respondError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';
import { parseBody, userText } from './engage-shared.ts';

/** Currencies the runtime's Intl knows (ISO 4217, current ones); null where Intl cannot list them. */
const KNOWN_CURRENCIES: ReadonlySet<string> | null =
  typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : null;

/** A pledge is a personal promise: a billion minor units (10 million dollars or pounds) is plenty. */
export const MAX_PLEDGE_MINOR = 1_000_000_000;

const newPledgeSchema = z.strictObject({
  /** An NGO of the directory: the id's form, then its existence (functions/ngo-ids.ts). */
  ngoId: ngoSchema.shape.id.refine(isKnownNgoId, 'no NGO in the directory has this id'),
  /** In the currency's minor unit (cents, pence), a whole number. */
  amount: z
    .number('a number of minor units (cents, pence)')
    .int('a whole number of minor units (cents, pence)')
    .min(1, 'more than zero')
    .max(MAX_PLEDGE_MINOR, `at most ${MAX_PLEDGE_MINOR} minor units`),
  /** ISO 4217 code. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD" or "GBP"')
    .refine((code) => KNOWN_CURRENCIES?.has(code) ?? true, 'not a currency we know (ISO 4217)'),
  recurrence: z.enum(PLEDGE_RECURRENCES),
  visibility: z.enum(PLEDGE_VISIBILITIES),
  /** A word to the NGO; no control characters (a NUL used to cut it short in storage). */
  note: userText(0, 500).optional(),
});

const statusChangeSchema = z.strictObject({ status: z.enum(['fulfilled', 'cancelled'], '"fulfilled" or "cancelled"') });

/** Client-chosen, so a retried POST (flaky network, double click) records one pledge. */
const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/);

const LIST_LIMIT = 100;

/** The owner's view of a pledge; never the idempotency key or the user id. */
function toPledgeJson(pledge: Pledge) {
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

export const pledgeRoutes = new Hono<HonoEnv>()
  .post('/pledges', requireSession(), async (c) => {
    const input = await parseBody(c, newPledgeSchema);
    if (!input.ok) return input.response;
    const keyHeader = c.req.header('Idempotency-Key');
    const key =
      keyHeader === undefined
        ? { success: true as const, data: generateSecureRandomString() }
        : idempotencyKeySchema.safeParse(keyHeader);
    if (!key.success)
      return respondError(c, 400, 'validation_failed', 'Idempotency-Key: 8 to 100 letters, digits, - or _.');

    const { amount, note, ...rest } = input.data;
    const result = await createPledge(
      c.get('getDb')(),
      c.get('auth').user.id,
      { ...rest, amountMinor: amount, note: note ? note : null },
      key.data,
      c.get('now')(),
    );
    switch (result.status) {
      case 'created':
        return c.json({ pledge: toPledgeJson(result.pledge) }, 201);
      case 'replayed':
        return c.json({ pledge: toPledgeJson(result.pledge) }, 200);
      case 'conflict':
        return respondError(
          c,
          409,
          'idempotency_conflict',
          'This Idempotency-Key was already used for a different pledge.',
        );
    }
  })
  .get('/me/pledges', requireSession(), async (c) => {
    const pledges = await listUserPledges(c.get('getDb')(), c.get('auth').user.id, LIST_LIMIT);
    return c.json({ pledges: pledges.map(toPledgeJson) });
  })
  .patch('/pledges/:id', requireSession(), async (c) => {
    const change = await parseBody(c, statusChangeSchema);
    if (!change.ok) return change.response;
    const result = await updatePledgeStatus(
      c.get('getDb')(),
      c.get('auth').user.id,
      c.req.param('id'),
      change.data.status,
      c.get('now')(),
    );
    switch (result.status) {
      case 'updated':
      case 'unchanged':
        return c.json({ pledge: toPledgeJson(result.pledge) });
      case 'not_found':
        return respondError(c, 404, 'not_found', 'No such pledge.');
      case 'not_active':
        return respondError(c, 409, 'pledge_not_active', `This pledge is already ${result.pledge.status}.`);
    }
  });
