import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DIST, ensureBuilt, readRecords } from '../test/site/built-site.ts';
import { startE2eServer } from './server.ts';

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
  // No Facebook app: the browser tests sign in with the local demo.
  const server = await startE2eServer();
  project.provide('baseUrl', server.url);
  project.provide('databaseUrl', server.databaseUrl);
  return () => server.close();
}
