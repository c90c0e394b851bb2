import { z } from 'zod';

/**
 * Every binding, secret and variable the API reads. On Cloudflare they come from the Worker
 * env (`[vars]` in wrangler.toml, secrets via `wrangler secret put`, `.dev.vars` for
 * `wrangler dev`); on the Node entry (`npm start`) from process.env. Parsed per request on the
 * Worker (the env object is the source of truth), once at start on Node.
 */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

export const envSchema = z.object({
  /** Secret. Turso database URL (`libsql://<db>-<org>.turso.io`); the Worker's only database. */
  TURSO_DATABASE_URL: optionalString,
  /** Secret. Turso auth token for TURSO_DATABASE_URL (`turso db tokens create <db>`). */
  TURSO_AUTH_TOKEN: optionalString,
  /**
   * Node entry only (`npm start`, which ignores TURSO_DATABASE_URL). libSQL URL of its
   * database; default `file:.data/jumo.db`. A `libsql:`/`http:` URL uses TURSO_AUTH_TOKEN.
   */
  DATABASE_URL: optionalString,
  /**
   * Node entry only. The local demo sign-in (type a name, no Facebook app: for trying the site
   * on your own computer) is on by default only while `HOST` is a loopback address, and even
   * then serves only browsers on that computer. `0` turns it off; `1` keeps it on when `HOST`
   * is not loopback (e.g. 0.0.0.0 in a container), still for this computer's browsers only.
   * Always off once Facebook Login is configured, and on the Worker.
   */
  DEMO_SIGN_IN: z.enum(['0', '1']).optional(),
  /**
   * Node entry only. The directory under which uploaded images (NGO logos, report photos) are
   * kept, as `<dir>/media/<sha256>.<ext>`; default `.data`. On Cloudflare they go to the R2
   * bucket bound as `MEDIA` (a binding, not a var: `[[r2_buckets]]` in wrangler.toml); without
   * that binding uploads answer 503 and images 404.
   */
  MEDIA_DIR: optionalString,
  /** Var. Facebook app id (developers.facebook.com → your app → App settings → Basic). */
  FACEBOOK_APP_ID: optionalString,
  /** Secret. Facebook app secret: signs Graph calls (appsecret_proof) and data deletion requests. */
  FACEBOOK_APP_SECRET: optionalString,
  /** Var. Graph API version for our own Graph calls (`/me`). Arctic's dialog/token endpoints name v16.0. */
  FACEBOOK_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'a Graph API version such as "v25.0"')
    .default('v25.0'),
  /**
   * Var, optional. The public origin (`https://jumo.example.org`) used for the OAuth redirect URI
   * and the deletion status URL, when the request URL is not it (e.g. behind a proxy).
   */
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .optional()
    .transform((value) => value?.replace(/\/+$/, '')),
  /**
   * Secret (it may hold a password). Where mail goes: `smtp://user:pass@host:587` (STARTTLS when
   * the server offers it) or `smtps://…:465`. Node entry: unset means the embedded mail catcher
   * of `npm start` (smtp://127.0.0.1:MAIL_CATCHER_PORT, read at http://localhost:4321/_mail/).
   * On Cloudflare the Worker sends over TCP SMTP with `cloudflare:sockets` to the same URL
   * (port 587 or 465: Cloudflare blocks outbound port 25); unset means no mail is sent.
   */
  SMTP_URL: optionalString,
  /** Var. The From of every message: `Jumo <hello@jumo.example.org>`. */
  MAIL_FROM: z
    .string()
    .optional()
    .transform((value) => value?.trim() || 'Jumo <no-reply@jumo.localhost>'),
  /**
   * Secret. Signs the one-click unsubscribe links (HMAC-SHA256), at least 32 characters
   * (`openssl rand -base64 32`). `npm start` generates one into .data/email-signing-secret when unset;
   * changing it voids the links in messages already sent.
   */
  EMAIL_SIGNING_SECRET: z.string().min(32, 'at least 32 characters').optional(),
});

export type AppEnv = z.infer<typeof envSchema>;

export type ParseEnvResult = { ok: true; env: AppEnv } | { ok: false; message: string };

/** Read the config from a Worker env object or process.env; unknown keys (bindings) are ignored. */
export function parseEnv(source: Record<string, unknown>): ParseEnvResult {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    // Empty strings count as unset: `.dev.vars` templates often leave keys blank.
    if (typeof value === 'string' && value.trim() !== '') picked[key] = value;
  }
  const result = envSchema.safeParse(picked);
  if (!result.success) {
    return { ok: false, message: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return { ok: true, env: result.data };
}

/** Facebook Login is on only when both the app id and its secret are set. */
export function isFacebookConfigured(
  env: AppEnv,
): env is AppEnv & { FACEBOOK_APP_ID: string; FACEBOOK_APP_SECRET: string } {
  return Boolean(env.FACEBOOK_APP_ID && env.FACEBOOK_APP_SECRET);
}
