import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer } from '../functions/node-server.ts';
import { DIST } from '../test/site/built-site.ts';

export type E2eServer = { url: string; databaseUrl: string; close: () => Promise<void> };

/**
 * The built site served by the Node entry (the same server `npm start` runs) with a fresh,
 * migrated libSQL file, on a free loopback port. `environment` adds config, e.g. a Facebook
 * app: the server reads it like `npm start` reads process.env.
 */
export async function startE2eServer(environment: Record<string, string> = {}): Promise<E2eServer> {
  const dir = await mkdtemp(join(tmpdir(), 'jumo-e2e-'));
  const databaseUrl = `file:${join(dir, 'e2e.db')}`;
  const server = await startNodeServer({
    clientDir: DIST,
    environment: { ...environment, DATABASE_URL: databaseUrl },
    migrate: true,
    port: 0,
    // Every browser test signs in from 127.0.0.1; the limits themselves are tested in test/.
    appOverrides: {
      rateLimits: { signIn: { limit: 1e6, windowSeconds: 60 }, write: { limit: 1e6, windowSeconds: 60 } },
    },
  });
  return {
    url: server.url,
    databaseUrl,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
