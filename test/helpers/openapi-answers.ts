import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { createApp } from '../../functions/app.ts';
import { parseEnv } from '../../functions/env.ts';

/**
 * Checks an answer of the app against its own OpenAPI document (GET /api/openapi.json): the
 * status is one the operation declares, the content type one declared for that status, and a
 * JSON body valid against the declared schema (JSON Schema 2020-12, OpenAPI 3.1's dialect).
 * The harness runs it on every answer the integration tests get (test/helpers/harness.ts).
 */

type MediaType = { schema?: unknown };
type Answer = { description: string; content?: Record<string, MediaType> };
type Operation = { summary?: string; responses: Record<string, Answer>; parameters?: unknown[]; requestBody?: unknown };
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
};

const DOCUMENT_ID = 'https://jumo.test/api/openapi.json';

let served: Promise<OpenApiDocument> | undefined;

/**
 * The document as the app serves it, built once per test file with no database (it needs none).
 * With the demo sign-in on, as the Node entry serves it: the one route other entries leave out.
 */
export function loadServedDocument(): Promise<OpenApiDocument> {
  served ??= (async () => {
    const env = parseEnv({});
    const app = createApp({
      resolveEnv: () => env,
      openDb: () => ({ ok: false, reason: 'not needed' }),
      allowDemoSignIn: 'any-client',
    });
    const response = await app.request(DOCUMENT_ID);
    if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
    return (await response.json()) as OpenApiDocument;
  })();
  return served;
}

export type MatchedOperation = { path: string; method: string; operation: Operation };

/**
 * The operation a request reached: its method and a path template of the document that the
 * request's path fits. Where several fit (`/me/pledges/impact-reports` and a `{id}` sibling)
 * the one with fewest parameters wins, as in the router.
 */
export function findOperation(document: OpenApiDocument, method: string, pathname: string): MatchedOperation | null {
  const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  let best: MatchedOperation | null = null;
  let bestParams = Infinity;
  for (const [template, operations] of Object.entries(document.paths)) {
    const operation = operations[wanted];
    if (!operation) continue;
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (!pattern.test(pathname)) continue;
    const params = (template.match(/\{/g) ?? []).length;
    if (params < bestParams) {
      best = { path: template, method: wanted, operation };
      bestParams = params;
    }
  }
  return best;
}

const validators = new WeakMap<OpenApiDocument, { ajv: Ajv2020; compiled: Map<string, ValidateFunction> }>();

function pointerPart(text: string): string {
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

function compileSchema(document: OpenApiDocument, pointer: string): ValidateFunction {
  let entry = validators.get(document);
  if (!entry) {
    // Formats (email, uri) are left to the contracts' own zod checks; `strict: false` lets
    // OpenAPI's annotations (example, description on $ref siblings) pass.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ ...document, $id: DOCUMENT_ID } as object);
    entry = { ajv, compiled: new Map() };
    validators.set(document, entry);
  }
  let validate = entry.compiled.get(pointer);
  if (!validate) {
    validate = entry.ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
    entry.compiled.set(pointer, validate);
  }
  return validate;
}

/** What is wrong with this answer to `method url`, per the document: nothing is `[]`. */
export async function checkAnswer(
  document: OpenApiDocument,
  method: string,
  url: string,
  response: Response,
): Promise<string[]> {
  const pathname = new URL(url).pathname;
  // A CORS preflight is answered by middleware for the method it asks about; OpenAPI describes
  // operations, not preflights, so there is nothing to check it against.
  if (method.toUpperCase() === 'OPTIONS') return [];
  const matched = findOperation(document, method, pathname);
  const label = `${method.toUpperCase()} ${pathname} → ${response.status}`;
  const contentType = response.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? null;
  const text = method.toUpperCase() === 'HEAD' ? '' : await response.clone().text();
  if (!matched) {
    // No route: the app's own 404 (routes are matched by method too), or a route outside the
    // document, which the route coverage test reports by name.
    if (response.status === 404 && contentType === 'application/json' && /"not_found"/.test(text)) return [];
    // A cross-site write is refused before routing, whether or not a route would take it.
    if (response.status === 403 && contentType === 'application/json' && /"forbidden_origin"/.test(text)) return [];
    if (pathname === '/api/openapi.json' && response.status === 200) return [];
    return [`${label}: no operation in the document answers this request`];
  }
  const where = `${matched.method.toUpperCase()} ${matched.path}`;
  const answer = matched.operation.responses[String(response.status)];
  if (!answer) {
    return [
      `${label}: status ${response.status} is not declared for ${where} (declared: ${Object.keys(matched.operation.responses).join(', ')})`,
    ];
  }
  const declared = Object.keys(answer.content ?? {});
  if (declared.length === 0) {
    return text === '' ? [] : [`${label}: ${where} declares no body for ${response.status}, got ${contentType}`];
  }
  if (!contentType || !declared.includes(contentType)) {
    return [
      `${label}: content type ${contentType} is not declared for ${where} ${response.status} (${declared.join(', ')})`,
    ];
  }
  if (!contentType.endsWith('json') || method.toUpperCase() === 'HEAD') return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${label}: the body is not JSON`];
  }
  const pointer = `/paths/${pointerPart(matched.path)}/${matched.method}/responses/${response.status}/content/${pointerPart(contentType)}/schema`;
  const validate = compileSchema(document, pointer);
  if (validate(body)) return [];
  const problems = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message}`);
  return [`${label}: the body does not match ${where} ${response.status}: ${problems.join('; ')}`];
}
