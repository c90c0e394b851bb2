import './engage.css';
import { api, errorMessage } from './dom.ts';
import { renderOpportunity, type Opportunity } from './ngo-news.ts';

type Row = Opportunity & { ngo: { id: string; name: string | null; slug: string | null } };

/** /volunteer/: open opportunities for the filters in the URL (the form is a plain GET form). */
export async function mount(root: HTMLElement): Promise<void> {
  const list = root.querySelector<HTMLUListElement>('[data-vol-list]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-vol-more]')!;
  const status = root.querySelector<HTMLElement>('[data-vol-status]')!;
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const key of ['cause', 'country', 'remote']) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  const signedIn = (await api('GET', '/api/me')).ok;
  let cursor: string | null = null;

  async function load(): Promise<void> {
    more.disabled = true;
    if (cursor) query.set('cursor', cursor);
    const result = await api<{ opportunities: Row[]; nextCursor: string | null }>('GET', `/api/opportunities?${query}`);
    more.disabled = false;
    if (!result.ok) {
      status.textContent = errorMessage(result);
      return;
    }
    for (const o of result.body.opportunities) list.append(renderOpportunity(o, signedIn, o.ngo));
    cursor = result.body.nextCursor;
    more.hidden = cursor === null;
    status.textContent = list.children.length ? `${list.children.length} opportunities shown.` : 'No open opportunities match these filters yet.';
  }
  more.onclick = () => void load();
  await load();
}
