import { callApi } from '../api-client.ts';
import { el } from '../elements/dom.ts';
import { findNgo, type NgoName } from '../social/find-ngo.ts';
import { loadAuthProviders, onViewer, type Viewer } from '../social/viewer.ts';
import { NGO_ID, createFollowedMessage } from './follow-message.ts';

/**
 * `<jumo-follow-window>` on /follow/?ngo=<id>, the Jumo window a widget's Follow button opens
 * (first-party, so sign-in and the session cookie work as anywhere on Jumo). Signed out: the
 * header's sign-in, which comes back here. Signed in: a "Follow" button. Only that click
 * follows: the address alone, which anyone can send, changes nothing. Then it tells the widget
 * that opened it (postMessage to Jumo's own origin only) and closes.
 */
class FollowWindowElement extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    const id = (new URLSearchParams(location.search).get('ngo') ?? '').trim().toUpperCase();
    if (!NGO_ID.test(id)) return this.#say('This link names no NGO.');
    void findNgo(id).then((ngo) => {
      if (!ngo) return this.#say('This NGO is not in Jumo’s directory.');
      const heading = document.querySelector('[data-follow-heading]');
      if (heading) heading.textContent = `Follow ${ngo.name} on Jumo`;
      onViewer((viewer) => void this.#show(ngo, viewer));
    });
  }

  #say(...kids: (Node | string)[]): void {
    this.replaceChildren(el('p', { role: 'status' }, ...kids));
  }

  async #show(ngo: NgoName, viewer: Viewer | null): Promise<void> {
    if (!viewer) {
      const providers = await loadAuthProviders();
      const here = location.pathname + location.search;
      const parts = [
        el('p', {}, `Sign in to follow ${ngo.name}: you will get its news in your Jumo feed.`),
        providers.facebook &&
          el(
            'p',
            {},
            el(
              'a',
              { className: 'btn btn-primary', href: `/api/auth/facebook?next=${encodeURIComponent(here)}` },
              'Sign in with Facebook',
            ),
          ),
        providers.demo && el('p', {}, 'Or use “Sign in (local demo)” at the top of this window.'),
      ];
      return this.replaceChildren(...parts.filter((part): part is HTMLParagraphElement => !!part));
    }
    const button = el('button', { type: 'button', className: 'btn btn-primary' }, `Follow ${ngo.name}`);
    const status = el('p', { role: 'status', 'aria-live': 'polite' });
    button.addEventListener('click', () => void this.#follow(ngo, button, status));
    this.replaceChildren(
      el('p', {}, `Signed in as ${viewer.name}. Follow ${ngo.name} to get its news in your Jumo feed.`),
      el('p', {}, button),
      status,
      el(
        'p',
        { className: 'muted' },
        'You can stop following at any time from ',
        el('a', { href: '/me/' }, 'My Jumo'),
        '.',
      ),
    );
    button.focus();
  }

  async #follow(ngo: NgoName, button: HTMLButtonElement, status: HTMLElement): Promise<void> {
    button.disabled = true;
    status.textContent = '';
    const answer = await callApi('followNgo', { params: { id: ngo.id } });
    if (!answer.ok) {
      button.disabled = false;
      status.textContent = `Could not follow: ${answer.message}`;
      return;
    }
    const opener = window.opener as Window | null;
    if (opener) {
      // Jumo's origin only: the widget is our page; nobody else hears who followed.
      opener.postMessage(createFollowedMessage(ngo.id, answer.data.followers), location.origin);
      window.close();
    }
    // Opened on its own (or closing refused): say so here.
    this.#say(`You follow ${ngo.name}. `, el('a', { href: `/ngos/${ngo.slug}/` }, `See ${ngo.name} on Jumo`), '.');
  }
}

if (!customElements.get('jumo-follow-window')) customElements.define('jumo-follow-window', FollowWindowElement);
