import './engage.css';
import { api, el, errorMessage, formatDate } from './dom.ts';

type Claim = {
  id: string;
  role: string;
  workEmail: string;
  note: string | null;
  createdAt: string;
  emailMatchesWebsite: boolean;
  user: { id: string; name: string };
  ngo: { id: string; name: string | null; slug: string | null; websiteHost: string | null };
};
type Report = {
  id: string;
  kind: 'post' | 'opportunity';
  reason: string;
  createdAt: string;
  reporter: { name: string | null } | null;
  item: { title: string; ngoId: string; hidden: boolean } | null;
};

function claimItem(claim: Claim, refresh: () => void): HTMLLIElement {
  const status = el('p', { role: 'status', className: 'form-status' });
  const decide = (decision: 'approve' | 'reject') => async () => {
    const result = await api('POST', `/api/admin/claims/${claim.id}/decision`, { decision });
    if (result.ok) refresh();
    else status.textContent = errorMessage(result);
  };
  const approve = el('button', { type: 'button' }, 'Approve');
  approve.onclick = decide('approve');
  const reject = el('button', { type: 'button' }, 'Reject');
  reject.onclick = decide('reject');
  const ngoLink = claim.ngo.slug ? el('a', { href: `/ngos/${claim.ngo.slug}/` }, claim.ngo.name ?? claim.ngo.id) : claim.ngo.id;
  return el(
    'li',
    { className: 'eng-item' },
    el('h3', {}, ngoLink),
    el('p', { className: 'meta' }, `${claim.user.name} (${claim.user.id}) · ${claim.role} · ${formatDate(claim.createdAt)}`),
    el(
      'p',
      {},
      el('code', {}, claim.workEmail),
      ' ',
      claim.emailMatchesWebsite
        ? el('span', { className: 'eng-badge good' }, `matches the website (${claim.ngo.websiteHost})`)
        : el('span', { className: 'eng-badge' }, claim.ngo.websiteHost ? `website is ${claim.ngo.websiteHost}: no match` : 'no website on record'),
    ),
    claim.note ? el('p', { className: 'eng-desc' }, claim.note) : null,
    el('div', { className: 'eng-actions' }, approve, reject),
    status,
  );
}

function reportItem(report: Report, refresh: () => void): HTMLLIElement {
  const status = el('p', { role: 'status', className: 'form-status' });
  const resolve = (action: 'hide' | 'dismiss') => async () => {
    const result = await api('POST', `/api/admin/reports/${report.id}/resolution`, { action });
    if (result.ok) refresh();
    else status.textContent = errorMessage(result);
  };
  const hide = el('button', { type: 'button' }, `Hide this ${report.kind}`);
  hide.onclick = resolve('hide');
  const dismiss = el('button', { type: 'button' }, 'Dismiss report');
  dismiss.onclick = resolve('dismiss');
  return el(
    'li',
    { className: 'eng-item' },
    el('h3', {}, report.item ? `${report.kind === 'post' ? 'News' : 'Opportunity'}: ${report.item.title}` : 'Deleted item'),
    el('p', { className: 'meta' }, `${report.item?.ngoId ?? ''} · reported by ${report.reporter?.name ?? 'a deleted account'} · ${formatDate(report.createdAt)}`),
    el('p', { className: 'eng-desc' }, report.reason),
    el('div', { className: 'eng-actions' }, report.item && !report.item.hidden ? hide : null, dismiss),
    status,
  );
}

export async function mount(root: HTMLElement): Promise<void> {
  const claimsList = el('ul', { className: 'eng-list', 'aria-label': 'Pending claims' });
  const reportsList = el('ul', { className: 'eng-list', 'aria-label': 'Open reports' });
  const claimsEmpty = el('p', {}, 'No pending claims.');
  const reportsEmpty = el('p', {}, 'No open reports.');
  async function refresh(): Promise<boolean> {
    const [claims, reports] = await Promise.all([
      api<{ claims: Claim[] }>('GET', '/api/admin/claims'),
      api<{ reports: Report[] }>('GET', '/api/admin/reports'),
    ]);
    if (claims.status === 401) {
      root.replaceChildren(el('h1', {}, 'Administration'), el('p', {}, 'Sign in (top right) as a site administrator.'));
      return false;
    }
    if (claims.status === 403) {
      root.replaceChildren(el('h1', {}, 'Administration'), el('p', {}, 'Only site administrators can see this page.'));
      return false;
    }
    claimsList.replaceChildren(...(claims.ok ? claims.body.claims : []).map((c) => claimItem(c, () => void refresh())));
    reportsList.replaceChildren(...(reports.ok ? reports.body.reports : []).map((r) => reportItem(r, () => void refresh())));
    claimsEmpty.hidden = claimsList.children.length > 0;
    reportsEmpty.hidden = reportsList.children.length > 0;
    return true;
  }
  if (await refresh()) {
    root.replaceChildren(
      el('h1', {}, 'Administration'),
      el('section', { className: 'eng-section', 'aria-labelledby': 'h-claims' }, el('h2', { id: 'h-claims' }, 'Claims to review'), claimsEmpty, claimsList),
      el('section', { className: 'eng-section', 'aria-labelledby': 'h-reports' }, el('h2', { id: 'h-reports' }, 'Reports'), reportsEmpty, reportsList),
    );
  }
}
