import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../functions/node-server.ts';
import { createTestDatabase, type TestDatabase } from './helpers/harness.ts';

/** The Node entry's static files: what it serves the way Cloudflare's asset server does. */
let testDb: TestDatabase;
let server: RunningServer;
const PAGE = '<!doctype html><title>Jumo</title><h1>About</h1>';

beforeAll(async () => {
  testDb = await createTestDatabase();
  const clientDir = join(testDb.dir, 'client');
  mkdirSync(join(clientDir, 'about'), { recursive: true });
  writeFileSync(join(clientDir, 'about', 'index.html'), PAGE);
  writeFileSync(join(clientDir, '404.html'), '<!doctype html><h1>Page not found</h1>');
  // Cloudflare's own configuration, which the build writes next to the site.
  writeFileSync(join(clientDir, '_headers'), '/*\n  X-Frame-Options: DENY\n');
  writeFileSync(join(clientDir, '_redirects'), '/old /new 301\n');
  writeFileSync(join(clientDir, '_routes.json'), '{"version":1,"include":["/api/*"],"exclude":[]}');
  server = await startNodeServer({ clientDir, environment: { DATABASE_URL: testDb.url }, port: 0 });
});
afterAll(async () => {
  await server.close();
  testDb.cleanup();
});

function getPage(range: string) {
  return fetch(`${server.url}/about/`, { headers: { Range: range, 'Accept-Encoding': 'identity' } });
}

describe('Range requests', () => {
  it('answers a single byte range with 206 and that slice', async () => {
    for (const range of ['bytes=0-8', 'Bytes=0-8']) {
      const response = await getPage(range);
      expect(response.status, range).toBe(206);
      expect(response.headers.get('Content-Range')).toBe(`bytes 0-8/${PAGE.length}`);
      expect(await response.text()).toBe(PAGE.slice(0, 9));
    }
    const suffix = await getPage('bytes=-13');
    expect(suffix.status).toBe(206);
    expect(await suffix.text()).toBe(PAGE.slice(-13));
  });

  it.each([
    ['another unit', 'items=0-5'],
    ['a range whose end is before its start', 'bytes=9-2'],
    ['garbage', 'bytes=abc'],
    ['several ranges (allowed to be ignored)', 'bytes=0-1, 4-5'],
  ])('ignores %s: 200 with the whole page', async (_label, range) => {
    const response = await getPage(range);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Range')).toBeNull();
    expect(await response.text()).toBe(PAGE);
  });

  it('answers a byte range past the end with 416 and the size', async () => {
    const response = await getPage(`bytes=${PAGE.length + 10}-`);
    expect(response.status).toBe(416);
    expect(response.headers.get('Content-Range')).toBe(`bytes */${PAGE.length}`);
  });
});

describe("Cloudflare's configuration files", () => {
  it.each(['/_headers', '/_redirects', '/_routes.json'])('%s is not served (404 like Cloudflare)', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });
});
