import type { Hono } from 'hono';
import { grantAdmin } from '../../db/admins.ts';
import type { Database } from '../../db/client.ts';
import { syncNgoDirectoryFromContent } from '../../db/sync-ngo-directory.ts';
import type { HonoEnv } from '../../functions/context.ts';
import { createTestApp, findCookie, ORIGIN, sameOriginHeaders } from './app.ts';

export const FIXTURE_CONTENT_DIR = 'test/fixtures/ngos';

export type Actor = { token: string | null; id: string; name: string };

/**
 * An app on a database holding the fixture NGOs (ngo_directory), plus request helpers for
 * signed-in actors. Demo sign-in makes users; admins are granted through db/admins.ts, as
 * `npm run admin -- grant` does.
 */
export async function createEngageHarness(db: Database, options: { contentLimit?: number; now?: () => Date } = {}) {
  await syncNgoDirectoryFromContent(db, FIXTURE_CONTENT_DIR);
  const app: Hono<HonoEnv> = createTestApp({
    db,
    allowDemoSignIn: true,
    now: options.now,
    rateLimits: {
      signIn: { limit: 10_000, windowSeconds: 60 },
      write: { limit: 10_000, windowSeconds: 60 },
      content: { limit: options.contentLimit ?? 10_000, windowSeconds: 600 },
    },
  });

  async function signIn(name: string): Promise<Actor> {
    const response = await app.request(`${ORIGIN}/api/auth/demo`, {
      method: 'POST',
      headers: sameOriginHeaders({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ name }),
    });
    const body = (await response.json()) as { user: { id: string; name: string } };
    return { token: findCookie(response, 'session')!.value, id: body.user.id, name: body.user.name };
  }

  async function makeAdmin(name: string): Promise<Actor> {
    const actor = await signIn(name);
    await grantAdmin(db, actor.id, new Date());
    return actor;
  }

  /** A request as `actor` (null: signed out), same-origin like a page of the site. */
  function send(method: string, path: string, actor: Actor | null, body?: unknown, extra: Record<string, string> = {}) {
    return app.request(`${ORIGIN}${path}`, {
      method,
      headers: sameOriginHeaders({
        ...(actor?.token ? { Cookie: `session=${actor.token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...extra,
      }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function json<T = any>(method: string, path: string, actor: Actor | null, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await send(method, path, actor, body);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Claim an NGO and have `admin` approve it: `actor` becomes a manager. */
  async function makeManager(actor: Actor, ngoId: string, admin: Actor): Promise<void> {
    const claim = await json('POST', `/api/ngos/${ngoId}/claims`, actor, { role: 'Director', workEmail: `${actor.name.replace(/\W/g, '')}@example.org` });
    const decided = await json('POST', `/api/admin/claims/${claim.body.claim.id}/decision`, admin, { decision: 'approve' });
    if (decided.status !== 200) throw new Error(`approve failed: ${JSON.stringify(decided.body)}`);
  }

  return { app, signIn, makeAdmin, send, json, makeManager };
}
