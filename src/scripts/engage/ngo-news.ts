import './engage.css';
import { api, el, errorMessage, field, formatDate, isHttps, liveStatus, safeHtml, showFormError } from './dom.ts';

type Post = { id: string; title: string; bodyHtml: string; linkUrl: string | null; imageUrl: string | null; createdAt: string };
export type Opportunity = {
  id: string;
  title: string;
  description: string;
  place: string | null;
  remote: boolean;
  commitment: string;
  skills: string | null;
  closesOn: string | null;
  createdAt: string;
};
type Access = { signedIn: boolean; manager: boolean; claim: { status: string } | null };

/** "Report" as a disclosure with a reason field: works for posts and opportunities. */
export function reportForm(kind: 'post' | 'opportunity', itemId: string): HTMLElement {
  const reason = el('input', { name: 'reason', required: true, maxLength: 500, minLength: 3 });
  const status = liveStatus();
  const form = el('form', { className: 'eng-form' }, field('Why should this not be on Jumo?', reason), el('button', { type: 'submit' }, 'Send report'), status);
  form.onsubmit = async (event) => {
    event.preventDefault();
    const result = await api('POST', '/api/reports', { kind, itemId, reason: reason.value });
    if (result.ok) {
      form.replaceChildren(el('p', { role: 'status' }, 'Thank you: an administrator will look at it.'));
    } else showFormError(form, status, result);
  };
  return el('details', { className: 'eng-report' }, el('summary', {}, 'Report'), form);
}

export function renderPost(post: Post, signedIn: boolean, ngo?: { name: string | null; slug: string | null }): HTMLLIElement {
  return el(
    'li',
    { className: 'eng-item', id: `post-${post.id}` },
    el('h3', {}, post.title),
    el(
      'p',
      { className: 'meta' },
      ngo?.slug ? el('a', { href: `/ngos/${ngo.slug}/` }, ngo.name ?? 'NGO') : null,
      ngo?.slug ? ' · ' : null,
      el('time', { dateTime: post.createdAt }, formatDate(post.createdAt)),
    ),
    isHttps(post.imageUrl) ? el('img', { src: post.imageUrl, alt: '', loading: 'lazy', referrerPolicy: 'no-referrer' }) : null,
    el('div', { className: 'eng-body' }, safeHtml(post.bodyHtml)),
    isHttps(post.linkUrl) ? el('p', {}, el('a', { href: post.linkUrl, rel: 'nofollow ugc noopener' }, 'Read more')) : null,
    signedIn ? el('div', { className: 'eng-actions' }, reportForm('post', post.id)) : null,
  );
}

function describeOpportunity(o: Opportunity): string {
  const where = [o.place, o.remote ? 'remote' : null].filter(Boolean).join(' or ');
  return [where, o.commitment, o.closesOn ? `sign up by ${formatDate(o.closesOn)}` : null].filter(Boolean).join(' · ');
}

function signUpForm(o: Opportunity): HTMLElement {
  const message = el('textarea', { name: 'message', maxLength: 1000, rows: 3 });
  const status = liveStatus();
  const form = el('form', { className: 'eng-form' }, field('Message to the organisers (optional)', message, 'Say when you are free, or what you would like to do.'), el('button', { type: 'submit' }, 'Sign up'), status);
  form.onsubmit = async (event) => {
    event.preventDefault();
    const result = await api('POST', `/api/opportunities/${o.id}/signups`, { message: message.value });
    if (result.ok) form.replaceChildren(el('p', { role: 'status' }, "You're signed up: the organisers will contact you."));
    else showFormError(form, status, result);
  };
  return el('details', {}, el('summary', { className: 'eng-more' }, 'Volunteer for this'), form);
}

export function renderOpportunity(o: Opportunity, signedIn: boolean, ngo?: { name: string | null; slug: string | null }): HTMLLIElement {
  return el(
    'li',
    { className: 'eng-item', id: `opportunity-${o.id}` },
    el('h3', {}, o.title),
    el('p', { className: 'meta' }, ngo?.slug ? el('a', { href: `/ngos/${ngo.slug}/` }, ngo.name ?? 'NGO') : null, ngo?.slug ? ' · ' : null, describeOpportunity(o)),
    el('p', { className: 'eng-desc' }, o.description),
    o.skills ? el('p', {}, el('strong', {}, 'Skills: '), o.skills) : null,
    el(
      'div',
      { className: 'eng-actions' },
      signedIn ? signUpForm(o) : el('span', { className: 'muted' }, 'Sign in to volunteer.'),
      signedIn ? reportForm('opportunity', o.id) : null,
    ),
  );
}

/** The NGO page's news and volunteering, fetched when the section scrolls near. */
export async function mount(root: HTMLElement): Promise<void> {
  const ngoId = root.dataset.ngoId!;
  const [posts, opportunities, access] = await Promise.all([
    api<{ posts: Post[] }>('GET', `/api/ngos/${ngoId}/posts`),
    api<{ opportunities: Opportunity[] }>('GET', `/api/ngos/${ngoId}/opportunities`),
    api<Access>('GET', `/api/ngos/${ngoId}/access`),
  ]);
  const signedIn = access.ok && access.body.signedIn;
  const kids: HTMLElement[] = [];
  if (access.ok && signedIn) {
    const a = access.body;
    const link = a.manager
      ? el('a', { className: 'eng-manage-link', href: `/manage/?ngo=${ngoId}` }, 'Manage this page')
      : a.claim?.status === 'pending'
        ? el('span', { className: 'muted' }, 'Your claim to manage this page is being reviewed.')
        : el('a', { className: 'eng-manage-link', href: `/manage/?ngo=${ngoId}` }, 'Work here? Claim this page');
    kids.push(el('p', {}, link));
  }
  if (posts.ok && posts.body.posts.length > 0) {
    kids.push(
      el(
        'section',
        { className: 'eng-section', 'aria-labelledby': 'h-news' },
        el('h2', { id: 'h-news' }, 'News'),
        el('ul', { className: 'eng-list' }, ...posts.body.posts.map((p) => renderPost(p, signedIn))),
        el('p', {}, el('a', { href: `/api/ngos/${ngoId}/feed.xml` }, 'RSS feed')),
      ),
    );
  }
  if (opportunities.ok && opportunities.body.opportunities.length > 0) {
    kids.push(
      el(
        'section',
        { className: 'eng-section', 'aria-labelledby': 'h-volunteer' },
        el('h2', { id: 'h-volunteer' }, 'Volunteer'),
        el('ul', { className: 'eng-list' }, ...opportunities.body.opportunities.map((o) => renderOpportunity(o, signedIn))),
      ),
    );
  }
  if (!posts.ok && posts.status !== 404) kids.push(el('p', { className: 'muted' }, errorMessage(posts)));
  root.replaceChildren(...kids);
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}
