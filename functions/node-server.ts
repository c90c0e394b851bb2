import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { serve, type HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { openDatabase, prepareLocalDatabase, type Database } from '../db/client.ts';
import { ensureLocalDatabaseDirectory } from '../db/local-file.ts';
import { attachLocalStatements } from '../db/local-statements.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { syncNgoDirectoryFromContent } from '../db/sync-ngo-directory.ts';
import { createApp, type AppOptions } from './app.ts';
import { loadNodeCardAssets } from './cards/node-card-assets.ts';
import type { MailCatcher } from './mail/mail-catcher.ts';
import { renderMailbox, startMailSenderLoop, type MailSenderLoop } from './mail/node-mail.ts';
import { createNodeMailer } from './mail/node-mailer.ts';
import { createFileMediaStore, DEFAULT_MEDIA_DIR } from './media/file-media-store.ts';
import { isDemoSignInEnabled, isLocalRequest } from './auth/demo-sign-in.ts';
import { parseEnv, type ParseEnvResult } from './env.ts';
import { applySecurityHeaders, getPageSecurityHeaders } from './security-headers.ts';
import { guardStaticRequests } from './static-request-rules.ts';

/**
 * The embedded default (`npm start`): one Node process serving the built site (dist/client)
 * and the same Hono app as the Worker at /api/*, against a local libSQL file.
 */

export const DEFAULT_DATABASE_URL = 'file:.data/jumo.db';

export type NodeServerOptions = {
  /** The built static site. */
  clientDir: string;
  /** Environment to read config from (process.env in production use). */
  environment: Record<string, string | undefined>;
  /** Apply pending migrations before serving (npm start does; tests prepare their own file). */
  migrate?: boolean;
  /**
   * The address the server listens on (`HOST`; defaults to the environment's HOST, then
   * 127.0.0.1). The demo sign-in is off unless it is loopback or DEMO_SIGN_IN=1.
   */
  hostname?: string;
  /** Extra app options for tests (clock, session policy, rate limits). */
  appOverrides?: Partial<Pick<AppOptions, 'now' | 'sessionPolicy' | 'rateLimits' | 'cacheSessions'>>;
  /**
   * Mail (`npm start`): `catcher` is the local mail catcher shown at /_mail/ (to this computer's
   * browsers only) when no SMTP_URL is set; `runSender` runs the sender loop (instant emails and
   * retries every minute, the weekly digest). Messages go to SMTP_URL either way.
   */
  mail?: { catcher?: MailCatcher | null; runSender?: boolean; senderIntervalMs?: number };
};

export type NodeHandler = {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  close: () => void;
  /** Start `npm start`'s sender loop with links on `origin` (null without SMTP_URL or a database). */
  startMailSender: (origin: string) => MailSenderLoop | null;
};

function readSocketIp(c: Context): string {
  // Requests handed in without a socket (tests calling fetch directly) have no address.
  if (!(c.env as Partial<HttpBindings> | undefined)?.incoming?.socket) return 'unknown';
  return getConnInfo(c).remote.address ?? 'unknown';
}

/** `/api` or `/api/...` in an absolute URL, without parsing it. */
function isApiUrl(url: string): boolean {
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  if (pathStart === -1) return false;
  return (
    url.startsWith('/api/', pathStart) ||
    url.startsWith('/api?', pathStart) ||
    (url.length === pathStart + 4 && url.endsWith('/api'))
  );
}

/**
 * Build the request handler. The database is opened once for the process (a local file needs
 * no per-request client); an unopenable database does not stop the server: the API answers
 * 503 and /api/health says so, while the static site keeps working.
 */
export async function createNodeHandler(options: NodeServerOptions): Promise<NodeHandler> {
  const envResult: ParseEnvResult = parseEnv(options.environment);
  // DATABASE_URL may also name a libsql:/http: server; its token, if any, is TURSO_AUTH_TOKEN.
  const databaseUrl = options.environment.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const authToken = databaseUrl.startsWith('file:') ? undefined : options.environment.TURSO_AUTH_TOKEN;

  // A directory that cannot be made shows when the database is opened, just below.
  await ensureLocalDatabaseDirectory(databaseUrl);
  const opened = openDatabase({ url: databaseUrl, authToken });
  let db: Database | undefined;
  let closeStatements: () => void = () => undefined;
  if (opened.ok) {
    db = opened.db;
    try {
      if (databaseUrl.startsWith('file:')) {
        await prepareLocalDatabase(db);
        // The hot reads (NGO stats, feed) and writes (follows, pledges) on statements prepared
        // once: see db/local-statements.ts.
        closeStatements = attachLocalStatements(db, databaseUrl);
      }
      if (options.migrate) {
        await migrateDatabase(db);
        // The NGO facts the API reads (names, website hosts, causes): see db/ngo-directory.ts.
        await syncNgoDirectoryFromContent(db, options.environment.CONTENT_DIR);
      }
    } catch (error) {
      console.error(`database not ready (${(error as Error).message.split('\n')[0]}); the API will answer 503`);
    }
  } else {
    console.error(`cannot open the database at ${databaseUrl}: ${opened.reason}; the API will answer 503`);
  }

  const mediaStore = createFileMediaStore(options.environment.MEDIA_DIR?.trim() || DEFAULT_MEDIA_DIR);
  const mailEnv = envResult.ok ? envResult.env : null;
  const mailer = mailEnv?.SMTP_URL ? createNodeMailer({ smtpUrl: mailEnv.SMTP_URL, from: mailEnv.MAIL_FROM }) : null;
  let mailSender: MailSenderLoop | null = null;
  const api = createApp({
    createMailer: () => mailer,
    resolveEnv: () => envResult,
    openDb: () => (opened.ok ? opened : { ok: false, reason: opened.reason }),
    allowDemoSignIn: isDemoSignInEnabled(
      options.hostname ?? options.environment.HOST ?? '127.0.0.1',
      envResult.ok ? envResult.env.DEMO_SIGN_IN : undefined,
    ),
    // A local file is this process's alone, so the in-memory session copy stays exact.
    cacheSessions: databaseUrl.startsWith('file:'),
    getClientIp: readSocketIp,
    mediaStore: () => mediaStore,
    cardAssets: loadNodeCardAssets,
    ...options.appOverrides,
  });

  const clientDir = resolve(options.clientDir);
  const notFoundPage = join(clientDir, '404.html');
  const site = new Hono<{ Bindings: HttpBindings }>();

  // Compress text like Cloudflare does at the edge (Pagefind's index files are gzip already).
  site.use('*', compress());

  // Static responses get the same headers Cloudflare applies from public/_headers.
  site.use('*', async (c, next) => {
    await next();
    applySecurityHeaders(c.res.headers, getPageSecurityHeaders(c.req.path));
    if (!c.res.headers.has('Cache-Control')) {
      c.res.headers.set(
        'Cache-Control',
        c.req.path.startsWith('/_astro/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=0, must-revalidate',
      );
    }
  });

  // The local mail catcher's messages: confirmation links are keys to accounts, so only for
  // browsers on this computer (as the demo sign-in), and never on Cloudflare.
  const catcher = options.mail?.catcher;
  if (catcher) {
    site.get('/_mail/', (c) => {
      if (!isLocalRequest(c, readSocketIp(c))) return c.notFound();
      c.header('Cache-Control', 'no-store');
      return c.html(renderMailbox(catcher.messages()));
    });
    site.get('/_mail/:id/html', (c) => {
      const message = catcher.messages().find((m) => String(m.id) === c.req.param('id'));
      if (!message || !isLocalRequest(c, readSocketIp(c))) return c.notFound();
      c.header('Cache-Control', 'no-store');
      // The message's own HTML, inert: no scripts, no requests but https images.
      c.header('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https:");
      return c.html(message.html);
    });
  }

  // trailingSlash: 'always' + directory format: /ngos/x → /ngos/x/ like Cloudflare's assets do.
  site.get('*', async (c, next) => {
    const path = c.req.path;
    if (!path.endsWith('/') && !path.startsWith('//') && !extname(path) && !path.includes('..')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return next();
      }
      const candidate = join(clientDir, decoded, 'index.html');
      if (candidate.startsWith(`${clientDir}/`) && existsSync(candidate)) {
        const url = new URL(c.req.url);
        return c.redirect(`${path}/${url.search}`, 308);
      }
    }
    return next();
  });

  site.use('*', guardStaticRequests());
  site.use('*', serveStatic({ root: clientDir }));

  site.notFound((c) => {
    if (existsSync(notFoundPage) && statSync(notFoundPage).isFile()) {
      return c.html(readFileSync(notFoundPage, 'utf8'), 404);
    }
    return c.text('Not found', 404);
  });

  return {
    // API requests skip the static-site app: cheaper than routing them through it.
    fetch: (request, env) =>
      isApiUrl(request.url) ? api.fetch(request, env) : site.fetch(request, env as HttpBindings),
    startMailSender: (origin) => {
      const secret = mailEnv?.EMAIL_SIGNING_SECRET;
      if (!mailer || !db || !secret || mailSender) return mailSender;
      mailSender = startMailSenderLoop({
        db,
        mailer,
        origin: mailEnv?.PUBLIC_ORIGIN ?? origin,
        signingSecret: secret,
        intervalMs: options.mail?.senderIntervalMs,
      });
      return mailSender;
    },
    close: () => {
      void mailSender?.stop();
      mailer?.close();
      closeStatements();
      db?.$client.close();
    },
  };
}

export type RunningServer = { url: string; port: number; close: () => Promise<void> };

/** Listen on `port` (0 for any free port) on loopback or `hostname`. */
export async function startNodeServer(options: NodeServerOptions & { port: number }): Promise<RunningServer> {
  // The demo sign-in is decided by the address actually listened on.
  const handler = await createNodeHandler({ ...options, hostname: options.hostname ?? '127.0.0.1' });
  return new Promise((resolvePromise) => {
    const server = serve(
      { fetch: handler.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' },
      (info) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        if (options.mail?.runSender)
          handler.startMailSender(`http://${host.replace('127.0.0.1', 'localhost')}:${info.port}`);
        resolvePromise({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => {
                handler.close();
                done();
              });
              // Keep-alive sockets would hold close() open.
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
  });
}
