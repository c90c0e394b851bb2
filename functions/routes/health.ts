import { Hono } from 'hono';
import { pingDatabase } from '../../db/client.ts';
import type { HonoEnv } from '../context.ts';
import { DatabaseUnavailableError, respondError } from '../errors.ts';

export const healthRoutes = new Hono<HonoEnv>().get('/health', async (c) => {
  let healthy: boolean;
  try {
    healthy = await pingDatabase(c.get('getDb')());
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    healthy = false;
  }
  if (!healthy) return respondError(c, 503, 'database_unavailable', 'The database is unreachable.');
  return c.json({ ok: true });
});
