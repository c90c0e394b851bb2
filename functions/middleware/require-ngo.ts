import type { MiddlewareHandler } from 'hono';
import { getNgoFacts } from '../../db/ngo-directory.ts';
import { ngoIdSchema } from '../../model/ids.ts';
import type { HonoEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/**
 * The one answer to "does this NGO exist?" for every `/ngos/{id}/…` route: the `ngo_directory`
 * table, copied from content/ on migrate (db/sync-ngo-directory.ts). A malformed id is a 400
 * naming `id`, an unknown one a 404; handlers read the facts with `c.get('ngo')`.
 */
export function requireNgo(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const id = ngoIdSchema.safeParse(c.req.param('id'));
    if (!id.success)
      throw new ApiError(400, 'validation_failed', `id: ${id.error.issues[0]?.message}`, { field: 'id' });
    const ngo = await getNgoFacts(c.get('getDb')(), id.data);
    if (!ngo) throw new ApiError(404, 'not_found', 'id: no NGO in the directory has this id.', { field: 'id' });
    c.set('ngo', ngo);
    return next();
  };
}
