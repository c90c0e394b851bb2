import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startNodeServer } from '../functions/node-server.ts';
import { DIST, ensureBuilt, readRecords } from '../test/site/built-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's database, for tests that set up what has no UI (granting a site admin). */
    databaseUrl: string;
  }
}

/**
 * Browser tests run against the built site served by the Node entry (the same
 * server `npm start` runs) with a fresh libSQL file, on a free loopback port.
 */
export default async function setup(project: TestProject) {
  ensureBuilt(await readRecords());
  if (!existsSync(join(DIST, 'pagefind', 'pagefind-entry.json'))) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit', env: process.env });
  }
  const dir = await mkdtemp(join(tmpdir(), 'jumo-e2e-'));
  const databaseUrl = `file:${join(dir, 'e2e.db')}`;
  const server = await startNodeServer({
    clientDir: DIST,
    environment: { DATABASE_URL: databaseUrl },
    migrate: true,
    port: 0,
    // Every browser test signs in from 127.0.0.1; the limits themselves are tested in test/.
    appOverrides: {
      rateLimits: { signIn: { limit: 1e6, windowSeconds: 60 }, write: { limit: 1e6, windowSeconds: 60 } },
    },
  });
  project.provide('baseUrl', server.url);
  project.provide('databaseUrl', databaseUrl);
  return async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
}
