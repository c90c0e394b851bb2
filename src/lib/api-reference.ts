import { API_ENDPOINTS } from '../../model/api/index.ts';
import { buildApiDocument } from './api-document.ts';

/**
 * The API reference as the /developers/ page shows it: the OpenAPI document (api-document.ts)
 * flattened into operations with their parameters, body fields and answers, in words.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
};

export type Field = { name: string; type: string; required: boolean; description: string; fields: Field[] };
export type Parameter = { name: string; in: string; type: string; required: boolean; description: string };
export type Answer = {
  status: string;
  description: string;
  mediaTypes: string[];
  fields: Field[];
  isError: boolean;
  /** Said of many operations in the same words (the middleware's answers): explained once on the page. */
  shared: boolean;
};
export type Operation = {
  name: string;
  method: string;
  path: string;
  summary: string;
  parameters: Parameter[];
  bodyType: string | null;
  body: Field[];
  answers: Answer[];
};
export type OperationGroup = { title: string; operations: Operation[] };

type RawOperation = {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
};

const ERROR_REF = '#/components/schemas/ApiError';

function describeType(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return schema.$ref === ERROR_REF ? 'error' : schema.$ref.split('/').pop()!;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return [...new Set(union.map(describeType))].join(' or ');
  if (schema.allOf) return schema.allOf.map(describeType).join(' and ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.map((type) => (type === 'array' ? `list of ${describeType(schema.items)}` : type)).join(' or ') || 'any';
}

/** An object's fields, and those of objects (or lists of them) inside it, `depth` levels down. */
function listFields(schema: Schema | undefined, depth: number): Field[] {
  const target = schema?.type === 'array' || (Array.isArray(schema?.type) && schema.items) ? schema?.items : schema;
  const variants = target?.anyOf ?? target?.oneOf;
  const object = variants?.find((v) => v.properties) ?? target;
  if (!object?.properties) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).map(([name, field]) => ({
    name,
    type: describeType(field),
    required: required.has(name),
    description: field.description ?? '',
    fields: depth > 1 ? listFields(field, depth - 1) : [],
  }));
}

/** Sections of the page: the public API first, then by the first segment of the path. */
const GROUP_TITLES: Record<string, string> = {
  v1: 'Public directory API (/api/v1/)',
  health: 'Health',
  auth: 'Signing in',
  me: 'The signed-in person',
  follows: 'Follows',
  ngos: 'NGOs: counts, news, profiles, managers',
  causes: 'Causes',
  feed: 'Feed',
  pledges: 'Pledges',
  posts: 'News posts',
  opportunities: 'Volunteering',
  signups: 'Volunteering',
  'impact-reports': 'Impact reports',
  media: 'Images',
  proposals: 'NGOs joining the directory',
  reports: 'Reports of content',
  email: 'Email',
  admin: 'Administration',
};

function groupTitle(path: string): string {
  const segment = path.split('/')[2] ?? '';
  return GROUP_TITLES[segment] ?? `/api/${segment}/`;
}

const SHARED_AT = 10;

export type ApiReference = {
  groups: OperationGroup[];
  operationCount: number;
  /** By status: the shared errors' descriptions. */
  sharedErrors: { status: string; descriptions: string[] }[];
};

export function loadApiReference(): ApiReference {
  const document = buildApiDocument() as unknown as { paths: Record<string, Record<string, RawOperation>> };
  const operations: Operation[] = Object.entries(API_ENDPOINTS).map(([name, endpoint]) => {
    const path = `/api${endpoint.path}`;
    const raw = document.paths[path]?.[endpoint.method];
    if (!raw) throw new Error(`${name}: ${endpoint.method} ${path} is not in the OpenAPI document`);
    const body = Object.entries(raw.requestBody?.content ?? {})[0];
    return {
      name,
      method: endpoint.method.toUpperCase(),
      path,
      summary: raw.summary ?? '',
      parameters: (raw.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        type: describeType(p.schema),
        required: p.required ?? false,
        description: p.description ?? p.schema?.description ?? '',
      })),
      bodyType: body ? body[0] : null,
      body: body ? listFields(body[1].schema, 2) : [],
      answers: Object.entries(raw.responses).map(([status, answer]) => {
        const content = Object.entries(answer.content ?? {});
        const json = content.find(([type]) => type.endsWith('json'))?.[1].schema;
        const isError = json?.$ref === ERROR_REF || Number(status) >= 400;
        return {
          status,
          description: answer.description,
          mediaTypes: content.map(([type]) => type),
          fields: isError ? [] : listFields(json, 2),
          isError,
          shared: false,
        };
      }),
    };
  });
  // An error many operations give in the same words is the middleware's: the page explains it
  // once and lists only its status beside each operation.
  const counts = new Map<string, number>();
  for (const answer of operations.flatMap((o) => o.answers)) {
    const key = `${answer.status} ${answer.description}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sharedErrors = new Map<string, Set<string>>();
  for (const answer of operations.flatMap((o) => o.answers)) {
    if (answer.isError && (counts.get(`${answer.status} ${answer.description}`) ?? 0) >= SHARED_AT) {
      answer.shared = true;
      sharedErrors.set(answer.status, (sharedErrors.get(answer.status) ?? new Set()).add(answer.description));
    }
  }
  const groups = new Map<string, Operation[]>();
  const ordered = [...operations].sort(
    (a, b) => Number(b.path.startsWith('/api/v1/')) - Number(a.path.startsWith('/api/v1/')),
  );
  for (const operation of ordered) {
    const title = groupTitle(operation.path);
    groups.set(title, [...(groups.get(title) ?? []), operation]);
  }
  return {
    groups: [...groups].map(([title, list]) => ({ title, operations: list })),
    operationCount: operations.length,
    sharedErrors: [...sharedErrors]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, descriptions]) => ({ status, descriptions: [...descriptions] })),
  };
}
