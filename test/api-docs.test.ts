import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../model/api/routes.ts';
import { createTestApp } from './helpers/harness.ts';

// docs/api.md must list every route as it is: each `METHOD /api/path` the app serves appears
// in it (path parameters as `:name`), and it names no route the app does not serve.
const docs = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');
const DOCUMENTED = new Set(
  [...docs.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/api\/[^\s`?[]*)/g)].map((m) => `${m[1]} ${m[2]}`),
);

function listServedRoutes(): string[] {
  const app = createTestApp({ demoSignIn: true });
  const served = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
  return [...new Set(served)].sort();
}

describe('docs/api.md', () => {
  it('lists every route the app serves', () => {
    const missing = listServedRoutes().filter((route) => !DOCUMENTED.has(route));
    expect(missing).toEqual([]);
  });

  it('lists no route the app does not serve', () => {
    const served = new Set(listServedRoutes());
    expect([...DOCUMENTED].filter((route) => !served.has(route))).toEqual([]);
  });

  it('covers every contract (model/api/routes.ts) with a served route', () => {
    const served = new Set(listServedRoutes());
    const contracts = Object.values(API_ROUTES).map(
      (r) => `${r.method.toUpperCase()} /api${r.path.replace(/\{(\w+)\}/g, ':$1')}`,
    );
    expect(contracts.filter((route) => !served.has(route))).toEqual([]);
  });
});
