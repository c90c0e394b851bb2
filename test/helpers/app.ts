import type { Hono } from 'hono';
import type { Database, OpenDatabaseResult } from '../../db/client.ts';
import { createApp, type AppOptions } from '../../functions/app.ts';
import type { HonoEnv } from '../../functions/context.ts';
import { parseEnv } from '../../functions/env.ts';

export const ORIGIN = 'https://jumo.test';

export const FACEBOOK_ENV = {
  FACEBOOK_APP_ID: '1234567890',
  FACEBOOK_APP_SECRET: 'test-app-secret-0123456789abcdef',
};

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

export type TestAppOptions = {
  db?: Database;
  openDb?: () => OpenDatabaseResult;
  vars?: Record<string, string>;
  allowDemoSignIn?: boolean;
} & Partial<Pick<AppOptions, 'now' | 'sessionPolicy' | 'rateLimits' | 'getClientIp' | 'resolveEnv' | 'cacheSessions'>>;

/**
 * The real app with test wiring: config from `vars`, the given database. This is how both
 * entry points build it; only the inputs differ.
 */
export function createTestApp(options: TestAppOptions): Hono<HonoEnv> {
  const env = parseEnv(options.vars ?? {});
  const { db } = options;
  return createApp({
    resolveEnv: options.resolveEnv ?? (() => env),
    openDb: options.openDb ?? (() => (db ? { ok: true, db } : { ok: false, reason: 'no database in this test' })),
    // Test requests have no socket and a made-up origin: the demo's this-machine-only check is
    // tested on the Node entry (test/demo-sign-in.test.ts).
    allowDemoSignIn: options.allowDemoSignIn ? 'any-client' : false,
    now: options.now,
    sessionPolicy: options.sessionPolicy,
    rateLimits: options.rateLimits,
    getClientIp: options.getClientIp,
    cacheSessions: options.cacheSessions,
  });
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

/** Signs in through the demo route (the app must allow it) and returns the session token. */
export async function signInDemo(app: Hono<HonoEnv>, name: string): Promise<string> {
  const response = await app.request(`${ORIGIN}/api/auth/demo`, {
    method: 'POST',
    headers: sameOriginHeaders({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ name }),
  });
  return findCookie(response, 'session')!.value;
}
