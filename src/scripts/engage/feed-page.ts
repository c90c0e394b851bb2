import './engage.css';
import { api, errorMessage } from './dom.ts';
import { renderOpportunity, renderPost, type Opportunity } from './ngo-news.ts';

type FeedNgo = { id: string; name: string | null; slug: string | null };
type Item =
  | { kind: 'post'; ngo: FeedNgo; post: Parameters<typeof renderPost>[0] }
  | { kind: 'opportunity'; ngo: FeedNgo; opportunity: Opportunity };

/** /feed/: the signed-in user's feed, 20 at a time, "Show more" follows the cursor. */
export async function mount(root: HTMLElement): Promise<void> {
  const list = root.querySelector<HTMLUListElement>('[data-feed-list]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-feed-more]')!;
  const status = root.querySelector<HTMLElement>('[data-feed-status]')!;
  const signedOut = root.querySelector<HTMLElement>('[data-feed-signed-out]')!;
  const empty = root.querySelector<HTMLElement>('[data-feed-empty]')!;
  let cursor: string | null = null;

  async function load(): Promise<void> {
    more.disabled = true;
    status.textContent = 'Loading…';
    const result = await api<{ items: Item[]; nextCursor: string | null }>('GET', `/api/feed${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    more.disabled = false;
    if (result.status === 401) {
      signedOut.hidden = false;
      status.textContent = '';
      return;
    }
    if (!result.ok) {
      status.textContent = errorMessage(result);
      return;
    }
    signedOut.hidden = true;
    const items = result.body.items;
    if (!cursor && items.length === 0) empty.hidden = false;
    for (const item of items) {
      list.append(item.kind === 'post' ? renderPost(item.post, true, item.ngo) : renderOpportunity(item.opportunity, true, item.ngo));
    }
    cursor = result.body.nextCursor;
    more.hidden = cursor === null;
    status.textContent = items.length ? `${list.children.length} items shown.` : '';
  }
  more.onclick = () => void load();
  await load();
}
