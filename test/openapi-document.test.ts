import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { CAUSE_IDS } from '../model/causes.ts';
import { buildApiDocument } from '../src/lib/api-document.ts';
import { loadApiReference } from '../src/lib/api-reference.ts';
import { createHarness, createTestApp, ORIGIN, sameOriginHeaders, type App, type Harness } from './helpers/harness.ts';
import { checkAnswer, loadServedDocument, type OpenApiDocument } from './helpers/openapi-answers.ts';

/**
 * GET /api/openapi.json is the API's published contract. These tests hold it to the app: every
 * route the app serves is in it with a summary and the errors the middleware gives, a real
 * OpenAPI 3.1 validator accepts it, and what routes really answer (probed here, and every
 * answer of the integration suite through the harness) is what it declares. Routes are read
 * from the app itself, so a route added later is covered without editing this file.
 */

const NGO = 'US-EIN-010674736';
const MISSING_ITEM = 'abcdefghijkmnpqrstuvwxyz';
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

type ServedRoute = { method: string; path: string };

/** The operations the app serves, as `{ method: 'get', path: '/api/ngos/{id}' }`. */
function listServedRoutes(app: App): ServedRoute[] {
  const seen = new Set<string>();
  const routes: ServedRoute[] = [];
  for (const route of app.routes) {
    // Middleware (ALL) and CORS preflights (OPTIONS) are not operations.
    if (route.method === 'ALL' || route.method === 'OPTIONS' || route.path === '/api/openapi.json') continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const key = `${route.method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method: route.method.toLowerCase(), path });
  }
  return routes;
}

function listOperations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method, path, operation })),
  );
}

/** A request path for a template: `good` fills parameters with things that exist where it can. */
function fillPath(template: string, kind: 'good' | 'malformed'): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (kind === 'malformed') return 'not%20an%20id';
    if (name === 'cause') return CAUSE_IDS[0];
    if (name === 'id' && template.startsWith('/api/ngos/')) return NGO;
    if (name === 'id' && template.startsWith('/api/admin/ngos/')) return NGO;
    if (name === 'name') return `${'a'.repeat(64)}.png`;
    return MISSING_ITEM;
  });
}

let document: OpenApiDocument;
let h: Harness;
let served: ServedRoute[];

beforeAll(async () => {
  document = await loadServedDocument();
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted' });
  served = listServedRoutes(h.app);
});
afterAll(() => h.cleanup());

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for a real validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is the document the site builds its /developers/ reference from (one source)', () => {
    expect(JSON.parse(JSON.stringify(buildApiDocument()))).toEqual(document);
    const reference = loadApiReference();
    expect(reference.operationCount).toBe(listOperations(document).length);
    const listed = reference.groups.flatMap((g) => g.operations.map((o) => `${o.method.toLowerCase()} ${o.path}`));
    expect(listed.sort()).toEqual(
      listOperations(document)
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    );
  });

  it('has every route the app serves, and none it does not', () => {
    const documented = new Set(listOperations(document).map((o) => `${o.method} ${o.path}`));
    const servedKeys = served.map((r) => `${r.method} ${r.path}`);
    expect(servedKeys.filter((key) => !documented.has(key))).toEqual([]);
    expect([...documented].filter((key) => !servedKeys.includes(key))).toEqual([]);
    expect(servedKeys.length).toBeGreaterThan(50);
  });

  it('gives every operation a summary and the errors the middleware answers with', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of listOperations(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      const declared = new Set(Object.keys(operation.responses));
      const has = (status: number) => declared.has(String(status));
      const redirects = [...declared].some((s) => s.startsWith('3') && s !== '304');
      if (!operation.summary?.trim()) problems.push(`${where}: no summary`);
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (!answer.description.trim()) problems.push(`${where}: ${status} has no description`);
      }
      // A sign-in step is a navigation: its refusals are redirects to a readable page.
      const takesInput = Boolean(operation.parameters?.length || operation.requestBody) || WRITES.has(method);
      if (takesInput && !has(400) && !redirects) problems.push(`${where}: takes input but declares no 400`);
      if (path.includes('{') && !has(404)) problems.push(`${where}: has a path parameter but declares no 404`);
      if (WRITES.has(method) && !has(429)) problems.push(`${where}: a write without the write budget's 429`);
      if (WRITES.has(method) && !has(413)) problems.push(`${where}: a write without the body limit's 413`);
      if (!has(500)) problems.push(`${where}: declares no 500`);
    }
    expect(problems).toEqual([]);
  });
});

type ProbeRequest = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
};

