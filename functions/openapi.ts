import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { HonoEnv } from './context.ts';
import { ApiError } from './errors.ts';

/**
 * Every route file builds its routes on this: requests are checked against the model's
 * contracts (model/api/) before the handler runs, and the first problem becomes one 400 naming
 * the field, e.g. `{ "error": { "code": "validation_failed", "field": "amount",
 * "message": "amount: more than zero" } }`.
 */
export function createRouter() {
  return new OpenAPIHono<HonoEnv>({ defaultHook: refuseInvalidInput });
}

const TARGET_NAMES: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' };

export const refuseInvalidInput: Hook<unknown, HonoEnv, string, void> = (result) => {
  if (result.success) return;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  // An unknown key reported by a strict object names the key itself.
  const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = [path, key].filter(Boolean).join('.') || undefined;
  const where = field ?? TARGET_NAMES[result.target] ?? result.target;
  const message = key ? 'not a field of this request (check its spelling)' : (issue?.message ?? 'invalid');
  throw new ApiError(400, 'validation_failed', `${where}: ${message}`, field ? { field } : {});
};
