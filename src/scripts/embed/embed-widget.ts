import { callApi } from '../api-client.ts';
import { el } from '../elements/dom.ts';
import { findNgo, type NgoName } from '../social/find-ngo.ts';
import { NGO_ID, readFollowedMessage } from './follow-message.ts';

type WidgetKind = 'follow' | 'badge' | 'pledge';
const KINDS: readonly WidgetKind[] = ['follow', 'badge', 'pledge'];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * `<jumo-embed>` on /embed/ngo/?id=&widget=, the page public/widget.js frames on NGOs' sites.
 * Inside another site's page Jumo's cookie is a third-party one: this page never needs it. It
 * shows public numbers (the stats API) and leaves everything that needs a person to a Jumo
 * window: Follow opens /follow/ (sign-in there, first-party), which answers by postMessage;
 * Pledge opens the NGO's page at its pledge form.
 */
class EmbedWidgetElement extends HTMLElement {
  #started = false;
  #ngo: NgoName | null = null;
  #popup: Window | null = null;
  #followers = el('span', { 'data-followers': '' });
  #supporters = el('span', { 'data-supporters': '' });
  #status = el('p', { className: 'status', role: 'status', 'aria-live': 'polite' });

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    const params = new URLSearchParams(location.search);
    const id = (params.get('id') ?? '').trim().toUpperCase();
    const kind = KINDS.find((k) => k === params.get('widget')) ?? 'badge';
    if (!NGO_ID.test(id)) return this.#fail('This widget names no NGO.');
    void findNgo(id).then((ngo) => {
      if (!ngo) return this.#fail('This widget’s NGO is not in Jumo’s directory.');
      this.#ngo = ngo;
      this.#render(kind, ngo);
      if (kind !== 'pledge') void this.#refresh();
    });
    window.addEventListener('message', (event) => {
      const message = readFollowedMessage(event, { origin: location.origin, source: this.#popup, ngoId: id });
      if (!message) return;
      this.#showFollowers(message.followers);
      this.#status.textContent = `You follow ${this.#ngo?.name ?? 'them'} on Jumo. Thank you!`;
    });
  }

  #fail(text: string): void {
    this.replaceChildren(el('p', { className: 'status' }, text, ' ', this.#jumoLink('/', 'Jumo')));
  }

  #jumoLink(path: string, text: string, className?: string): HTMLAnchorElement {
    return el('a', { href: path, target: '_blank', rel: 'noopener', className }, text);
  }

  #render(kind: WidgetKind, ngo: NgoName): void {
    const page = `/ngos/${ngo.slug}/`;
    const pledge = this.#jumoLink(`${page}?do=pledge#h-pledge`, 'Pledge', 'btn btn-quiet');
    pledge.setAttribute('aria-label', `Pledge a gift to ${ngo.name} on Jumo (opens a new window)`);
    if (kind === 'pledge') {
      pledge.textContent = 'Pledge a gift';
      return this.replaceChildren(el('div', { className: 'row' }, pledge, el('span', { className: 'by' }, 'on Jumo')));
    }
    const follow = el('button', { type: 'button', className: 'btn' }, 'Follow');
    follow.setAttribute('aria-label', `Follow ${ngo.name} on Jumo (opens a Jumo window)`);
    follow.addEventListener('click', () => this.#openFollowWindow(ngo));
    if (kind === 'follow') {
      // One row of room: the thanks is for screen readers; the count shows the change.
      this.#status.className = 'visually-hidden';
      return this.replaceChildren(el('div', { className: 'row' }, follow, this.#followers), this.#status);
    }
    this.replaceChildren(
      el('p', { className: 'name' }, this.#jumoLink(page, ngo.name)),
      el('p', { className: 'counts' }, this.#followers, ' · ', this.#supporters),
      el('div', { className: 'row' }, follow, pledge, el('span', { className: 'by' }, 'on Jumo')),
      this.#status,
    );
  }

  #openFollowWindow(ngo: NgoName): void {
    const url = `/follow/?ngo=${encodeURIComponent(ngo.id)}`;
    // A popup, not a tab: it closes itself when done and the person is back on the NGO's site.
    this.#popup = window.open(url, 'jumo-follow', 'popup,width=520,height=640');
    if (!this.#popup) {
      this.#status.replaceChildren('Your browser blocked the Jumo window: ', this.#jumoLink(url, 'open it here'), '.');
      return;
    }
    this.#popup.focus();
    // The window may end without a word (closed by hand, or its link cut on the way through
    // a sign-in): read the numbers again once it is gone.
    const popup = this.#popup;
    const watch = window.setInterval(() => {
      if (!popup.closed) return;
      window.clearInterval(watch);
      void this.#refresh();
    }, 500);
  }

  async #refresh(): Promise<void> {
    const answer = await callApi('getNgoStats', { params: { id: this.#ngo!.id } });
    if (!answer.ok) return;
    this.#showFollowers(answer.data.followers);
    this.#supporters.textContent = plural(answer.data.supporters, 'supporter', 'supporters');
  }

  #showFollowers(followers: number): void {
    this.#followers.textContent = plural(followers, 'follower', 'followers');
  }
}

if (!customElements.get('jumo-embed')) customElements.define('jumo-embed', EmbedWidgetElement);
