import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable error codes of the API contract: `{ "error": { "code", "message" } }`. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden_origin'
  | 'not_found'
  | 'payload_too_large'
  | 'idempotency_conflict'
  | 'pledge_not_active'
  | 'forbidden'
  | 'claim_decided'
  | 'last_manager'
  | 'already_manager'
  | 'opportunity_closed'
  | 'rate_limited'
  | 'invalid_signed_request'
  | 'database_unavailable'
  | 'server_misconfigured'
  | 'internal_error';

export function respondError(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

/** Thrown where a handler needs the database and there is none; the error handler answers 503. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}
