import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable error codes of the API contract: `{ "error": { "code", "message" } }`. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden_origin'
  | 'demo_local_only'
  | 'demo_admin_refused'
  | 'not_found'
  | 'payload_too_large'
  | 'idempotency_conflict'
  | 'pledge_not_active'
  | 'forbidden'
  | 'claim_decided'
  | 'proposal_decided'
  | 'already_listed'
  | 'slug_taken'
  | 'already_confirmed'
  | 'already_proposed'
  | 'last_manager'
  | 'other_managers'
  | 'already_manager'
  | 'already_reported'
  | 'opportunity_closed'
  | 'rate_limited'
  | 'invalid_token'
  | 'mail_unavailable'
  | 'invalid_signed_request'
  | 'database_unavailable'
  | 'server_misconfigured'
  | 'internal_error';

/**
 * The error answer. `details` adds machine-readable fields beside code and message (e.g. the
 * NGOs behind a `last_manager`), so clients that read only code and message are unaffected.
 */
export function respondError(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Response {
  return c.json({ error: { ...details, code, message } }, status);
}

/** Thrown where a handler needs the database and there is none; the error handler answers 503. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * A refusal thrown from a handler, a middleware or the validation hook, and written once, by the
 * app's onError, as the error envelope. `field` names the request field at fault, so forms can
 * show the message beside it without parsing the text.
 */
export type ApiErrorDetails = { field?: string; headers?: Record<string, string> } & Record<string, unknown>;

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly details: ApiErrorDetails;
  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** onError's answer for an ApiError. */
export function respondApiError(c: Context, error: ApiError): Response {
  const { headers, ...details } = error.details;
  for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  return respondError(c, error.status, error.code, error.message, details);
}
