import { CAUSES } from '../../../model/causes.ts';
import { getNgoIndexPath, getNgoIndexShard, type NgoIndexShard } from '../../lib/ngo-index.ts';
import { callApi, formatMinor } from './api.ts';
import { onViewer } from './viewer.ts';

/**
 * My Jumo: follows and pledges from the API (ids only), NGO names from the build's
 * /ngo-index/ shards, causes from the taxonomy. Unfollow, mark given, cancel, export, delete.
 */

type Follows = { ngos: { id: string }[]; causes: { id: string }[] };
type Pledge = {
  id: string;
  ngoId: string;
  amount: number;
  currency: string;
  recurrence: 'once' | 'monthly';
  visibility: 'public' | 'anonymous';
  status: 'active' | 'fulfilled' | 'cancelled';
  createdAt: string;
};

const root = document.querySelector<HTMLElement>('[data-my-jumo]')!;
const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
const status = $('[data-me-status]');
const causeNames = new Map<string, string>(CAUSES.map((c) => [c.id, c.name]));
const shards = new Map<number, Promise<NgoIndexShard>>();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...kids: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...kids);
  return node;
}

async function lookUpNgos(ids: string[]): Promise<Map<string, { slug: string; name: string }>> {
  const found = new Map<string, { slug: string; name: string }>();
  await Promise.all(
    [...new Set(ids.map(getNgoIndexShard))].map(async (shard) => {
      let request = shards.get(shard);
      if (!request) {
        request = fetch(getNgoIndexPath(shard)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
        shards.set(shard, request);
      }
      const entries = await request;
      for (const id of ids) if (entries[id]) found.set(id, { slug: entries[id]![0], name: entries[id]![1] });
    }),
  );
  return found;
}

function ngoLink(id: string, names: Map<string, { slug: string; name: string }>): Node {
  const ngo = names.get(id);
  return ngo ? el('a', { href: `/ngos/${ngo.slug}/`, textContent: ngo.name }) : el('span', { textContent: id });
}

function renderFollows(follows: Follows, names: Map<string, { slug: string; name: string }>) {
  const row = (label: Node, name: string, path: string, li?: HTMLLIElement): HTMLLIElement => {
    const item = li ?? el('li', { className: 'card' });
    const button = el('button', { type: 'button', className: 'linkish', textContent: 'Unfollow' }) as HTMLButtonElement;
    button.setAttribute('aria-label', `Unfollow ${name}`);
    button.onclick = async () => {
      button.disabled = true;
      const result = await callApi('DELETE', path);
      if (!result.ok) {
        button.disabled = false;
        status.textContent = `Could not unfollow ${name}: ${result.message}`;
        return;
      }
      const list = item.parentElement!;
      item.remove();
      if (!list.children.length) list.append(el('li', { className: 'muted', textContent: 'Nothing yet.' }));
      status.textContent = `You no longer follow ${name}.`;
    };
    item.replaceChildren(label, button);
    return item;
  };
  const ngos = follows.ngos.map((f) => {
    const label = ngoLink(f.id, names);
    return row(label, label.textContent ?? f.id, `/api/follows/ngos/${f.id}`);
  });
  const causes = follows.causes.map((f) => {
    const name = causeNames.get(f.id) ?? f.id;
    return row(el('a', { href: `/causes/${f.id}/`, textContent: name }), name, `/api/follows/causes/${f.id}`);
  });
  const empty = (what: string) => el('li', { className: 'muted', textContent: `None yet: ${what}` });
  $('[data-me-ngos]').replaceChildren(...(ngos.length ? ngos : [empty('follow an NGO from its page.')]));
  $('[data-me-causes]').replaceChildren(...(causes.length ? causes : [empty('follow a cause from its page.')]));
}

function renderTotals(pledges: Pledge[]) {
  const totals = new Map<string, { once: number; monthly: number }>();
  for (const p of pledges) {
    if (p.status === 'cancelled') continue;
    const t = totals.get(p.currency) ?? { once: 0, monthly: 0 };
    if (p.recurrence === 'monthly') t.monthly += p.amount;
    else t.once += p.amount;
    totals.set(p.currency, t);
  }
  const parts = [...totals].flatMap(([currency, t]) => [
    ...(t.once ? [formatMinor(t.once, currency)] : []),
    ...(t.monthly ? [`${formatMinor(t.monthly, currency)} a month`] : []),
  ]);
  $('[data-me-totals]').textContent = parts.length ? `In all you have pledged ${parts.join(', ')}.` : '';
}

function renderPledges(pledges: Pledge[], names: Map<string, { slug: string; name: string }>) {
  renderTotals(pledges);
  const items = pledges.map((p) => {
    const li = el('li', { className: 'card' });
    const draw = () => {
      const amount = `${formatMinor(p.amount, p.currency)}${p.recurrence === 'monthly' ? ' a month' : ' once'}`;
      const state = p.status === 'active' ? (p.recurrence === 'monthly' ? 'active' : 'to give') : p.status === 'fulfilled' ? 'given' : 'cancelled';
      const text = el('span', {}, ngoLink(p.ngoId, names), ` · ${amount} · ${state}${p.visibility === 'anonymous' ? ' · anonymous' : ''} · ${new Date(p.createdAt).toLocaleDateString('en-GB')}`);
      const actions = el('span');
      if (p.status === 'active') {
        const act = (label: string, next: 'fulfilled' | 'cancelled') => {
          const b = el('button', { type: 'button', className: 'linkish', textContent: label }) as HTMLButtonElement;
          b.onclick = async () => {
            b.disabled = true;
            const result = await callApi<{ pledge: Pledge }>('PATCH', `/api/pledges/${p.id}`, { status: next });
            if (!result.ok) {
              b.disabled = false;
              status.textContent = `Could not update the pledge: ${result.message}`;
              return;
            }
            p.status = result.data.pledge.status;
            draw();
            renderTotals(pledges);
            status.textContent = next === 'fulfilled' ? 'Marked as given. Thank you!' : 'Pledge cancelled.';
          };
          return b;
        };
        actions.append(act('Mark as given', 'fulfilled'), act(p.recurrence === 'monthly' ? 'Stop monthly pledge' : 'Cancel pledge', 'cancelled'));
      }
      li.replaceChildren(text, actions);
    };
    draw();
    return li;
  });
  $('[data-me-pledges]').replaceChildren(...(items.length ? items : [el('li', { className: 'muted', textContent: 'No pledges yet: pledge from an NGO’s page.' })]));
}

async function show() {
  const [follows, pledges] = await Promise.all([
    callApi<Follows>('GET', '/api/me/follows'),
    callApi<{ pledges: Pledge[] }>('GET', '/api/me/pledges'),
  ]);
  if (!follows.ok || !pledges.ok) {
    status.textContent = `Could not load My Jumo: ${(!follows.ok && follows.message) || (!pledges.ok && pledges.message)}`;
    return;
  }
  const names = await lookUpNgos([...follows.data.ngos.map((n) => n.id), ...pledges.data.pledges.map((p) => p.ngoId)]);
  renderFollows(follows.data, names);
  renderPledges(pledges.data.pledges, names);
  $('[data-me-signed-out]').hidden = true;
  $('[data-me-content]').hidden = false;
}

const deleteButton = $<HTMLButtonElement>('[data-me-delete]');
const confirmBox = root.querySelector<HTMLElement>('#me-delete-confirm')!;
const toggleConfirm = (open: boolean) => {
  confirmBox.hidden = !open;
  deleteButton.setAttribute('aria-expanded', String(open));
  (open ? $<HTMLButtonElement>('[data-me-delete-no]') : deleteButton).focus();
};
deleteButton.onclick = () => toggleConfirm(confirmBox.hidden);
$<HTMLButtonElement>('[data-me-delete-no]').onclick = () => toggleConfirm(false);
$<HTMLButtonElement>('[data-me-delete-yes]').onclick = async () => {
  const result = await callApi('DELETE', '/api/me');
  if (!result.ok) {
    // 409 last_manager: the server names the NGO pages to hand over or release first.
    status.replaceChildren(`Your account was not deleted: ${result.message}`);
    if (result.status === 409) {
      status.append(' ', el('a', { href: '/manage/', textContent: 'Go to Manage' }));
      toggleConfirm(false);
    }
    return;
  }
  $('[data-me-content]').hidden = true;
  status.textContent = 'Your account and all its data are deleted.';
  setTimeout(() => location.assign('/'), 1500);
};

onViewer((viewer) => {
  if (viewer) {
    void show();
  } else {
    $('[data-me-content]').hidden = true;
    $('[data-me-signed-out]').hidden = false;
  }
});