/** Sends each request and collects every way the answers leave the document. */
async function probe(app: App, requests: ProbeRequest[]) {
  const problems: string[] = [];
  for (const { method, path, headers = {}, body } of requests) {
    const url = `${ORIGIN}${path}`;
    // The harness's app throws on an answer outside the document; the same check, collected.
    try {
      const response = await app.request(url, { method: method.toUpperCase(), headers, body });
      problems.push(...(await checkAnswer(document, method, url, response)));
    } catch (error) {
      problems.push((error as Error).message.replace(/^The answer is outside the OpenAPI document:\n/, ''));
    }
  }
  return problems;
}

function writeHeaders(extra: Record<string, string> = {}) {
  return sameOriginHeaders({ 'Content-Type': 'application/json', ...extra });
}

describe('what every route answers is in the document', () => {
  it('signed out, from this site and from elsewhere, with well-formed and malformed ids', async () => {
    const requests = served.flatMap(({ method, path }) =>
      (['good', 'malformed'] as const).flatMap((kind): ProbeRequest[] => {
        const url = fillPath(path, kind);
        if (!WRITES.has(method)) return [{ method, path: url, headers: { Accept: 'application/json' } }];
        return [
          { method, path: url, headers: writeHeaders(), body: '{}' },
          { method, path: url, headers: { 'Content-Type': 'application/json' }, body: '{}' },
          { method, path: url, headers: writeHeaders(), body: '{not json' },
          { method, path: url, headers: writeHeaders(), body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
          { method, path: url, headers: writeHeaders(), body: JSON.stringify({ pad: 'x'.repeat(300_000) }) },
        ];
      }),
    );
    expect(await probe(h.app, requests)).toEqual([]);
  });

  it('signed in as someone with no role (refused by the session and role checks)', async () => {
    const someone = await h.signIn('Probe Person');
    const cookie = { Cookie: `session=${someone.token}` };
    const requests = served.flatMap(({ method, path }): ProbeRequest[] => {
      const url = fillPath(path, 'good');
      return WRITES.has(method)
        ? [{ method, path: url, headers: writeHeaders(cookie), body: '{}' }]
        : [{ method, path: url, headers: { Accept: 'application/json', ...cookie } }];
    });
    expect(await probe(h.app, requests)).toEqual([]);
  });

  it('while the database is unreachable', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const down = createTestApp({ openDb: () => openDatabase({ url: 'http://127.0.0.1:9' }), demoSignIn: true });
      const requests = served.flatMap(({ method, path }) => {
        const url = fillPath(path, 'good');
        const headers = WRITES.has(method) ? writeHeaders({ Cookie: 'session=x' }) : { Cookie: 'session=x' };
        return [{ method, path: url, headers, body: WRITES.has(method) ? '{}' : undefined }];
      });
      expect(await probe(down, requests)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('calls each GET route once as an admin who manages the NGO, and every answer is declared', async () => {
    const admin = await h.makeAdmin('Probe Admin');
    await h.makeManager(admin, NGO, admin);
    const cookie = { Cookie: `session=${admin.token}` };
    const gets = served.filter((r) => r.method === 'get');
    const problems = await probe(
      h.app,
      gets.map(({ path }) => ({ method: 'get', path: fillPath(path, 'good'), headers: cookie })),
    );
    expect(problems).toEqual([]);
    expect(gets.length).toBeGreaterThan(30);
  });
});

describe('the answer check', () => {
  const url = `${ORIGIN}/api/health`;
  const json = (body: unknown, status: number) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  it('accepts a declared answer', async () => {
    const live = await h.app.request(url);
    expect(await checkAnswer(document, 'GET', url, live)).toEqual([]);
  });

  it('refuses a status the operation does not declare', async () => {
    const problems = await checkAnswer(document, 'GET', url, json({ ok: true }, 418));
    expect(problems).toEqual([expect.stringContaining('status 418 is not declared for GET /api/health')]);
  });

  it('refuses a body that does not match the schema', async () => {
    const problems = await checkAnswer(
      document,
      'GET',
      `${ORIGIN}/api/ngos/${NGO}/stats`,
      json({ followers: 'many' }, 200),
    );
    expect(problems).toEqual([expect.stringContaining('the body does not match GET /api/ngos/{id}/stats 200')]);
  });

  it('refuses an error answer outside the error envelope', async () => {
    const problems = await checkAnswer(document, 'GET', `${ORIGIN}/api/me`, json({ message: 'no' }, 401));
    expect(problems).toEqual([expect.stringContaining('the body does not match GET /api/me 401')]);
  });

  it('refuses a content type the answer does not declare', async () => {
    const text = new Response('ok', { status: 200, headers: { 'Content-Type': 'text/plain' } });
    const problems = await checkAnswer(document, 'GET', url, text);
    expect(problems).toEqual([expect.stringContaining('content type text/plain is not declared')]);
  });

  it('refuses an answer from a route the document does not have', async () => {
    const problems = await checkAnswer(document, 'GET', `${ORIGIN}/api/secret`, json({ ok: true }, 200));
    expect(problems).toEqual([expect.stringContaining('no operation in the document answers this request')]);
  });
});
