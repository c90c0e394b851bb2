import { z } from 'zod';
import type { API_ROUTES } from './routes.ts';

/**
 * How an API endpoint is described, once, for both sides: the Hono app validates requests and
 * types its answers with it (and publishes it as OpenAPI 3.1), and islands call it through the
 * typed client in src/scripts/api-client.ts. The shape is @hono/zod-openapi's route config, so
 * the API passes a contract straight to `createRoute`; nothing here depends on Hono.
 *
 * Islands import contracts with `import type` only: schemas never reach a page's JavaScript.
 * What a page needs at run time (method and path) is in routes.ts, which has no zod.
 */

/** Every refusal: a machine code, a sentence for people, and the field at fault when there is one. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      /** Stable, machine-readable: `validation_failed`, `not_found`, `last_manager`… */
      code: z.string(),
      /** Written for the person using the site; names the field when one is at fault. */
      message: z.string(),
      /** Dotted path of the request field at fault (`amount`, `place.country`), when there is one. */
      field: z.string().optional(),
      /** `last_manager`: the NGO pages the person must hand over first. */
      ngos: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
    }),
  })
  // One named schema in the published document (components.schemas.ApiError), not a copy per answer.
  .meta({ id: 'ApiError' });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

type Json<S extends z.ZodType> = { content: { 'application/json': { schema: S } } };
/** The form encoding browsers and other servers post without scripts (Facebook's callbacks). */
type Form<S extends z.ZodType> = { content: { 'application/x-www-form-urlencoded': { schema: S } } };
/** A file's raw bytes (an image upload): the server judges the content, never a declared type. */
type Bytes = { content: { 'application/octet-stream': { schema: z.ZodType } } };

/**
 * An answer: JSON for almost all, another media type where the client is not a script
 * (`application/rss+xml` for feed readers); `headers` documents the headers it sets.
 */
export type ResponseSpec = {
  description: string;
  headers?: z.ZodObject;
  content?: Partial<Record<string, { schema: z.ZodType }>>;
};

export type Endpoint = (typeof API_ROUTES)[keyof typeof API_ROUTES] & {
  summary: string;
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    /** Header names as documented (`Idempotency-Key`); matched case-insensitively. */
    headers?: z.ZodObject;
    /** JSON from our pages; a form where another server posts (Facebook's data deletion request). */
    body?: { required: true } & (Json<z.ZodType> | Form<z.ZodType> | Bytes);
  };
  responses: Record<number, ResponseSpec>;
};

/** Where a contract departs from the app-wide rules its standard answers follow. */
export type EndpointOptions = {
  /**
   * A server-to-server callback (Facebook's data deletion request, one-click unsubscribe) that
   * the same-origin rule exempts: its writes never answer 403 `forbidden_origin`.
   */
  crossSite?: true;
  /** A route that never opens the database, so it cannot answer 503 `database_unavailable`. */
  noDatabase?: true;
  /**
   * A browser navigation (a sign-in step): every refusal is a redirect to a readable page,
   * never JSON, so it gets no standard 400, 404 or 503.
   */
  navigation?: true;
};

/**
 * The answers functions/app.ts's middleware gives on every route of a kind, whatever its handler
 * does: a 400 for input the contract refuses (or a body that is not JSON), 403 `forbidden_origin`,
 * 413 (a body over the limit) and 429 (the write budget per client) for every write, 404 for
 * an id in the path that names nothing, 503 while the database is unreachable, and 500. Added
 * here so the published document cannot leave them out; a contract's own wording wins, and for
 * 403 and 429 the standard reason is added to it.
 */
