import type { Context } from 'hono';
import type { Database } from '../db/client.ts';
import type { NgoFacts } from '../db/ngo-directory.ts';
import type { Session, User } from '../db/schema.ts';
import type { SessionCache } from './auth/session-cache.ts';
import type { SessionPolicy } from './auth/session.ts';
import type { AppEnv } from './env.ts';
import type { Mailer } from './mail/message.ts';
import type { KeptAnswer } from './http-cache.ts';
import type { LruCache } from './lru-cache.ts';
import type { MediaStore } from './media/media-store.ts';
import type { RateLimiter, RateLimitRule } from './rate-limit.ts';

/**
 * What middleware hands to handlers, per request. Read with `c.get('name')`: Hono's `c.var`
 * builds a fresh object on every access, measurable on hot routes.
 */
export type AppVariables = {
  env: AppEnv;
  /** Opens (Worker) or returns (Node) the database; throws DatabaseUnavailableError. */
  getDb: () => Database;
  now: () => Date;
  sessionPolicy: SessionPolicy;
  /** Node entry with a local file only (see session-cache.ts); null elsewhere. */
  sessionCache: SessionCache | null;
  rateLimiter: RateLimiter;
  /** Public answers (the /api/v1/ directory, cause feeds) kept by URL for a while: functions/http-cache.ts. */
  publicAnswers: LruCache<KeptAnswer>;
  rateLimits: RateLimits;
  /** The entry's mail transport (built on first use), or null when this entry sends no mail. */
  getMailer: () => Mailer | null;
  /** Uploaded images' bytes (R2 or a directory); null when this entry has no storage configured. */
  media: MediaStore | null;
  /** Set by requireSession. */
  auth: { session: Session; user: User };
  /** Set by loadViewer: the signed-in user, or null, for routes that work either way. */
  viewer: User | null;
  /** Set by requireNgo: the NGO named by the path's `{id}`, from the directory table. */
  ngo: NgoFacts;
};

export type RateLimits = {
  /** Starting or finishing a sign-in (Facebook redirect, callback, demo). */
  signIn: RateLimitRule;
  /** Every other mutation. */
  write: RateLimitRule;
  /**
   * Creating user content (claims, news, opportunities, sign-ups, reports), per account and
   * route, on top of `write`. Optional: DEFAULT_CONTENT_RATE_LIMIT in functions/routes/engage-shared.ts.
   */
  content?: RateLimitRule;
  /**
   * Reads of the public directory API (/api/v1/*), per client IP. Optional:
   * DEFAULT_PUBLIC_READ_LIMIT in functions/middleware/public-reads.ts.
   */
  publicRead?: RateLimitRule;
};

export type HonoEnv = { Variables: AppVariables };
export type AppContext = Context<HonoEnv>;
