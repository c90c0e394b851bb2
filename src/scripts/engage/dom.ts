/**
 * Tiny DOM and API helpers shared by the engagement islands (NGO news, feed, volunteer,
 * manage, admin). User text always goes in through textContent; the only HTML inserted is a
 * post body the API rendered from Markdown, and it passes `safeHtml` again on the way in.
 */

type Kid = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...kids: Kid[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key in node && !key.includes('-')) (node as unknown as Record<string, unknown>)[key] = value;
    else node.setAttribute(key, String(value));
  }
  for (const kid of kids) if (kid) node.append(kid);
  return node;
}

export type ApiResult<T = any> = { ok: boolean; status: number; body: T };

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { ok: response.ok, status: response.status, body: await response.json().catch(() => null) };
  } catch {
    return { ok: false, status: 0, body: { error: { code: 'network', message: 'Network error: try again.' } } as T };
  }
}

export function errorMessage(result: ApiResult): string {
  return result.body?.error?.message ?? 'Something went wrong. Try again.';
}

const ALLOWED_TAGS = new Set(['P', 'A', 'STRONG', 'EM', 'UL', 'OL', 'LI', 'BR', 'BLOCKQUOTE', 'S', 'CODE']);

/** Defence in depth for server-rendered Markdown: only our tags, only safe links. */
export function safeHtml(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const node of [...template.content.querySelectorAll('*')]) {
    if (!ALLOWED_TAGS.has(node.tagName)) {
      node.replaceWith(document.createTextNode(node.textContent ?? ''));
      continue;
    }
    for (const attr of [...node.attributes]) {
      const keep = node.tagName === 'A' && (attr.name === 'title' || (attr.name === 'href' && /^(https?:|mailto:)/i.test(attr.value)));
      if (!keep) node.removeAttribute(attr.name);
    }
    if (node.tagName === 'A') node.setAttribute('rel', 'nofollow ugc noopener');
  }
  return template.content;
}

export function isHttps(url: unknown): url is string {
  return typeof url === 'string' && /^https:\/\//i.test(url);
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

let fieldSeq = 0;

/** A labelled field with an error line tied to it (aria-describedby), for accessible forms. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  hint?: string,
): HTMLDivElement {
  const id = `f${++fieldSeq}`;
  control.id = id;
  const error = el('p', { className: 'field-error', id: `${id}-err`, hidden: true });
  const described = [`${id}-err`];
  let hintEl: HTMLElement | null = null;
  if (hint) {
    hintEl = el('p', { className: 'field-hint', id: `${id}-hint` }, hint);
    described.unshift(`${id}-hint`);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  return el('div', { className: 'field' }, el('label', { htmlFor: id }, label), hintEl, control, error);
}

/**
 * Show an API validation error ("title: Too big…") next to the field named `name`, or in the
 * form's live status line. Returns the element that got the message.
 */
export function showFormError(form: HTMLFormElement, status: HTMLElement, result: ApiResult): void {
  for (const bad of form.querySelectorAll('[aria-invalid]')) bad.removeAttribute('aria-invalid');
  for (const line of form.querySelectorAll<HTMLElement>('.field-error')) line.hidden = true;
  const message = errorMessage(result);
  const name = /^(\w+):/.exec(message)?.[1];
  const control = name ? form.querySelector<HTMLElement>(`[name="${name}"]`) : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    const line = document.getElementById(`${control.id}-err`);
    if (line) {
      line.textContent = message.slice(name!.length + 1).trim();
      line.hidden = false;
    }
    control.focus();
  }
  status.textContent = message;
}

export function clearFormErrors(form: HTMLFormElement): void {
  for (const bad of form.querySelectorAll('[aria-invalid]')) bad.removeAttribute('aria-invalid');
  for (const line of form.querySelectorAll<HTMLElement>('.field-error')) line.hidden = true;
}

export function liveStatus(): HTMLParagraphElement {
  return el('p', { className: 'form-status', role: 'status' });
}

/** Read a form's named controls into an object (checkboxes as booleans, empty optional fields as null). */
export function readForm(form: HTMLFormElement): Record<string, string | boolean | null> {
  const out: Record<string, string | boolean | null> = {};
  for (const control of form.querySelectorAll<HTMLInputElement>('input[name], textarea[name], select[name]')) {
    out[control.name] = control.type === 'checkbox' ? control.checked : control.value.trim() === '' && !control.required ? null : control.value.trim();
  }
  return out;
}
