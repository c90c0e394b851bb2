import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { grantAdmin } from '../../db/admins.ts';
import { openDatabase, prepareLocalDatabase, type Database, type OpenDatabaseResult } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { syncNgoDirectoryFromContent } from '../../db/sync-ngo-directory.ts';
import { createApp, type AppOptions } from '../../functions/app.ts';
import { loadNodeCardAssets } from '../../functions/cards/node-card-assets.ts';
import type { HonoEnv, RateLimits } from '../../functions/context.ts';
import { parseEnv } from '../../functions/env.ts';
import { createFileMediaStore } from '../../functions/media/file-media-store.ts';
import { checkAnswer, loadServedDocument } from './openapi-answers.ts';

/**
 * The integration tests' one harness: a real migrated libSQL file, the real app on it, and
 * requests as signed-in people. Only Facebook's HTTP endpoints are ever stubbed
 * (facebook-stub.ts); everything here is the code that runs in production.
 */

export const ORIGIN = 'https://jumo.test';

export const FACEBOOK_ENV = {
  FACEBOOK_APP_ID: '1234567890',
  FACEBOOK_APP_SECRET: 'test-app-secret-0123456789abcdef',
};

/** The fixture directory (test/fixtures/ngos), which `npm start` would fill from content/ngos. */
export const FIXTURE_CONTENT_DIR = 'test/fixtures/ngos';

/** Limits no test reaches, for tests about something other than rate limiting. */
export const LIFTED_RATE_LIMITS: RateLimits = {
  signIn: { limit: 1_000_000, windowSeconds: 60 },
  write: { limit: 1_000_000, windowSeconds: 60 },
  content: { limit: 1_000_000, windowSeconds: 600 },
  publicRead: { limit: 1_000_000, windowSeconds: 60 },
};

export type App = Hono<HonoEnv>;

/** A clock the test moves by hand. */
export function createClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let nowMs = start;
  return {
    now: () => new Date(nowMs),
    advanceSeconds: (seconds: number) => {
      nowMs += seconds * 1000;
    },
  };
}

export type TestDatabase = { db: Database; url: string; dir: string; cleanup: () => void };

export type TestDatabaseOptions = {
  /** Apply the committed migrations (default). Off: an empty file, for tests that migrate by hand. */
  migrate?: boolean;
  /** Fill ngo_directory from the fixture NGOs, as `npm start` does from content/ngos (default off). */
  fixtureNgos?: boolean;
};

/** A real libSQL file database in a fresh temp directory, prepared the way the Node entry prepares it. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'jumo-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const opened = openDatabase({ url });
  if (!opened.ok) throw new Error(opened.reason);
  await prepareLocalDatabase(opened.db);
  if (options.migrate ?? true) await migrateDatabase(opened.db);
  if (options.fixtureNgos) await syncNgoDirectoryFromContent(opened.db, FIXTURE_CONTENT_DIR);
  return {
    db: opened.db,
    url,
    dir,
    cleanup: () => {
      opened.db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestAppOptions = {
  db?: Database;
  openDb?: () => OpenDatabaseResult;
  /** The environment the entry would parse: Facebook config, PUBLIC_ORIGIN… (default: none). */
  vars?: Record<string, string>;
  /** Serve the demo sign-in (default off, like every entry but the Node one). */
  demoSignIn?: boolean;
} & Partial<
  Pick<
    AppOptions,
    | 'now'
    | 'sessionPolicy'
    | 'rateLimits'
    | 'getClientIp'
    | 'resolveEnv'
    | 'cacheSessions'
    | 'mediaStore'
    | 'createMailer'
    | 'cardAssets'
  >
>;

/**
 * The real app with test wiring: config from `vars`, the given database. This is how both
 * entry points build it; only the inputs differ. Use it alone only where no database exists
 * (yet); otherwise createHarness.
 */
