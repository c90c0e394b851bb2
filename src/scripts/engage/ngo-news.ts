import './engage.css';
import { callApi, type ApiAnswer, type ApiFailure, type ApiResult } from '../api-client.ts';
import { describeOpportunity, formatDate, isHttps } from '../display-format.ts';
import { el, stripFieldPrefix } from '../elements/dom.ts';
import { toSafeFragment } from '../safe-html.ts';

/**
 * The NGO page's news and volunteering, loaded by `<jumo-ngo-news>` when it scrolls near:
 * posts (with the RSS link), volunteer roles with a sign-up form, a Report form on each for
 * signed-in readers, and the manage or claim link.
 */

type Post = ApiResult<'listNgoPosts'>['posts'][number];
type Opportunity = ApiResult<'listNgoOpportunities'>['opportunities'][number];

let fieldSeq = 0;

/** A labelled control with its error line (and hint) tied to it through aria-describedby. */
function field(label: string, control: HTMLInputElement | HTMLTextAreaElement, hint?: string): HTMLDivElement {
  const id = `f${++fieldSeq}`;
  control.id = id;
  const hintLine = hint ? el('p', { className: 'field-hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintLine?.id, `${id}-err`].filter(Boolean).join(' '));
  return el(
    'div',
    { className: 'field' },
    el('label', { htmlFor: id }, label),
    hintLine,
    control,
    el('p', { className: 'field-error', id: `${id}-err`, hidden: true }),
  );
}

/**
 * A refusal in a form made with field(): the API's message in the status line and, when the
 * answer names a field of this form, also beside that control (without the "field: " prefix),
 * which is marked invalid and gets the focus.
 */
function showFieldError(form: HTMLFormElement, status: HTMLElement, failure: ApiFailure): void {
  for (const bad of form.querySelectorAll('[aria-invalid]')) bad.removeAttribute('aria-invalid');
  for (const line of form.querySelectorAll<HTMLElement>('.field-error')) line.hidden = true;
  status.textContent = failure.message;
  const control = failure.field ? form.querySelector<HTMLElement>(`[name="${CSS.escape(failure.field)}"]`) : null;
  if (!control) return;
  control.setAttribute('aria-invalid', 'true');
  const line = document.getElementById(`${control.id}-err`);
  if (line) {
    line.textContent = stripFieldPrefix(failure.message, failure.field!);
    line.hidden = false;
  }
  control.focus();
}

/** A form that sends one request; a refusal is shown beside its field, a success replaces the form. */
function sendingForm(
  controls: HTMLElement[],
  submitLabel: string,
  send: () => Promise<ApiAnswer<unknown>>,
  done: string,
): HTMLFormElement {
  const status = el('p', { className: 'form-status', role: 'status' });
  const form = el(
    'form',
    { className: 'eng-form' },
    ...controls,
    el('button', { type: 'submit' }, submitLabel),
    status,
  );
  form.onsubmit = async (event) => {
    event.preventDefault();
    const answer = await send();
    if (answer.ok) form.replaceChildren(el('p', { role: 'status' }, done));
    else showFieldError(form, status, answer);
  };
  return form;
}

/** "Report" as a disclosure with a reason field, for posts and opportunities. */
function reportForm(kind: 'post' | 'opportunity', itemId: string): HTMLElement {
  const reason = el('input', { name: 'reason', required: true, maxLength: 500, minLength: 3 });
  const form = sendingForm(
    [field('Why should this not be on Jumo?', reason)],
    'Send report',
    () => callApi('createReport', { body: { kind, itemId, reason: reason.value } }),
    'Thank you: an administrator will look at it.',
  );
  return el('details', { className: 'eng-report' }, el('summary', {}, 'Report'), form);
}

function signUpForm(o: Opportunity): HTMLElement {
  const message = el('textarea', { name: 'message', maxLength: 1000, rows: 3 });
  const form = sendingForm(
    [field('Message to the organisers (optional)', message, 'Say when you are free, or what you would like to do.')],
    'Sign up',
    () => callApi('createSignup', { params: { id: o.id }, body: { message: message.value } }),
    "You're signed up: the organisers will contact you.",
  );
  return el('details', {}, el('summary', { className: 'eng-more' }, 'Volunteer for this'), form);
}

function renderPost(post: Post, signedIn: boolean): HTMLLIElement {
  return el(
    'li',
    { className: 'eng-item', id: `post-${post.id}` },
    el('h3', {}, post.title),
    el('p', { className: 'meta' }, el('time', { dateTime: post.createdAt }, formatDate(post.createdAt))),
    isHttps(post.imageUrl) &&
      el('img', { src: post.imageUrl, alt: '', loading: 'lazy', referrerPolicy: 'no-referrer' }),
    el('div', { className: 'eng-body' }, toSafeFragment(post.bodyHtml)),
    isHttps(post.linkUrl) && el('p', {}, el('a', { href: post.linkUrl, rel: 'nofollow ugc noopener' }, 'Read more')),
    signedIn && el('div', { className: 'eng-actions' }, reportForm('post', post.id)),
  );
}

function renderOpportunity(o: Opportunity, signedIn: boolean): HTMLLIElement {
  return el(
    'li',
    { className: 'eng-item', id: `opportunity-${o.id}` },
    el('h3', {}, o.title),
    el('p', { className: 'meta' }, describeOpportunity(o)),
    el('p', { className: 'eng-desc' }, o.description),
    o.skills && el('p', {}, el('strong', {}, 'Skills: '), o.skills),
    el(
      'div',
      { className: 'eng-actions' },
      signedIn ? signUpForm(o) : el('span', { className: 'muted' }, 'Sign in to volunteer.'),
      signedIn && reportForm('opportunity', o.id),
    ),
  );
}

function section(id: string, heading: string, items: HTMLLIElement[], ...after: HTMLElement[]): HTMLElement {
  return el(
    'section',
    { className: 'eng-section', 'aria-labelledby': id },
    el('h2', { id }, heading),
    el('ul', { className: 'eng-list' }, ...items),
    ...after,
  );
}

export async function mount(root: HTMLElement): Promise<void> {
  const id = root.dataset.ngoId!;
  const [posts, opportunities, access] = await Promise.all([
    callApi('listNgoPosts', { params: { id } }),
    callApi('listNgoOpportunities', { params: { id } }),
    callApi('getNgoAccess', { params: { id } }),
  ]);
  const you = access.ok ? access.data : null;
  const signedIn = you?.signedIn === true;
  const kids: HTMLElement[] = [];
  if (you && signedIn) {
    const manage = `/manage/?ngo=${id}`;
    kids.push(
      el(
        'p',
        {},
        you.manager
          ? el('a', { className: 'eng-manage-link', href: manage }, 'Manage this page')
          : you.claim?.status === 'pending'
            ? el('span', { className: 'muted' }, 'Your claim to manage this page is being reviewed.')
            : el('a', { className: 'eng-manage-link', href: manage }, 'Work here? Claim this page'),
      ),
    );
  }
  if (posts.ok && posts.data.posts.length > 0) {
    const rss = el('p', {}, el('a', { href: `/api/ngos/${id}/feed.xml` }, 'RSS feed'));
    kids.push(
      section(
        'h-news',
        'News',
        posts.data.posts.map((p) => renderPost(p, signedIn)),
        rss,
      ),
    );
  }
  const roles = opportunities.ok ? opportunities.data.opportunities : [];
  if (roles.length > 0)
    kids.push(
      section(
        'h-volunteer',
        'Volunteer',
        roles.map((o) => renderOpportunity(o, signedIn)),
      ),
    );
  if (!posts.ok && posts.status !== 404) kids.push(el('p', { className: 'muted' }, posts.message));
  root.replaceChildren(...kids);
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}
