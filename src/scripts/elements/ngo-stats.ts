import { callApi } from '../api-client.ts';
import { formatMinor } from '../display-format.ts';
import { loadStats, type NgoStats } from '../social/stats.ts';
import { onViewer, type Viewer } from '../social/viewer.ts';
import { el } from './dom.ts';

const DISMISSED = 'jumo:friends-offer';
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * `<jumo-ngo-stats data-ngo-id>` over NgoStats.astro's hidden panel: fills and shows it from the
 * page's one stats request, refreshes it after a pledge and on a follow (`jumo:pledged`,
 * `jumo:followers`), and, for a Facebook user, names friends who follow the NGO or offers once
 * to look them up.
 */
class NgoStatsElement extends HTMLElement {
  #started = false;

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-${name}]`)!;
  }

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    const ngoId = this.dataset.ngoId!;
    const refresh = (fresh: boolean) =>
      void loadStats('ngo', ngoId, fresh).then((answer) => {
        if (answer.ok) this.#show(answer.data);
      });
    refresh(false);
    document.addEventListener('jumo:pledged', () => refresh(true));
    document.addEventListener('jumo:followers', (event) => {
      const detail = (event as CustomEvent<{ id: string; followers: number }>).detail;
      if (detail.id === ngoId) this.#part('followers').textContent = detail.followers.toLocaleString('en');
    });
    onViewer((viewer) => void this.#showFriends(viewer));
  }

  #show(stats: NgoStats): void {
    this.#part('followers').textContent = stats.followers.toLocaleString('en');
    this.#part('supporters').textContent = stats.supporters
      ? plural(stats.supporters, 'person has pledged', 'people have pledged')
      : 'No pledges yet';
    const totals = stats.pledges.totals.flatMap((t) => [
      ...(t.onceMinor > 0 ? [formatMinor(t.onceMinor, t.currency)] : []),
      ...(t.monthlyMinor > 0 ? [`${formatMinor(t.monthlyMinor, t.currency)} a month`] : []),
    ]);
    this.#part('totals-list').replaceChildren(...totals.map((t) => el('li', {}, t)));
    this.#part('totals').hidden = totals.length === 0;
    this.#part('recent-list').replaceChildren(
      ...stats.recent.map((r) =>
        el(
          'li',
          {},
          `${r.name}: ${formatMinor(r.amountMinor, r.currency)}${r.recurrence === 'monthly' ? ' a month' : ''}`,
        ),
      ),
    );
    this.#part('recent').hidden = stats.recent.length === 0;
    this.#part('ngo-stats').hidden = false;
  }

  async #showFriends(viewer: Viewer | null): Promise<void> {
    const line = this.#part('friends');
    const ask = this.#part('friends-ask');
    line.hidden = true;
    ask.hidden = true;
    // Friends come from Facebook only: demo accounts have none, so nothing is shown.
    if (!viewer || viewer.provider !== 'facebook') return;
    const answer = await callApi('listNgoFriends', { params: { id: this.dataset.ngoId! } });
    if (!answer.ok) return;
    const friends = answer.data;
    if (friends.enabled) {
      if (friends.count === 0) return;
      line.textContent = `${plural(friends.count, 'of your friends follows', 'of your friends follow')} this: ${friends.friends.map((f) => f.name).join(', ')}.`;
      line.hidden = false;
      return;
    }
    // Ask at most once, and never after "No thanks".
    if (localStorage.getItem(DISMISSED)) return;
    const link = this.#part<HTMLAnchorElement>('friends-link');
    link.href = `/api/auth/facebook?friends=1&next=${encodeURIComponent(location.pathname)}`;
    link.onclick = () => localStorage.setItem(DISMISSED, 'asked');
    this.#part('friends-dismiss').onclick = () => {
      localStorage.setItem(DISMISSED, 'dismissed');
      ask.hidden = true;
    };
    ask.hidden = false;
  }
}

if (!customElements.get('jumo-ngo-stats')) customElements.define('jumo-ngo-stats', NgoStatsElement);
