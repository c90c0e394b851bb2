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
export const apiErrorSchema = z.object({
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
});
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

/** A contract: checked against Endpoint, with every literal type kept for both sides. */
export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
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
