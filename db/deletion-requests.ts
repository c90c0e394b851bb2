import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { deletionRequests } from './schema.ts';

export type DeletionRequest = typeof deletionRequests.$inferSelect;

export async function insertDeletionRequest(db: Database, request: DeletionRequest): Promise<void> {
  await db.insert(deletionRequests).values(request);
}

export async function findDeletionRequest(db: Database, confirmationCode: string): Promise<DeletionRequest | null> {
  const [row] = await db
    .select()
    .from(deletionRequests)
    .where(eq(deletionRequests.confirmationCode, confirmationCode))
    .limit(1);
  return row ?? null;
}
