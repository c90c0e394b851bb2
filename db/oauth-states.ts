import { and, eq, gt, lte } from 'drizzle-orm';
import type { Database } from './client.ts';
import { oauthStates } from './schema.ts';

/** Remember a sign-in attempt; expired attempts are swept in the same batch to keep the table small. */
export async function insertOAuthState(
  db: Database,
  state: { stateHash: string; nextPath: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.batch([db.delete(oauthStates).where(lte(oauthStates.expiresAt, now)), db.insert(oauthStates).values(state)]);
}

/**
 * Use up a sign-in attempt: the row is deleted and returned in one statement, so a second
 * callback with the same state (a replay) finds nothing. Expired rows are refused.
 */
export async function consumeOAuthState(
  db: Database,
  stateHash: string,
  now: Date,
): Promise<{ nextPath: string } | null> {
  const [row] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.stateHash, stateHash), gt(oauthStates.expiresAt, now)))
    .returning({ nextPath: oauthStates.nextPath });
  return row ?? null;
}
