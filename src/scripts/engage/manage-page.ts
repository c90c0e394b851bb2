import './engage.css';
import { api, clearFormErrors, el, errorMessage, field, formatDate, liveStatus, readForm, showFormError } from './dom.ts';

type Access = { ngo: { id: string; name: string; slug: string } | null; signedIn: boolean; manager: boolean; admin: boolean; claim: { status: string } | null };
type Post = { id: string; title: string; bodyMarkdown: string; linkUrl: string | null; imageUrl: string | null; createdAt: string };
type Opportunity = {
  id: string;
  title: string;
  description: string;
  status: string;
  commitment: string;
  place: string | null;
  remote: boolean;
  skills: string | null;
  closesOn: string | null;
  createdAt: string;
};
type Signup = { id: string; message: string | null; status: string; createdAt: string; user: { id: string; name: string } };

const input = (name: string, props: Record<string, unknown> = {}) => el('input', { name, ...props });

function section(id: string, title: string, ...kids: (Node | null)[]): HTMLElement {
  return el('section', { className: 'eng-section', 'aria-labelledby': id }, el('h2', { id }, title), ...kids);
}

/** A form that sends its fields as JSON and reports errors next to the fields. */
function jsonForm(
  controls: HTMLElement[],
  submitLabel: string,
  send: (values: Record<string, string | boolean | null>) => Promise<{ ok: boolean; status: number; body: any }>,
  done: (body: any) => void,
): HTMLFormElement {
  const status = liveStatus();
  const button = el('button', { type: 'submit' }, submitLabel);
  const form = el('form', { className: 'eng-form', noValidate: true }, ...controls, button, status);
  form.onsubmit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    const result = await send(readForm(form));
    button.disabled = false;
    if (!result.ok) return showFormError(form, status, result);
    clearFormErrors(form);
    status.textContent = 'Saved.';
    done(result.body);
  };
  return form;
}

function claimSection(ngoId: string, access: Access): HTMLElement {
  if (access.claim?.status === 'pending') {
    return section('h-claim', 'Your claim', el('p', {}, 'Thank you: your request to manage this page is waiting for an administrator.'));
  }
  const note = access.claim?.status === 'rejected' ? el('p', {}, 'Your earlier claim was not approved. You can send a new one with more detail.') : null;
  const form = jsonForm(
    [
      field('Your role at the organisation', input('role', { required: true, maxLength: 80, autocomplete: 'organization-title' })),
      field('Work email', input('workEmail', { type: 'email', required: true, maxLength: 254, autocomplete: 'email' }), 'An address on the organisation’s own website domain is the quickest to verify.'),
      field('Anything that helps us check (optional)', el('textarea', { name: 'note', maxLength: 1000, rows: 3 })),
    ],
    'Send claim',
    (v) => api('POST', `/api/ngos/${ngoId}/claims`, { role: v.role ?? '', workEmail: v.workEmail ?? '', note: v.note ?? undefined }),
    () => form.replaceWith(el('p', { role: 'status' }, 'Claim sent: an administrator will review it.')),
  );
  return section('h-claim', 'Claim this page', el('p', {}, 'Work at this organisation? Ask to manage its page: post news and volunteering opportunities.'), note, form);
}

async function newsSection(ngoId: string): Promise<HTMLElement> {
  const list = el('ul', { className: 'eng-list' });
  let editing: string | null = null;
  const title = input('title', { required: true, maxLength: 140 });
  const body = el('textarea', { name: 'body', required: true, maxLength: 4000, rows: 6 });
  const heading = el('h3', {}, 'Post an update');
  const form = jsonForm(
    [
      field('Title', title),
      field('Text', body, 'Markdown: **bold**, _italic_, [links](https://…), lists. No HTML.'),
      field('Link (optional)', input('linkUrl', { type: 'url', maxLength: 500, placeholder: 'https://' })),
      field('Image address (optional)', input('imageUrl', { type: 'url', maxLength: 500, placeholder: 'https://' })),
    ],
    'Publish',
    (v) => api(editing ? 'PATCH' : 'POST', editing ? `/api/posts/${editing}` : `/api/ngos/${ngoId}/posts`, v),
    () => {
      editing = null;
      heading.textContent = 'Post an update';
      form.reset();
      void refresh();
    },
  );
  async function refresh() {
    const result = await api<{ posts: Post[] }>('GET', `/api/ngos/${ngoId}/posts`);
    list.replaceChildren(
      ...(result.ok ? result.body.posts : []).map((p) => {
        const edit = el('button', { type: 'button' }, 'Edit');
        edit.onclick = () => {
          editing = p.id;
          heading.textContent = `Edit “${p.title}”`;
          title.value = p.title;
          body.value = p.bodyMarkdown;
          form.querySelector<HTMLInputElement>('[name=linkUrl]')!.value = p.linkUrl ?? '';
          form.querySelector<HTMLInputElement>('[name=imageUrl]')!.value = p.imageUrl ?? '';
          title.focus();
        };
        const remove = el('button', { type: 'button' }, 'Delete');
        remove.onclick = async () => {
          if (!confirm(`Delete “${p.title}”?`)) return;
          const r = await api('DELETE', `/api/posts/${p.id}`);
          if (r.ok) void refresh();
          else alert(errorMessage(r));
        };
        return el('li', { className: 'eng-item' }, el('h3', {}, p.title), el('p', { className: 'meta' }, formatDate(p.createdAt)), el('div', { className: 'eng-actions' }, edit, remove));
      }),
    );
  }
  await refresh();
  return section('h-news-manage', 'News', heading, form, el('h3', {}, 'Published'), list);
}

