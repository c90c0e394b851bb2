import { callApi, type ApiResult } from '../api-client.ts';

/**
 * Who is signed in, for every island of the page: the header's user menu asks /api/me once and
 * announces the answer here (announceViewer); islands subscribe instead of fetching it again, and
 * a late subscriber (a lazily loaded island) gets the last announcement at once. It is also a
 * `jumo:user` event on document (detail: the user or null) for code outside these modules.
 */
export type Viewer = ApiResult<'getMe'>['user'];

let current: Viewer | null | undefined;
const listeners = new Set<(viewer: Viewer | null) => void>();

document.addEventListener('jumo:user', (event) => {
  current = (event as CustomEvent<Viewer | null>).detail ?? null;
  for (const listener of listeners) listener(current);
});

/** The user menu's answer: signed in as `viewer`, or signed out (null). */
export function announceViewer(viewer: Viewer | null): void {
  document.dispatchEvent(new CustomEvent('jumo:user', { detail: viewer }));
}

/** Calls `listener` with every announcement (and the last one at once); returns the unsubscribe. */
export function onViewer(listener: (viewer: Viewer | null) => void): () => void {
  listeners.add(listener);
  if (current !== undefined) listener(current);
  return () => listeners.delete(listener);
}

/** undefined until the user menu has said. */
export function getViewer(): Viewer | null | undefined {
  return current;
}

const PENDING_KEY = 'jumo:pending';
const PROVIDERS_KEY = 'jumo:providers';

type AuthProviders = ApiResult<'getAuthProviders'>;

function readCachedProviders(): AuthProviders | null {
  try {
    return JSON.parse(sessionStorage.getItem(PROVIDERS_KEY) ?? 'null') as AuthProviders | null;
  } catch {
    return null;
  }
}

/**
 * Which sign-ins this server offers, asked once per tab (it changes only with the server's
 * config). Unknown (API down): Facebook only, the sign-in every deployment has.
 */
export async function loadAuthProviders(): Promise<AuthProviders> {
  const cached = readCachedProviders();
  if (cached) return cached;
  const answer = await callApi('getAuthProviders');
  if (!answer.ok) return { facebook: true, demo: false };
  const providers = answer.data;
  try {
    sessionStorage.setItem(PROVIDERS_KEY, JSON.stringify(providers));
  } catch {
    // Storage off: ask again on the next page.
  }
  return providers;
}

/**
 * What to do about `?do=<action>` once the person is signed in. `resume` only when this tab's
 * page sent them to sign in for it: signInThen left a record naming the action and this path
 * (sessionStorage is per tab and per origin, so another site's link cannot leave one), and it
 * is used up here. A bare `?do=` link, which anyone can send, gets `ask`: the island points at
 * its button and the person decides. `?do=` leaves the address bar so a reload repeats nothing.
 */
export function takePendingAction(action: string): 'resume' | 'ask' | null {
  const url = new URL(location.href);
  if (url.searchParams.get('do') !== action) return null;
  url.searchParams.delete('do');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  let pending: { action?: string; path?: string; at?: number } | null = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  } catch {
    // Storage off or a garbled record: nothing was asked for that we can prove.
  }
  // Ten minutes, like the sign-in attempt itself.
  if (pending?.action !== action || pending.path !== url.pathname || !(Date.now() - (pending.at ?? 0) < 600_000))
    return 'ask';
  sessionStorage.removeItem(PENDING_KEY);
  return 'resume';
}

/**
 * Send a signed-out person through sign-in and back here with `?do=<action>`, leaving the
 * single-use record that lets takePendingAction resume it. With Facebook
 * Login that is a redirect; in the local demo (Facebook off) the header's demo form opens
 * and the island finishes the action on the `jumo:user` that follows.
 */
export function signInThen(action: string): void {
  const url = new URL(location.href);
  url.searchParams.set('do', action);
  const next = url.pathname + url.search + url.hash;
  try {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ action, path: url.pathname, at: Date.now() }));
  } catch {
    // Storage off: sign-in still works, and the person presses the button again on return.
  }
  // No answer yet: the Facebook redirect below is the safe default.
  const providers = readCachedProviders();
  const demoButton = document.querySelector<HTMLButtonElement>('[data-user-menu] button[aria-expanded]');
  if (providers?.demo && !providers.facebook && demoButton) {
    history.replaceState(history.state, '', next);
    if (demoButton.getAttribute('aria-expanded') !== 'true') demoButton.click();
    return;
  }
  location.assign(`/api/auth/facebook?next=${encodeURIComponent(next)}`);
}