function addStandardAnswers(endpoint: Endpoint, options: EndpointOptions): Endpoint['responses'] {
  const request = endpoint.request ?? {};
  const takesInput = Boolean(request.params ?? request.query ?? request.headers ?? request.body);
  const writes = endpoint.method !== 'get';
  const standard: Record<number, ResponseSpec> = {};
  // Any write may carry a body, and the app checks every JSON body's encoding and size.
  if ((takesInput || writes) && !options.navigation) {
    standard[400] = errorResponse(
      'A parameter or field is invalid (`validation_failed`, naming it in `field`), or the body is not JSON (`invalid_json`)',
    );
  }
  if (writes && !options.crossSite) {
    standard[403] = errorResponse('Not sent by a page of this site (`forbidden_origin`: Origin or Sec-Fetch-Site)');
  }
  if (writes) standard[413] = errorResponse('The body is over the size limit (`payload_too_large`)');
  if (writes) {
    standard[429] = errorResponse(
      'Too many writes from this client for now (`rate_limited`; Retry-After says when to try again)',
    );
  }
  if (endpoint.path.includes('{') && !options.navigation) {
    standard[404] = errorResponse('No such item: `field` names the path parameter (`not_found`)');
  }
  if (!options.noDatabase && !options.navigation) {
    standard[503] = {
      ...errorResponse('The database is unreachable (`database_unavailable`); try again shortly'),
      headers: z.object({ 'Retry-After': z.string().describe('Seconds to wait before retrying.') }),
    };
  }
  standard[500] = errorResponse('Something failed on our side (`internal_error`, `server_misconfigured`); no details');

  const responses: Endpoint['responses'] = { ...standard, ...endpoint.responses };
  for (const status of [403, 429]) {
    const own = endpoint.responses[status];
    const rule = standard[status];
    if (own && rule && !own.description.includes(status === 403 ? 'forbidden_origin' : 'rate_limited')) {
      responses[status] = { ...own, description: `${own.description}; or ${lowerFirst(rule.description)}` };
    }
  }
  return responses;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A contract: checked against Endpoint, with every literal type kept for both sides. Its
 * responses gain the app-wide standard answers (see addStandardAnswers); the type keeps only the
 * contract's own, which are all a handler returns itself (the rest are thrown or middleware's).
 */
export function defineEndpoint<const E extends Endpoint>(endpoint: E, options: EndpointOptions = {}): E {
  return { ...endpoint, responses: addStandardAnswers(endpoint, options) };
}

export function jsonBody<S extends z.ZodType>(schema: S): { required: true } & Json<S> {
  return { required: true, content: { 'application/json': { schema } } };
}

export function formBody<S extends z.ZodType>(schema: S): { required: true } & Form<S> {
  return { required: true, content: { 'application/x-www-form-urlencoded': { schema } } };
}

/** A raw upload: the request body is the file itself. */
export function bytesBody(description: string): { required: true } & Bytes {
  return { required: true, content: { 'application/octet-stream': { schema: z.string().describe(description) } } };
}

export function jsonResponse<S extends z.ZodType>(description: string, schema: S): { description: string } & Json<S> {
  return { description, content: { 'application/json': { schema } } };
}

/** The error answers an endpoint documents (the envelope is the same for all). */
export function errorResponse(description: string) {
  return jsonResponse(description, apiErrorSchema);
}

type SchemaOf<T> = T extends Json<infer S> ? S : T extends Form<infer S> ? S : never;
type Request<E extends Endpoint> = NonNullable<E['request']>;

/** What a caller sends. */
export type EndpointParams<E extends Endpoint> =
  Request<E> extends { params: infer P extends z.ZodType } ? z.input<P> : undefined;
export type EndpointQuery<E extends Endpoint> =
  Request<E> extends { query: infer Q extends z.ZodType } ? z.input<Q> : undefined;
export type EndpointBody<E extends Endpoint> =
  Request<E> extends { body: infer B } ? (B extends Bytes ? Blob : z.input<SchemaOf<B>>) : undefined;

/** What a caller gets back on success (any 2xx the contract lists). */
export type EndpointResult<E extends Endpoint> = {
  [S in keyof E['responses']]: S extends 200 | 201 ? z.output<SchemaOf<E['responses'][S]>> : never;
}[keyof E['responses']];