async function volunteerSection(ngoId: string): Promise<HTMLElement> {
  const list = el('ul', { className: 'eng-list' });
  let editing: string | null = null;
  const heading = el('h3', {}, 'Post an opportunity');
  const form = jsonForm(
    [
      field('Title', input('title', { required: true, maxLength: 140 })),
      field('Description', el('textarea', { name: 'description', required: true, maxLength: 3000, rows: 5 })),
      field('Where', input('place', { maxLength: 120 }), 'A town or address; leave empty for remote-only roles.'),
      el('div', { className: 'field' }, el('label', {}, input('remote', { type: 'checkbox' }), ' Can be done remotely')),
      field('Time commitment', input('commitment', { required: true, maxLength: 120, placeholder: 'e.g. 3 hours a week' })),
      field('Skills (optional)', input('skills', { maxLength: 300 })),
      field('Closing date (optional)', input('closesOn', { type: 'date' })),
    ],
    'Save opportunity',
    (v) =>
      api(editing ? 'PATCH' : 'POST', editing ? `/api/opportunities/${editing}` : `/api/ngos/${ngoId}/opportunities`, {
        ...v,
        remote: v.remote === true,
      }),
    () => {
      editing = null;
      heading.textContent = 'Post an opportunity';
      form.reset();
      void refresh();
    },
  );
  function edit(o: Opportunity) {
    editing = o.id;
    heading.textContent = `Edit “${o.title}”`;
    for (const [name, value] of Object.entries(o)) {
      const control = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
      if (!control) continue;
      if (control.type === 'checkbox') control.checked = value === true;
      else control.value = value == null ? '' : String(value);
    }
    form.querySelector<HTMLInputElement>('[name=title]')!.focus();
  }
  async function showSignups(o: Opportunity, box: HTMLElement) {
    const result = await api<{ signups: Signup[] }>('GET', `/api/opportunities/${o.id}/signups`);
    if (!result.ok) return void (box.textContent = errorMessage(result));
    if (result.body.signups.length === 0) return void box.replaceChildren(el('p', {}, 'No sign-ups yet.'));
    box.replaceChildren(
      el(
        'ul',
        { 'aria-label': `Sign-ups for ${o.title}` },
        ...result.body.signups.map((s) => {
          const mark = el('button', { type: 'button' }, s.status === 'contacted' ? 'Mark as new' : 'Mark contacted');
          mark.onclick = async () => {
            const r = await api('PATCH', `/api/signups/${s.id}`, { status: s.status === 'contacted' ? 'new' : 'contacted' });
            if (r.ok) void showSignups(o, box);
          };
          return el(
            'li',
            {},
            el('strong', {}, s.user.name),
            ` (user ${s.user.id}) · ${formatDate(s.createdAt)} · `,
            el('span', { className: `eng-badge${s.status === 'contacted' ? ' good' : ''}` }, s.status),
            s.message ? el('p', { className: 'eng-desc' }, s.message) : null,
            mark,
          );
        }),
      ),
    );
  }
  async function refresh() {
    const result = await api<{ opportunities: Opportunity[] }>('GET', `/api/ngos/${ngoId}/opportunities?all=1`);
    list.replaceChildren(
      ...(result.ok ? result.body.opportunities : []).map((o) => {
        const box = el('div', { 'aria-live': 'polite' });
        const signups = el('button', { type: 'button' }, 'Sign-ups');
        signups.onclick = () => void showSignups(o, box);
        const change = el('button', { type: 'button' }, 'Edit');
        change.onclick = () => edit(o);
        const close = el('button', { type: 'button' }, o.status === 'open' ? 'Close' : 'Reopen');
        close.onclick = async () => {
          const r = await api('PATCH', `/api/opportunities/${o.id}`, { status: o.status === 'open' ? 'closed' : 'open' });
          if (r.ok) void refresh();
        };
        return el(
          'li',
          { className: 'eng-item' },
          el('h3', {}, o.title, ' ', el('span', { className: `eng-badge${o.status === 'open' ? ' good' : ''}` }, o.status)),
          el('p', { className: 'meta' }, [o.place, o.remote ? 'remote' : null, o.commitment, o.closesOn ? `closes ${o.closesOn}` : null].filter(Boolean).join(' · ')),
          el('div', { className: 'eng-actions' }, signups, change, close),
          box,
        );
      }),
    );
  }
  await refresh();
  return section('h-vol-manage', 'Volunteering', heading, form, el('h3', {}, 'Opportunities'), list);
}

