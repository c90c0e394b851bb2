import { callApi } from '../api-client.ts';
import { announceViewer, loadAuthProviders, type Viewer } from '../social/viewer.ts';
import { el } from './dom.ts';

/**
 * `<jumo-user-menu>` over UserMenu.astro's plain sign-in link: asks /api/me once for the whole
 * page and announces the answer to the other islands (announceViewer). Signed in: picture,
 * name and "Sign out". Signed out: "Sign in with Facebook", plus the local demo's sign-in form
 * (a popover) where the server offers it. API down: the plain link stays.
 */
class UserMenuElement extends HTMLElement {
  #started = false;

  async connectedCallback(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const answer = await callApi('getMe');
    if (answer.ok) this.#showUser(answer.data.user);
    else if (answer.status === 401) await this.#showSignedOut();
  }

  #showUser(user: Viewer): void {
    const out = el('button', { type: 'button' }, 'Sign out');
    out.onclick = async () => {
      out.disabled = true;
      const answer = await callApi('signOut');
      out.disabled = false;
      if (answer.ok) void this.#showSignedOut();
    };
    const picture = user.pictureUrl?.startsWith('https://')
      ? [
          el('img', {
            className: 'um-pic',
            src: user.pictureUrl,
            alt: '',
            width: 28,
            height: 28,
            referrerPolicy: 'no-referrer',
          }),
        ]
      : [];
    this.replaceChildren(...picture, el('span', { className: 'um-name', title: user.name }, user.name), out);
    announceViewer(user);
  }

  async #showSignedOut(): Promise<void> {
    announceViewer(null);
    const here = location.pathname + location.search;
    const link = el(
      'a',
      { className: 'um-link', href: `/api/auth/facebook?next=${encodeURIComponent(here)}`, rel: 'nofollow' },
      'Sign in with Facebook',
    );
    const providers = await loadAuthProviders();
    if (!providers.demo) return this.replaceChildren(link);
    const input = el('input', { name: 'name', required: true, maxLength: 60, autocomplete: 'nickname' });
    const error = el('p', { className: 'um-err', hidden: true });
    const form = el(
      'form',
      { hidden: true },
      el('label', {}, 'Your name (local demo account)', input),
      el('button', { type: 'submit' }, 'Sign in'),
      error,
    );
    const open = el('button', { type: 'button', 'aria-expanded': 'false' }, 'Sign in (local demo)');
    const toggle = (show: boolean) => {
      form.hidden = !show;
      open.setAttribute('aria-expanded', String(show));
      if (show) input.focus();
    };
    open.onclick = () => toggle(form.hidden);
    form.onkeydown = (event) => {
      if (event.key !== 'Escape') return;
      toggle(false);
      open.focus();
    };
    form.onsubmit = async (event) => {
      event.preventDefault();
      const answer = await callApi('signInDemo', { body: { name: input.value } });
      if (answer.ok && answer.data?.user) return this.#showUser(answer.data.user);
      error.textContent = (!answer.ok && answer.error?.message) || 'Could not sign in. Try again.';
      error.hidden = false;
    };
    this.replaceChildren(...(providers.facebook ? [link] : []), open, form);
  }
}

if (!customElements.get('jumo-user-menu')) customElements.define('jumo-user-menu', UserMenuElement);
