import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { API_DOCUMENT_CONFIG } from '../model/api/document.ts';
import { isDatabaseError, type Database, type OpenDatabaseResult } from '../db/client.ts';
import { createSessionCache } from './auth/session-cache.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './auth/session.ts';
import type { HonoEnv, RateLimits } from './context.ts';
import type { AppEnv, ParseEnvResult } from './env.ts';
import { ApiError, DatabaseUnavailableError, respondApiError, respondError } from './errors.ts';
import { enforceRateLimits } from './middleware/rate-limit.ts';
import { openPublicReads } from './middleware/public-reads.ts';
import { requireSameOrigin } from './middleware/same-origin.ts';
import { requireUtf8Json } from './middleware/require-utf8.ts';
import { addSecurityHeaders } from './middleware/security-headers.ts';
import { PUBLIC_ANSWER_TTL_MS, PUBLIC_ANSWERS_KEPT, type KeptAnswer } from './http-cache.ts';
import { createLruCache } from './lru-cache.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { createAuthRoutes, type DemoSignInOption } from './routes/auth.ts';
import { DATA_DELETION_PATH, facebookRoutes } from './routes/facebook.ts';
import { emailRoutes, UNSUBSCRIBE_PATH } from './routes/email.ts';
import type { Mailer } from './mail/message.ts';
import { followRoutes } from './routes/follows.ts';
import { healthRoutes } from './routes/health.ts';
import { impactReportRoutes } from './routes/impact-reports.ts';
import { IMAGE_UPLOAD_PATH, limitImageUploadBody, mediaRoutes } from './routes/media.ts';
import { profileRoutes } from './routes/profiles.ts';
import { createR2MediaStore, isR2Bucket, type MediaStore } from './media/media-store.ts';
import { meRoutes } from './routes/me.ts';
import { pledgeRoutes } from './routes/pledges.ts';
import { claimRoutes } from './routes/claims.ts';
import { directoryRoutes } from './routes/directory.ts';
import { proposalRoutes } from './routes/proposals.ts';
import { feedRoutes } from './routes/feed.ts';
import { newsRoutes } from './routes/news.ts';
import { causeNewsRoutes } from './routes/cause-news.ts';
import { createNgoCardRoutes } from './routes/ngo-cards.ts';
import { createCardRenderer, type CardAssets } from './cards/card-renderer.ts';
import { reportRoutes } from './routes/reports.ts';
import { volunteeringRoutes } from './routes/volunteering.ts';
import { socialRoutes } from './routes/social.ts';

/** What an entry point (Worker or Node) provides; the app itself holds no secrets or clients. */
export type AppOptions = {
  /** This request's config: the Worker parses its env per request, Node passes one parse. */
  resolveEnv: (c: Context) => ParseEnvResult;
  /** This request's database: the Worker opens a Turso client per request, Node reuses its file. */
  openDb: (env: AppEnv) => OpenDatabaseResult;
  /**
   * Only the Node entry passes true: the local demo sign-in (404 while Facebook is configured),
   * for clients on this machine only. `'any-client'` is for tests: see functions/routes/auth.ts.
   */
  allowDemoSignIn?: DemoSignInOption;
  /** Client address for rate limits: `cf-connecting-ip` on Cloudflare, the socket on Node. */
  getClientIp?: (c: Context) => string;
  /**
   * Keep validated sessions in memory for a few seconds. Only for a database this process
   * owns alone (the Node entry's local file): see functions/auth/session-cache.ts.
   */
  cacheSessions?: boolean;
  /** Injectable clock (tests drive session expiry with it). */
  now?: () => Date;
  sessionPolicy?: SessionPolicy;
  rateLimits?: RateLimits;
  /**
   * The mail transport for messages sent during a request (confirmation links): nodemailer on
   * Node. Absent or null: those requests answer 503.
   */
  createMailer?: (env: AppEnv) => Mailer | null;
  /**
   * Where uploaded images live. Default: the R2 bucket bound as `MEDIA` in the Worker env
   * (none: uploads answer 503). The Node entry passes a directory (functions/media/file-media-store.ts).
   */
  mediaStore?: (c: Context) => MediaStore | null;
  /**
   * The wasm renderer and fonts for NGO share cards, loaded on the first card drawn: the Worker
   * imports them as modules, Node reads them from disk. Absent: cards answer 503.
   */
  cardAssets?: () => Promise<CardAssets>;
};

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signIn: { limit: 20, windowSeconds: 60 },
  write: { limit: 120, windowSeconds: 60 },
};

/** Routes that start or finish a sign-in, as "METHOD /route/pattern". */
const SIGN_IN_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/auth/facebook',
  'GET /api/auth/facebook/callback',
  'POST /api/auth/demo',
]);

const MAX_BODY_BYTES = 16 * 1024;

function readR2MediaStore(c: Context): MediaStore | null {
  const bucket = (c.env as Record<string, unknown> | undefined)?.MEDIA;
  return isR2Bucket(bucket) ? createR2MediaStore(bucket) : null;
}

function readCloudflareClientIp(c: Context): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

