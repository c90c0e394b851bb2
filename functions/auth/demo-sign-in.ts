import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Database } from '../../db/client.ts';
import { isAdmin, listAdmins } from '../../db/admins.ts';
import { ngoClaims } from '../../db/schema.ts';

/**
 * The local demo sign-in (`npm start` without a Facebook app) lets anyone become anyone by
 * typing a name, so it is for the computer it runs on and nobody else. These rules decide
 * who may use it; functions/routes/auth.ts applies them.
 */

/** Whether a dotted IPv4 address is in 127.0.0.0/8. */
function isLoopbackIpv4(address: string): boolean {
  const parts = address.split('.');
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
  );
}

/**
 * A socket's remote address on this machine: 127.0.0.0/8, `::1`, or 127.x mapped into IPv6
 * (`::ffff:127.0.0.1`, how a dual-stack socket reports it). Anything else, unparsed forms
 * included, is not.
 */
export function isLoopbackAddress(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  return isLoopbackIpv4(lower.startsWith('::ffff:') ? lower.slice('::ffff:'.length) : lower);
}

/**
 * A Host naming this machine: `localhost`, `127.x.x.x` or `[::1]`, with any port. A DNS name
 * that merely resolves to 127.0.0.1 (DNS rebinding) is not one.
 */
export function isLoopbackHost(host: string): boolean {
  const match = /^(.+?)(?::\d{1,5})?$/.exec(host.toLowerCase());
  const name = match?.[1] ?? '';
  return name === 'localhost' || name === '[::1]' || isLoopbackIpv4(name);
}

/** `HOST` for `npm start` (a listen address, so without brackets or port). */
export function isLoopbackListenAddress(host: string): boolean {
  const lower = host.trim().toLowerCase();
  return lower === 'localhost' || isLoopbackAddress(lower.replace(/^\[(.*)\]$/, '$1'));
}

/**
 * Whether the Node entry offers the demo at all: `DEMO_SIGN_IN=0` never, `1` always, and by
 * default only while it listens on loopback (a server open to the network is not a local trial).
 */
export function isDemoSignInEnabled(listenAddress: string, setting: '0' | '1' | undefined): boolean {
  if (setting !== undefined) return setting === '1';
  return isLoopbackListenAddress(listenAddress);
}

/** Headers a proxy adds when it passes on someone else's request. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'cf-connecting-ip', 'via'];

/**
 * Whether this request comes from a browser on this machine: a loopback socket, a loopback
 * Host (both the header and the URL the adapter built, which can come from an absolute
 * request target), a loopback Origin when one is sent, and no sign of a proxy in between.
 */
export function isLocalRequest(c: Context, clientIp: string): boolean {
  if (!isLoopbackAddress(clientIp)) return false;
  const hostHeader = c.req.header('host');
  if (hostHeader !== undefined && !isLoopbackHost(hostHeader)) return false;
  if (!isLoopbackHost(new URL(c.req.url).host)) return false;
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return false;
    }
    if (!isLoopbackHost(originHost)) return false;
  }
  return !FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined);
}

/** Names compared the way people read them: case, spacing and look-alike forms ignored. */
function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Whether a demo sign-in as `name` would reach administrator rights or pass for an admin: the
 * demo account with this name is a site admin, or has decided a claim (what only an admin can
 * do: a revoked grant leaves no row in site_admins, but that trace stays), or a current admin
 * of any provider bears this name.
 */
export async function isAdminDemoName(db: Database, name: string, demoUserId: string | null): Promise<boolean> {
  if (demoUserId !== null) {
    if (await isAdmin(db, demoUserId)) return true;
    const [decided] = await db
      .select({ id: ngoClaims.id })
      .from(ngoClaims)
      .where(eq(ngoClaims.decidedBy, demoUserId))
      .limit(1);
    if (decided) return true;
  }
  const wanted = normaliseName(name);
  return (await listAdmins(db)).some((admin) => normaliseName(admin.name) === wanted);
}