export function createTestApp(options: TestAppOptions): App {
  const env = parseEnv(options.vars ?? {});
  const { db } = options;
  const app = createApp({
    resolveEnv: options.resolveEnv ?? (() => env),
    openDb: options.openDb ?? (() => (db ? { ok: true, db } : { ok: false, reason: 'no database in this test' })),
    // Test requests have no socket and a made-up origin: the demo's this-machine-only check is
    // tested on the Node entry (test/demo-sign-in.test.ts).
    allowDemoSignIn: options.demoSignIn ? 'any-client' : false,
    now: options.now,
    sessionPolicy: options.sessionPolicy,
    rateLimits: options.rateLimits,
    getClientIp: options.getClientIp,
    cacheSessions: options.cacheSessions,
    mediaStore: options.mediaStore,
    createMailer: options.createMailer,
    // Tests pass `cardAssets: undefined` for an entry that cannot draw cards.
    cardAssets: 'cardAssets' in options ? options.cardAssets : loadNodeCardAssets,
  });
  checkEveryAnswer(app);
  return app;
}

/**
 * Every answer a test gets from this app is checked against the app's OpenAPI document
 * (status declared, content type, JSON body valid): the whole integration suite is a test of
 * the published contract. A mismatch rejects the request with the reasons.
 */
function checkEveryAnswer(app: App): void {
  const fetch = app.fetch;
  app.fetch = async (request, ...rest) => {
    const response = await fetch(request, ...rest);
    const problems = await checkAnswer(await loadServedDocument(), request.method, request.url, response);
    if (problems.length > 0) throw new Error(`The answer is outside the OpenAPI document:\n${problems.join('\n')}`);
    return response;
  };
}

/** Same-origin browser request defaults for mutations. */
export function sameOriginHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin', ...extra };
}

export type ParsedCookie = { name: string; value: string; attributes: Record<string, string | true> };

export function parseSetCookies(response: Response): ParsedCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const attr of attrs) {
      const i = attr.indexOf('=');
      if (i === -1) attributes[attr.toLowerCase()] = true;
      else attributes[attr.slice(0, i).toLowerCase()] = attr.slice(i + 1);
    }
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
  });
}

export function findCookie(response: Response, name: string): ParsedCookie | undefined {
  return parseSetCookies(response).find((c) => c.name === name);
}

/** Someone signed in: their session cookie's value and who they are. */
export type Actor = { token: string; id: string; name: string };

/** Whose cookie a request carries: an actor, a bare token (forged, expired…), or null for nobody. */
export type Sender = { token: string | null } | null;

export type HarnessOptions = Omit<TestAppOptions, 'db' | 'rateLimits'> & {
  /** The app's own limits unless given; 'lifted' for LIFTED_RATE_LIMITS. */
  rateLimits?: RateLimits | 'lifted';
  /** Fill ngo_directory from the fixture NGOs (default on, as `npm start` fills it). */
  fixtureNgos?: boolean;
};

