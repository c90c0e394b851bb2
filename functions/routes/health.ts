import { createRoute } from '@hono/zod-openapi';
import { pingDatabase } from '../../db/read-statements.ts';
import { getHealth } from '../../model/api/account.ts';
import { ApiError, DatabaseUnavailableError } from '../errors.ts';
import { createRouter } from '../openapi.ts';

export const healthRoutes = createRouter().openapi(createRoute({ ...getHealth }), async (c) => {
  let healthy: boolean;
  try {
    healthy = await pingDatabase(c.get('getDb')());
  } catch (error) {
    // A database that cannot even be opened is the answer this route exists for, not an error.
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    healthy = false;
  }
  if (!healthy) throw new ApiError(503, 'database_unavailable', 'The database is unreachable.');
  return c.json({ ok: true as const }, 200);
});
