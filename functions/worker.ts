import type { Hono } from 'hono';
import { openDatabase } from '../db/client.ts';
import { createApp, type AppOptions } from './app.ts';
import type { HonoEnv } from './context.ts';
import { parseEnv } from './env.ts';

/**
 * The Cloudflare entry, called by functions/worker-entry.ts for every /api/* request.
 * Config is parsed from the Worker env on each request and the Turso client is built per
 * request: nothing secret outlives the request in module state. No demo sign-in, ever.
 */
export function createWorkerApp(options: Pick<AppOptions, 'createMailer' | 'cardAssets'> = {}): Hono<HonoEnv> {
  return createApp({
    // From worker-entry.ts too: the card renderer's wasm and fonts, imported as modules.
    cardAssets: options.cardAssets,
    // From worker-entry.ts: SMTP over cloudflare:sockets, which only workerd can load.
    createMailer: options.createMailer,
    resolveEnv: (c) => parseEnv((c.env ?? {}) as Record<string, unknown>),
    openDb: (env) =>
      env.TURSO_DATABASE_URL
        ? openDatabase({ url: env.TURSO_DATABASE_URL, authToken: env.TURSO_AUTH_TOKEN })
        : { ok: false, reason: 'TURSO_DATABASE_URL is not set' },
  });
}
