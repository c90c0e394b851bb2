import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkerForSmokeTest, WORKER_ENTRY, type WorkerBuild } from './helpers/worker-build.ts';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.ts';

/**
 * The built Worker in workerd (`wrangler dev`, local mode): static pages, the API through the
 * Worker entry, and clean failures without a database (no TURSO_DATABASE_URL is set).
 */
let build: WorkerBuild;
let worker: WranglerDev;

beforeAll(async () => {
  build = buildWorkerForSmokeTest();
  if (!build.entryConfigured) {
    console.warn(`wrangler.toml does not set main = "${WORKER_ENTRY}" yet; the smoke test applied it to its build copy.`);
  }
  worker = await startWranglerDev({
    config: build.wranglerConfig,
    cwd: build.cwd,
    vars: { FACEBOOK_APP_ID: '1234567890', FACEBOOK_APP_SECRET: 'smoke-test-secret' },
  });
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  build?.cleanup();
});

describe('the built Worker in workerd', () => {
  it('serves a static page with the security headers of public/_headers', async () => {
    const response = await fetch(`${worker.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('text/html');
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toContain('data-user-menu');
  });

  it('answers /api/health with 503 JSON when no database is configured', async () => {
    const response = await fetch(`${worker.url}/api/health`, { redirect: 'manual' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  });

  it('redirects /api/auth/facebook (to the friendly error page while the database is missing)', async () => {
    const response = await fetch(`${worker.url}/api/auth/facebook?next=/about/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/signin-error/?reason=unavailable&next=%2Fabout%2F');
  });

  it('has no demo sign-in, and says which providers exist', async () => {
    const demo = await fetch(`${worker.url}/api/auth/demo`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: worker.url, 'Content-Type': 'application/json' },
      body: '{"name":"Nobody"}',
    });
    expect(demo.status).toBe(404);
    expect(((await demo.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(await (await fetch(`${worker.url}/api/auth/providers`)).json()).toEqual({ facebook: true, demo: false });
  });

  it('answers unknown API routes with JSON 404 and refuses cross-site writes', async () => {
    const missing = await fetch(`${worker.url}/api/nothing`, { redirect: 'manual' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const csrf = await fetch(`${worker.url}/api/auth/logout`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(csrf.status).toBe(403);
  });
});
