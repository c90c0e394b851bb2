import { callApi, type ApiResult } from '../api-client.ts';
import { formatMinor, fractionDigits } from '../display-format.ts';
import { el, stripFieldPrefix } from '../elements/dom.ts';
import type { Viewer } from './viewer.ts';

/**
 * The pledge form, loaded on demand. Validates like the API (positive, at most a billion
 * minor units, the currency's decimals, a known ISO 4217 code), ties each error to its field,
 * and sends one Idempotency-Key per attempt: a double click or a retry after a lost answer
 * records one pledge; changing any field starts a new attempt.
 */

/** MAX_PLEDGE_MINOR of model/api/pledges.ts, which a page cannot import (it carries zod). */
const MAX_MINOR = 1_000_000_000;
const FALLBACK_CURRENCIES = ['AUD', 'CAD', 'CHF', 'EUR', 'GBP', 'INR', 'JPY', 'KES', 'NGN', 'NZD', 'USD', 'ZAR'];

type Pledge = ApiResult<'createPledge'>['pledge'];
const FIELDS = ['amount', 'currency', 'recurrence', 'visibility', 'note'] as const;
type Field = (typeof FIELDS)[number];

function listCurrencies(): string[] {
  try {
    return Intl.supportedValuesOf('currency');
  } catch {
    return FALLBACK_CURRENCIES;
  }
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "1,250.5" in GBP → 125050; null when it is not a plain amount with the currency's decimals. */
export function parseAmount(text: string, currency: string): number | null | 'decimals' {
  const clean = text.replace(/[\s,]/g, '');
  const digits = fractionDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(clean);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) return 'decimals';
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

export function renderPledgeForm(root: HTMLElement, viewer: Viewer, onClose: () => void): void {
  const ngoId = root.dataset.ngoId!;
  const ngoName = root.dataset.ngoName ?? 'this NGO';
  const website = root.dataset.website;
  const body = root.querySelector<HTMLElement>('[data-pledge-body]')!;
  const status = root.querySelector<HTMLElement>('[data-pledge-status]')!;
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames('en', { type: 'currency' }) : null;

  const describe = (field: Field) => `pledge-${field}-error`;
  const errorFor = (field: Field) => el('p', { className: 'field-error', id: describe(field) });
  const errors: Record<Field, HTMLElement> = {
    amount: errorFor('amount'),
    currency: errorFor('currency'),
    recurrence: errorFor('recurrence'),
    visibility: errorFor('visibility'),
    note: errorFor('note'),
  };
  const amount = el('input', {
    id: 'pledge-amount',
    name: 'amount',
    inputMode: 'decimal',
    autocomplete: 'off',
    required: true,
    size: 10,
    'aria-describedby': describe('amount'),
  });
  const currency = el('select', { id: 'pledge-currency', name: 'currency', 'aria-describedby': describe('currency') });
  for (const code of listCurrencies()) {
    currency.append(el('option', { value: code }, `${code}${names ? ` – ${names.of(code)}` : ''}`));
  }
  currency.value = root.dataset.currency ?? 'USD';
  const radio = (name: string, value: string, label: string, checked: boolean) =>
    el('label', { className: 'choice' }, el('input', { type: 'radio', name, value, checked }), ` ${label}`);
  const recurrence = el(
    'fieldset',
    { 'aria-describedby': describe('recurrence') },
    el('legend', {}, 'How often'),
    radio('recurrence', 'once', 'Once', true),
    radio('recurrence', 'monthly', 'Every month', false),
  );
  const firstName = viewer.name.trim().split(/\s+/);
  const shownAs = firstName.length > 1 ? `${firstName[0]} ${firstName[firstName.length - 1]![0]}.` : firstName[0];
  const visibility = el(
    'fieldset',
    { 'aria-describedby': describe('visibility') },
    el('legend', {}, 'Show my pledge'),
    radio('visibility', 'public', `Publicly, as “${shownAs}”`, true),
    radio('visibility', 'anonymous', 'Anonymously (only the amount counts in the totals)', false),
  );
  const note = el('textarea', {
    id: 'pledge-note',
    name: 'note',
    maxLength: 500,
    rows: 3,
    'aria-describedby': describe('note'),
  });
  const submit = el('button', { type: 'submit', className: 'btn btn-primary', textContent: 'Pledge' });
  const cancel = el('button', { type: 'button', className: 'linkish', textContent: 'Close' });

  const form = el(
    'form',
    { className: 'pledge-form', noValidate: true },
    el(
      'div',
      { className: 'field-row' },
      el(
        'div',
        { className: 'field' },
        el('label', { htmlFor: 'pledge-amount', textContent: 'Amount' }),
        amount,
        errors.amount,
      ),
      el(
        'div',
        { className: 'field' },
        el('label', { htmlFor: 'pledge-currency', textContent: 'Currency' }),
        currency,
        errors.currency,
      ),
    ),
    recurrence,
    errors.recurrence,
    visibility,
    errors.visibility,
    el(
      'div',
      { className: 'field' },
      el('label', { htmlFor: 'pledge-note', textContent: `A note to ${ngoName} (optional)` }),
      note,
      errors.note,
    ),
    el('div', { className: 'actions' }, submit, cancel),
  );

  let key: string | null = null;
  form.addEventListener('input', () => {
    key = null;
  });
  cancel.onclick = () => {
    body.replaceChildren();
    status.textContent = '';
    onClose();
  };

  const clearErrors = () => {
    for (const line of Object.values(errors)) line.textContent = '';
    for (const bad of form.querySelectorAll('[aria-invalid]')) bad.removeAttribute('aria-invalid');
  };
  // The control itself, or a radio group's first button.
  const fail = (field: Field, message: string) => {
    errors[field].textContent = message;
    const control = form.querySelector<HTMLElement>(`[name=${field}]`);
    control?.setAttribute('aria-invalid', 'true');
    control?.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    status.textContent = '';
    const code = currency.value;
    const minor = parseAmount(amount.value, code);
    const digits = fractionDigits(code);
    if (minor === null || minor === 0) return fail('amount', 'Enter an amount above zero, such as 25 or 12.50.');
    if (minor === 'decimals')
      return fail(
        'amount',
        digits === 0 ? `${code} has no decimals: enter a whole amount.` : `Use at most ${digits} decimals.`,
      );
    if (minor > MAX_MINOR)
      return fail('amount', `That is more than we can record: at most ${formatMinor(MAX_MINOR, code)}.`);
    const data = new FormData(form);
    const payload = {
      ngoId,
      amount: minor,
      currency: code,
      recurrence: String(data.get('recurrence')) as Pledge['recurrence'],
      visibility: String(data.get('visibility')) as Pledge['visibility'],
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    key ??= newKey();
    submit.disabled = true;
    submit.textContent = 'Pledging…';
    const answer = await callApi('createPledge', { body: payload, headers: { 'Idempotency-Key': key } });
    submit.disabled = false;
    submit.textContent = 'Pledge';
    if (!answer.ok) {
      // A field of this form at fault: say it there (an unknown ngoId goes to the status line).
      const field = FIELDS.find((name) => name === answer.field);
      if (field) {
        const text = stripFieldPrefix(answer.message, field);
        return fail(field, `${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
      }
      status.textContent = `Your pledge was not recorded: ${answer.message}`;
      return;
    }
    key = null;
    const pledge = answer.data.pledge;
    const amountText = `${formatMinor(pledge.amount, pledge.currency)}${pledge.recurrence === 'monthly' ? ' a month' : ''}`;
    const heading = el('h3', { tabIndex: -1, textContent: 'Thank you for your pledge' });
    const kids: Node[] = [
      heading,
      el('p', {
        textContent: `You pledged ${amountText} to ${ngoName}. Jumo never takes money: make your gift directly to them.`,
      }),
    ];
    if (website)
      kids.push(
        el(
          'p',
          {},
          el('a', {
            className: 'btn btn-primary',
            href: website,
            rel: 'noopener',
            textContent: 'Donate on their website',
          }),
        ),
      );
    const share = el(
      'p',
      {},
      'Invite others to support them: ',
      el('a', { href: '#share', textContent: 'share this page' }),
    );
    if (typeof navigator.share === 'function') {
      const button = el('button', { type: 'button', className: 'linkish', textContent: 'Share…' });
      button.onclick = () =>
        navigator.share({ title: document.title, url: location.href.split(/[?#]/)[0] }).catch(() => {});
      share.append(' or ', button);
    }
    kids.push(share, el('p', {}, el('a', { href: '/me/', textContent: 'See your pledges in My Jumo' })));
    const again = el('button', { type: 'button', className: 'linkish', textContent: 'Make another pledge' });
    again.onclick = () => renderPledgeForm(root, viewer, onClose);
    kids.push(again);
    body.replaceChildren(el('div', { className: 'pledge-done' }, ...kids));
    status.textContent = `Pledge recorded: ${amountText}.`;
    heading.focus();
    document.dispatchEvent(new CustomEvent('jumo:pledged', { detail: { ngoId } }));
  });

  body.replaceChildren(form);
  amount.focus();
}