export type Harness = {
  app: App;
  db: Database;
  database: TestDatabase;
  /** Closes and deletes the database (only the harness that created it owns it). */
  cleanup: () => void;
  /** A new app on the same database (fresh rate-limit counters and session cache), `overrides` over this harness's options. */
  makeApp: (overrides?: Partial<HarnessOptions>) => App;
  /** This harness again around makeApp(overrides): same database, same helpers. */
  withApp: (overrides?: Partial<HarnessOptions>) => Harness;
  /** Demo sign-in (the app must serve it); throws unless it answers 200. */
  signIn: (name: string) => Promise<Actor>;
  /** Sign in and grant site admin through db/admins.ts, as `npm run admin -- grant` does. */
  makeAdmin: (name: string) => Promise<Actor>;
  /** `actor` claims the NGO and `admin` approves: `actor` becomes a manager. */
  makeManager: (actor: Actor, ngoId: string, admin: Actor) => Promise<void>;
  /**
   * Facebook Login from redirect to callback (Facebook stubbed with facebook-stub.ts; the app
   * needs FACEBOOK_ENV). Throws unless the callback redirects with a session.
   */
  signInWithFacebook: (options?: { next?: string; friends?: boolean }) => Promise<{ token: string; location: URL }>;
  /**
   * A same-origin request as `sender`, like a page of the site. An object body is sent as JSON;
   * a string or bytes as they are (with Content-Type application/json unless `headers` say otherwise).
   */
  send: (
    method: string,
    path: string,
    sender: Sender,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Response>;
  /** send, with the answer's status and parsed JSON body. */
  json: <T = any>(
    method: string,
    path: string,
    sender: Sender,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; body: T }>;
};

/**
 * A fresh migrated database (with the fixture NGOs unless `fixtureNgos: false`) and the app on
 * it. Without options the app is as shipped but for the demo sign-in, which needs
 * `demoSignIn: true` like the Node entry.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database = await createTestDatabase({ fixtureNgos: options.fixtureNgos ?? true });
  return buildHarness(database, options);
}

function buildHarness(database: TestDatabase, options: HarnessOptions): Harness {
  const { db } = database;
  // Uploaded images go where the Node entry keeps them, under this test's own directory.
  const mediaStore = createFileMediaStore(database.dir);
  const makeApp = (overrides: Partial<HarnessOptions> = {}): App => {
    const merged = { ...options, ...overrides };
    return createTestApp({
      mediaStore: () => mediaStore,
      ...merged,
      db,
      rateLimits: merged.rateLimits === 'lifted' ? LIFTED_RATE_LIMITS : merged.rateLimits,
    });
  };
  const app = makeApp();

  const send: Harness['send'] = async (method, path, sender, body, headers = {}) => {
    const raw = typeof body === 'string' || body instanceof Uint8Array;
    return app.request(`${ORIGIN}${path}`, {
      method,
      headers: sameOriginHeaders({
        ...(sender?.token ? { Cookie: `session=${sender.token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      }),
      body: body === undefined ? undefined : raw ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
    });
  };

  const json: Harness['json'] = async (method, path, sender, body, headers) => {
    const response = await send(method, path, sender, body, headers);
    return { status: response.status, body: await response.json() };
  };

  const signIn = async (name: string): Promise<Actor> => {
    const response = await send('POST', '/api/auth/demo', null, { name });
    if (response.status !== 200) throw new Error(`demo sign-in failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { user: { id: string; name: string } };
    return { token: findCookie(response, 'session')!.value, id: body.user.id, name: body.user.name };
  };

  const makeAdmin = async (name: string): Promise<Actor> => {
    const actor = await signIn(name);
    await grantAdmin(db, actor.id, options.now?.() ?? new Date());
    return actor;
  };

  const makeManager = async (actor: Actor, ngoId: string, admin: Actor): Promise<void> => {
    const workEmail = `${actor.name.replace(/\W/g, '')}@example.org`;
    const claim = await json('POST', `/api/ngos/${ngoId}/claims`, actor, { role: 'Director', workEmail });
    const decided = await json('POST', `/api/admin/claims/${claim.body.claim.id}/decision`, admin, {
      decision: 'approve',
    });
    if (decided.status !== 200) throw new Error(`approve failed: ${JSON.stringify(decided.body)}`);
  };

  const signInWithFacebook: Harness['signInWithFacebook'] = async ({ next, friends } = {}) => {
    const query = new URLSearchParams({
      ...(next === undefined ? {} : { next }),
      ...(friends ? { friends: '1' } : {}),
    });
    const start = await app.request(`${ORIGIN}/api/auth/facebook${query.toString() ? `?${query}` : ''}`);
    const location = new URL(start.headers.get('Location')!);
    const state = location.searchParams.get('state')!;
    const stateCookie = findCookie(start, 'fb_oauth_state')!.value;
    const done = await app.request(`${ORIGIN}/api/auth/facebook/callback?code=c&state=${state}`, {
      headers: { Cookie: `fb_oauth_state=${stateCookie}` },
    });
    const session = findCookie(done, 'session');
    if (done.status !== 302 || !session)
      throw new Error(`Facebook sign-in failed: ${done.status} ${done.headers.get('Location')}`);
    return { token: session.value, location };
  };

  return {
    app,
    db,
    database,
    cleanup: database.cleanup,
    makeApp,
    withApp: (overrides = {}) => buildHarness(database, { ...options, ...overrides }),
    signIn,
    makeAdmin,
    makeManager,
    signInWithFacebook,
    send,
    json,
  };
}
