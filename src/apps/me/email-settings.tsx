import { useState } from 'preact/hooks';
import type { EmailSettingsJson } from '../../../model/api/email.ts';
import { callApi } from '../../scripts/api-client.ts';

type Props = {
  initial: EmailSettingsJson;
  announce: (message: string) => void;
  /** Signed in with Facebook: offer the address Facebook has, as a prefill. */
  viaFacebook?: boolean;
};

function describeState(s: EmailSettingsJson): string {
  if (!s.email) return 'No address yet: add one to get a weekly digest of what the NGOs and causes you follow post.';
  if (s.status === 'failing')
    return `Messages to ${s.email} keep bouncing, so Jumo sends nothing there. Check the address or enter another one.`;
  if (!s.confirmed) return `We sent a link to ${s.email}. Open it within 48 hours to confirm the address.`;
  return `${s.email} is confirmed.`;
}

/** My Jumo's email section: the address and its confirmation, the weekly digest, removal. */
export function EmailSettings({ initial, announce, viaFacebook = false }: Props) {
  const [settings, setSettings] = useState(initial);
  const [draft, setDraft] = useState(initial.email ?? '');
  const [fieldError, setFieldError] = useState('');
  const [busy, setBusy] = useState(false);

  const apply = (next: EmailSettingsJson, message: string) => {
    setSettings(next);
    announce(message);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const answer = await callApi('setMyEmail', { body: { email: draft } });
    setBusy(false);
    if (!answer.ok) {
      if (answer.field === 'email') setFieldError(answer.message.replace(/^email: /, ''));
      announce(`Your address was not saved: ${answer.message}`);
      return;
    }
    setFieldError('');
    apply(
      answer.data,
      answer.data.confirmed
        ? `${answer.data.email} is already confirmed.`
        : `We sent a confirmation link to ${answer.data.email}.`,
    );
  };

  const setDigest = async (on: boolean) => {
    const answer = await callApi('updateMyEmail', { body: { digest: on ? 'weekly' : 'off' } });
    if (answer.ok) apply(answer.data, on ? 'Weekly digest on.' : 'Weekly digest off.');
    else announce(`Could not change the digest: ${answer.message}`);
  };

  const remove = async () => {
    const answer = await callApi('deleteMyEmail');
    if (!answer.ok) {
      announce(`Could not remove the address: ${answer.message}`);
      return;
    }
    setDraft('');
    apply(answer.data, 'Your address is removed: Jumo sends you nothing.');
  };

  return (
    <section aria-labelledby="h-email" data-me-email>
      <h2 id="h-email">Email</h2>
      <p data-me-email-state={settings.email ? (settings.confirmed ? settings.status : 'unconfirmed') : 'none'}>
        {describeState(settings)}
      </p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <label for="me-email-address">Email address</label>{' '}
        <input
          id="me-email-address"
          type="email"
          autocomplete="email"
          value={draft}
          required
          aria-invalid={fieldError ? 'true' : undefined}
          aria-describedby={fieldError ? 'me-email-error' : undefined}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit" class="btn" disabled={busy}>
          {settings.email && !settings.confirmed && draft === settings.email
            ? 'Send me the confirmation link'
            : 'Save and confirm'}
        </button>
        {fieldError && (
          <p id="me-email-error" class="field-error">
            {fieldError}
          </p>
        )}
      </form>
      {!settings.email && viaFacebook && (
        <p>
          <a href={`/api/auth/facebook?email=1&next=${encodeURIComponent('/me/')}`} data-me-email-facebook>
            Use the address Facebook has for me
          </a>{' '}
          <span class="muted">(Facebook asks you first; nothing is sent until you ask for the link.)</span>
        </p>
      )}
      {settings.email && (
        <>
          <p>
            <label>
              <input
                type="checkbox"
                data-me-digest
                checked={settings.digest === 'weekly'}
                onChange={(e) => void setDigest((e.target as HTMLInputElement).checked)}
              />{' '}
              Weekly digest: news, volunteer calls and impact reports from the NGOs and causes you follow and the NGOs
              you pledged to
            </label>
          </p>
          <p class="muted">
            For news from one NGO as soon as it is posted, tick “Email me its news” beside it in the list above.
          </p>
          <p>
            <button type="button" class="linkish danger" onClick={() => void remove()}>
              Remove my address
            </button>
          </p>
        </>
      )}
    </section>
  );
}

/** “Email me its news” beside a followed NGO: instant email on or off for it. */
export function InstantToggle({
  ngoId,
  name,
  initial,
  announce,
}: {
  ngoId: string;
  name: string;
  initial: boolean;
  announce: (message: string) => void;
}) {
  const [on, setOn] = useState(initial);
  const toggle = async (next: boolean) => {
    const answer = next
      ? await callApi('enableInstantEmail', { params: { id: ngoId } })
      : await callApi('disableInstantEmail', { params: { id: ngoId } });
    if (!answer.ok) {
      announce(`Could not change email for ${name}: ${answer.message}`);
      return;
    }
    setOn(next);
    announce(
      next
        ? `${name}'s news will be emailed to you as soon as it is posted${answer.data.confirmed ? '' : ', once your address is confirmed'}.`
        : `No more instant email from ${name}.`,
    );
  };
  return (
    <label class="instant-toggle">
      <input
        type="checkbox"
        data-me-instant={ngoId}
        checked={on}
        onChange={(e) => void toggle((e.target as HTMLInputElement).checked)}
      />{' '}
      Email me its news
    </label>
  );
}
