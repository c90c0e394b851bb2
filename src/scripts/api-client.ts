import type {
  ApiErrorBody,
  EndpointBody,
  EndpointParams,
  EndpointQuery,
  EndpointResult,
} from '../../model/api/contract.ts';
import type { ApiEndpoints } from '../../model/api/index.ts';
import { API_ROUTES, type ApiRouteName } from '../../model/api/routes.ts';

/**
 * The one way islands talk to the API: by endpoint name, with the request and answer types of
 * the model's contracts (model/api/). Only method and path are shipped to the page; the zod
 * schemas stay on the server.
 */

export type ApiFailure = {
  ok: false;
  /** 0 when the request never reached the server. */
  status: number;
  code: string;
  message: string;
  /** The request field at fault, for forms to show the message beside it. */
  field?: string;
  error?: ApiErrorBody['error'];
};
export type ApiAnswer<T> = { ok: true; status: number; data: T } | ApiFailure;

type Input<N extends ApiRouteName> = {
  params?: EndpointParams<ApiEndpoints[N]>;
  query?: EndpointQuery<ApiEndpoints[N]>;
  body?: EndpointBody<ApiEndpoints[N]>;
  headers?: Record<string, string>;
};

/** The success answer's type, from the endpoint's contract (per name, when N is a union). */
export type ApiResult<N extends ApiRouteName> = N extends ApiRouteName ? EndpointResult<ApiEndpoints[N]> : never;

/** `/ngos/{id}/stats` + `{ id }` → `/api/ngos/US-EIN-1…/stats`. */
export function buildApiUrl(
  path: string,
  params: Record<string, unknown> = {},
  query: Record<string, unknown> = {},
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null) search.set(key, String(value));
  const qs = search.toString();
  return `/api${filled}${qs ? `?${qs}` : ''}`;
}

export async function callApi<N extends ApiRouteName>(
  name: N,
  input: Input<N> = {} as Input<N>,
): Promise<ApiAnswer<ApiResult<N>>> {
  const { method, path } = API_ROUTES[name];
  const url = buildApiUrl(path, input.params as Record<string, unknown>, input.query as Record<string, unknown>);
  const hasBody = input.body !== undefined;
  // A file (an image upload) goes as its raw bytes; the server judges the content, not the type.
  const body: unknown = input.body;
  const isFile = body instanceof Blob;
  let response: Response;
  try {
    response = await fetch(url, {
      method: method.toUpperCase(),
      headers: {
        Accept: 'application/json',
        ...(hasBody ? { 'Content-Type': isFile ? 'application/octet-stream' : 'application/json' } : {}),
        ...input.headers,
      },
      body: isFile ? body : hasBody ? JSON.stringify(body) : undefined,
    });
  } catch {
    return { ok: false, status: 0, code: 'network', message: 'No connection. Check your network and try again.' };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: json as ApiResult<N> };
  const error = (json as Partial<ApiErrorBody> | null)?.error;
  if (response.status === 401)
    return { ok: false, status: 401, code: 'unauthenticated', message: 'Please sign in again.', error };
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? 'unknown',
    message: error?.message ?? 'Something went wrong. Try again.',
    field: error?.field,
    error,
  };
}
