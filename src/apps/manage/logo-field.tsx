import { useContext, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { FormErrorContext } from '../shared/form-error.ts';

type Props = {
  ngoId: string;
  /** The current logo's media key, or null. */
  value: string | null;
  url: string | null;
  onChange: (logo: { key: string; url: string } | null) => void;
};

/**
 * Logo: the chosen file is uploaded as it is (the API judges its bytes: PNG, JPEG or WebP up to
 * 256 KB) and the profile keeps the key the upload answers; saving the form makes it the logo.
 */
export function LogoField({ ngoId, value, url, onChange }: Props) {
  const [error, setError] = useState('');
  // A save the API refused because of the logo (`field: logo`).
  const formError = useContext(FormErrorContext);
  const saveError = formError?.field === 'logo' ? formError.message : '';
  const [busy, setBusy] = useState(false);

  const upload = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    const answer = await callApi('uploadNgoImage', { params: { id: ngoId }, body: file });
    setBusy(false);
    input.value = '';
    if (!answer.ok) return setError(answer.message);
    setError('');
    onChange({ key: answer.data.image.key, url: answer.data.image.url });
  };

  const message = error || saveError;
  return (
    <div class="field">
      <label for="profile-logo">Logo</label>
      <p class="field-hint" id="profile-logo-hint">
        PNG, JPEG or WebP, up to 256 KB. It shows on the page once you save and the site is next published.
      </p>
      {url && <img src={url} alt="Current logo" width={72} height={72} data-logo-preview />}
      <input
        id="profile-logo"
        name="logo-file"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-describedby="profile-logo-hint profile-logo-err"
        aria-invalid={message ? 'true' : undefined}
        disabled={busy}
        onChange={(e) => void upload(e)}
      />
      <input type="hidden" name="logo" value={value ?? ''} />
      {value && (
        <button type="button" class="linkish" onClick={() => onChange(null)}>
          Remove the logo
        </button>
      )}
      <p class="field-error" id="profile-logo-err" role="alert" hidden={!message}>
        {message}
      </p>
    </div>
  );
}
