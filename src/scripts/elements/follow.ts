import { callApi } from '../api-client.ts';
import { loadStats, type StatsKind } from '../social/stats.ts';
import { onViewer, signInThen, takePendingAction, type Viewer } from '../social/viewer.ts';
import { el } from './dom.ts';

const countFollowers = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'follower' : 'followers'}`;

/**
 * `<jumo-follow data-kind="ngo|cause" data-id data-name>` over FollowButton.astro's markup: the
 * sign-in link becomes a toggle button that shows the viewer's state, changes at once (rolled
 * back with a message if the API refuses) and, signed out, goes through sign-in first. Tells
 * the stats panel the new count with a `jumo:followers` event.
 */
class FollowElement extends HTMLElement {
  #started = false;
  #button = el('button', { type: 'button', className: 'btn btn-quiet' });
  #viewer: Viewer | null | undefined;
  #following = false;
  #busy = false;

  get #kind(): StatsKind {
    return this.dataset.kind === 'cause' ? 'cause' : 'ngo';
  }

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    this.querySelector('[data-follow-button]')?.replaceWith(this.#button);
    this.#button.addEventListener('click', () => {
      if (this.#viewer === null) return signInThen('follow');
      void this.#change(!this.#following);
    });
    this.#render();
    void loadStats(this.#kind, this.dataset.id!).then((answer) => {
      if (!answer.ok) return;
      if (!this.#busy && answer.data.viewerFollows !== null) this.#show(answer.data.viewerFollows);
      this.#showCount(answer.data.followers);
    });
    onViewer((viewer) => this.#meet(viewer));
  }

  #meet(viewer: Viewer | null): void {
    this.#viewer = viewer;
    if (!viewer) return this.#show(false);
    const pending = takePendingAction('follow');
    if (pending === 'resume') return void this.#change(true);
    if (pending === 'ask') this.#button.focus();
    // Stats read before a sign-in on this page do not know the viewer: ask again then.
    const kind = this.#kind;
    const id = this.dataset.id!;
    void loadStats(kind, id).then(async (first) => {
      const answer = first.ok && first.data.viewerFollows === null ? await loadStats(kind, id, true) : first;
      if (answer.ok && !this.#busy && answer.data.viewerFollows !== null) this.#show(answer.data.viewerFollows);
    });
  }

  #show(following: boolean): void {
    this.#following = following;
    this.#render();
  }

  #render(): void {
    const name = this.dataset.name ?? '';
    this.#button.textContent = this.#following ? 'Following' : 'Follow';
    this.#button.setAttribute('aria-pressed', String(this.#following));
    this.#button.title = this.#following ? `Stop following ${name}` : `Follow ${name}`;
  }

  #showCount(followers: number): void {
    const count = this.querySelector('[data-follow-count]');
    if (count) count.textContent = countFollowers(followers);
  }

  #say(text: string, offerShare = false): void {
    const status = this.querySelector('[data-follow-status]')!;
    status.textContent = text;
    if (offerShare && document.getElementById('share'))
      status.append(' ', el('a', { href: '#share' }, 'Tell your friends'));
  }

  async #change(follow: boolean): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    const before = this.#following;
    this.#show(follow);
    this.#say('');
    const id = this.dataset.id!;
    const answer =
      this.#kind === 'cause'
        ? await callApi(follow ? 'followCause' : 'unfollowCause', { params: { cause: id } })
        : await callApi(follow ? 'followNgo' : 'unfollowNgo', { params: { id } });
    this.#busy = false;
    if (!answer.ok) {
      this.#show(before);
      return this.#say(`Could not ${follow ? 'follow' : 'unfollow'}: ${answer.message}`);
    }
    const result = answer.data;
    this.#show(result.following);
    this.#showCount(result.followers);
    document.dispatchEvent(
      new CustomEvent('jumo:followers', { detail: { kind: this.#kind, id, followers: result.followers } }),
    );
    const who = this.dataset.name ?? '';
    this.#say(result.following ? `You follow ${who}.` : `You no longer follow ${who}.`, result.following);
  }
}

if (!customElements.get('jumo-follow')) customElements.define('jumo-follow', FollowElement);
