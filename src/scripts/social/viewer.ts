/**
 * The signed-in person as the header UserMenu announces it (`jumo:user` on document, detail:
 * the user or null). Islands subscribe here instead of fetching /api/me again; a late
 * subscriber (a lazily loaded island) gets the last announcement at once.
 */
export type Viewer = { id: string; name: string; pictureUrl: string | null; provider: 'facebook' | 'demo' };

/** The UserMenu also leaves its last announcement on globalThis for modules that load late. */
let current: Viewer | null | undefined = (globalThis as { jumoUser?: Viewer | null }).jumoUser;
const listeners = new Set<(viewer: Viewer | null) => void>();

document.addEventListener('jumo:user', (event) => {
  current = (event as CustomEvent<Viewer | null>).detail ?? null;
  for (const listener of listeners) listener(current);
});

export function onViewer(listener: (viewer: Viewer | null) => void): void {
  listeners.add(listener);
  if (current !== undefined) listener(current);
}

export function getViewer(): Viewer | null | undefined {
  return current;
}

/** Which action to finish after sign-in: `?do=follow`, `?do=pledge`. */
export function readPendingAction(): string | null {
  return new URLSearchParams(location.search).get('do');
}

/** Drop `?do=…` once handled, so a reload does not repeat it. */
export function clearPendingAction(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('do')) return;
  url.searchParams.delete('do');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/**
 * Send a signed-out person through sign-in and back here with `?do=<action>`. With Facebook
 * Login that is a redirect; in the local demo (Facebook off) the header's demo form opens
 * and the island finishes the action on the `jumo:user` that follows.
 */
export function signInThen(action: string): void {
  const url = new URL(location.href);
  url.searchParams.set('do', action);
  const next = url.pathname + url.search + url.hash;
  let providers: { facebook?: boolean; demo?: boolean } = {};
  try {
    providers = JSON.parse(sessionStorage.getItem('jumo:providers') ?? '{}');
  } catch {}
  const demoButton = document.querySelector<HTMLButtonElement>('[data-user-menu] button[aria-expanded]');
  if (providers.demo && !providers.facebook && demoButton) {
    history.replaceState(history.state, '', next);
    if (demoButton.getAttribute('aria-expanded') !== 'true') demoButton.click();
    return;
  }
  location.assign(`/api/auth/facebook?next=${encodeURIComponent(next)}`);
}