async function managersSection(ngoId: string, ngoName: string, me: string): Promise<HTMLElement> {
  const list = el('ul', {});
  let managerCount = 0;
  async function refresh() {
    const result = await api<{ managers: { userId: string; name: string }[] }>('GET', `/api/ngos/${ngoId}/managers`);
    managerCount = result.ok ? result.body.managers.length : 0;
    list.replaceChildren(
      ...(result.ok ? result.body.managers : []).map((m) => {
        const remove = el('button', { type: 'button' }, m.userId === me ? 'Leave' : 'Remove');
        remove.onclick = async () => {
          if (!confirm(`Remove ${m.name} as a manager?`)) return;
          const r = await api('DELETE', `/api/ngos/${ngoId}/managers/${m.userId}`);
          if (r.ok) void (m.userId === me ? location.reload() : refresh());
          else alert(errorMessage(r));
        };
        return el('li', {}, `${m.name} (${m.userId}) `, remove);
      }),
    );
  }
  const form = jsonForm(
    [field('User id of the person to add', input('userId', { required: true, maxLength: 24, pattern: '[a-z2-9]{24}' }), 'They find it on their own /manage/ page once signed in.')],
    'Add manager',
    (v) => api('POST', `/api/ngos/${ngoId}/managers`, { userId: v.userId ?? '' }),
    () => {
      form.reset();
      void refresh();
    },
  );
  // The way out for the only manager (who cannot leave, nor delete their account, before it).
  const release = el('button', { type: 'button', className: 'danger' }, 'Release this page');
  release.onclick = async () => {
    const others = managerCount > 1 ? ` This also removes the other ${managerCount - 1} manager(s).` : '';
    const question = `Release ${ngoName}? Nobody will manage it: the page shows as unclaimed until someone claims it again. Its news and opportunities stay.${others}`;
    if (!confirm(question)) return;
    const r = await api('POST', `/api/ngos/${ngoId}/release`);
    if (r.ok) location.reload();
    else alert(errorMessage(r));
  };
  await refresh();
  return section(
    'h-managers',
    'Managers',
    list,
    form,
    el('h3', {}, 'Release this page'),
    el('p', {}, 'If nobody at the organisation will look after this page any more, release it: it goes back to unclaimed and can be claimed again.'),
    release,
  );
}

export async function mount(root: HTMLElement): Promise<void> {
  const me = await api<{ user: { id: string; name: string } }>('GET', '/api/me');
  if (!me.ok) {
    root.replaceChildren(el('p', {}, 'Sign in (top right) to manage or claim an NGO page.'));
    return;
  }
  const yourId = el('p', { className: 'muted' }, 'Your user id (to be added as a manager): ', el('code', {}, me.body.user.id));
  const ngoId = new URLSearchParams(location.search).get('ngo');
  if (!ngoId) {
    const managed = await api<{ ngos: { id: string; name: string | null }[]; admin: boolean }>('GET', '/api/me/managed');
    const ngos = managed.ok ? managed.body.ngos : [];
    root.replaceChildren(
      el('h1', {}, 'Manage'),
      ngos.length
        ? el('ul', {}, ...ngos.map((n) => el('li', {}, el('a', { href: `/manage/?ngo=${encodeURIComponent(n.id)}` }, n.name ?? n.id))))
        : el('p', {}, 'You do not manage an NGO page yet. To claim one, open its page and choose “Claim this page”.'),
      managed.ok && managed.body.admin ? el('p', {}, el('a', { href: '/admin/' }, 'Site administration')) : '',
      yourId,
    );
    return;
  }
  const access = await api<Access>('GET', `/api/ngos/${encodeURIComponent(ngoId)}/access`);
  if (!access.ok || !access.body.ngo) {
    root.replaceChildren(el('h1', {}, 'Manage'), el('p', {}, 'No such NGO.'));
    return;
  }
  const { ngo } = access.body;
  const title = el('h1', {}, access.body.manager ? 'Manage ' : 'Claim ', el('a', { href: `/ngos/${ngo.slug}/` }, ngo.name));
  if (!access.body.manager) {
    root.replaceChildren(title, claimSection(ngo.id, access.body), yourId);
    return;
  }
  const [news, vol, managers] = await Promise.all([newsSection(ngo.id), volunteerSection(ngo.id), managersSection(ngo.id, ngo.name, me.body.user.id)]);
  root.replaceChildren(title, news, vol, managers, yourId);
}