/** The Hono app behind /api/*, shared by the Worker and the Node entry. */
export function createApp(options: AppOptions): Hono<HonoEnv> {
  const now = options.now ?? (() => new Date());
  const getClientIp = options.getClientIp ?? readCloudflareClientIp;
  const sessionPolicy = options.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  // Counters live as long as this app: the Node process, or one Worker isolate.
  const rateLimiter: RateLimiter = createRateLimiter(() => now().getTime());
  const publicAnswers = createLruCache<KeptAnswer>(PUBLIC_ANSWERS_KEPT, {
    ttlMs: PUBLIC_ANSWER_TTL_MS,
    now: () => now().getTime(),
  });
  const openMediaStore = options.mediaStore ?? readR2MediaStore;
  const sessionCache = options.cacheSessions ? createSessionCache({ ttlMs: 30_000, maxEntries: 10_000 }) : null;

  const app = new OpenAPIHono<HonoEnv>().basePath('/api');

  app.use(addSecurityHeaders());

  app.use(async (c, next) => {
    const parsed = options.resolveEnv(c);
    if (!parsed.ok) {
      console.error(`invalid configuration: ${parsed.message}`);
      return respondError(c, 500, 'server_misconfigured', 'The server is misconfigured.');
    }
    const env = parsed.env;
    let db: Database | undefined;
    c.set('env', env);
    c.set('getDb', () => {
      if (db) return db;
      const opened = options.openDb(env);
      if (!opened.ok) throw new DatabaseUnavailableError(opened.reason);
      db = opened.db;
      return db;
    });
    c.set('now', now);
    c.set('sessionPolicy', sessionPolicy);
    c.set('sessionCache', sessionCache);
    c.set('rateLimiter', rateLimiter);
    c.set('publicAnswers', publicAnswers);
    c.set('rateLimits', rateLimits);
    let mailer: Mailer | null | undefined;
    c.set('getMailer', () => {
      if (mailer === undefined) mailer = options.createMailer?.(env) ?? null;
      return mailer;
    });
    c.set('media', openMediaStore(c));
    return next();
  });

  // Exempt: Facebook's signed data deletion callback, and RFC 8058 one-click unsubscribe, which
  // mail providers post with no cookie and no Origin (its signed token is the authority, and it
  // can only turn mail off).
  // The public directory API: any origin, cacheable, its own per-client budget (docs/api.md).
  app.use('/v1/*', openPublicReads(getClientIp));
  app.use(requireSameOrigin(new Set([DATA_DELETION_PATH, UNSUBSCRIBE_PATH])));
  app.use(enforceRateLimits(SIGN_IN_ROUTES, getClientIp));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => respondError(c, 413, 'payload_too_large', `Bodies are limited to ${MAX_BODY_BYTES} bytes.`),
  });
  // No route reads the body of a GET or HEAD, and asking the Node adapter whether one has a
  // body builds a full web Request for every read (~10 µs each).
  // Image uploads carry up to 256 KB of bytes (routes/media.ts).
  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : IMAGE_UPLOAD_PATH.test(c.req.path)
        ? limitImageUploadBody(c, next)
        : limitBody(c, next),
  );
  app.use(requireUtf8Json());

  app.route('/', healthRoutes);
  app.route('/', meRoutes);
  app.route('/', createAuthRoutes({ allowDemoSignIn: options.allowDemoSignIn ?? false, getClientIp }));
  app.route('/', facebookRoutes);
  app.route('/', followRoutes);
  app.route('/', pledgeRoutes);
  app.route('/', claimRoutes);
  app.route('/', proposalRoutes);
  app.route('/', newsRoutes);
  app.route('/', causeNewsRoutes);
  app.route('/', createNgoCardRoutes(options.cardAssets ? createCardRenderer(options.cardAssets) : null));
  app.route('/', impactReportRoutes);
  app.route('/', profileRoutes);
  app.route('/', mediaRoutes);
  app.route('/', volunteeringRoutes);
  app.route('/', reportRoutes);
  app.route('/', directoryRoutes);
  app.route('/', feedRoutes);
  app.route('/', socialRoutes);
  app.route('/', emailRoutes);

  // The contract of every route, generated from the same definitions that validate requests.
  app.doc31('/openapi.json', API_DOCUMENT_CONFIG);

  app.notFound((c) => respondError(c, 404, 'not_found', 'No such route.'));
  app.onError((error, c) => {
    if (error instanceof ApiError) return respondApiError(c, error);
    // Hono's body validator throws 400 for a body that is not JSON, and a contract's media-type
    // gate 415 for one sent as another type (text/plain, a form, none): the same mistake.
    if (error instanceof HTTPException && (error.status === 400 || error.status === 415)) {
      return respondError(c, 400, 'invalid_json', 'Send a JSON body (Content-Type: application/json).');
    }
    if (error instanceof DatabaseUnavailableError || isDatabaseError(error)) {
      console.error(`database unavailable: ${error.message.split('\n')[0]}`);
      c.header('Retry-After', '5');
      return respondError(c, 503, 'database_unavailable', 'The database is unreachable. Try again shortly.');
    }
    console.error('unhandled error', error);
    return respondError(c, 500, 'internal_error', 'Something went wrong on our side.');
  });

  return app;
}
