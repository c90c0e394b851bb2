import { useContext, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { FormErrorContext } from '../shared/form-error.ts';

type Props = {
  ngoId: string;
  /** The chosen photo's media key and address, or null. */
  photo: { key: string; url: string } | null;
  onChange: (photo: { key: string; url: string } | null) => void;
};

/**
 * An impact report's photo: the file is uploaded as it is (the API judges its bytes, as for a
 * logo) and the report keeps the key the upload answers once the form is saved.
 */
export function ReportPhotoField({ ngoId, photo, onChange }: Props) {
  const [error, setError] = useState('');
  const formError = useContext(FormErrorContext);
  const message = error || (formError?.field === 'photoKey' ? formError.message : '');
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

  return (
    <div class="field">
      <label for="report-photo">Photo (optional)</label>
      <p class="field-hint" id="report-photo-hint">
        PNG, JPEG or WebP, up to 256 KB.
      </p>
      {photo && <img src={photo.url} alt="Chosen photo" width={160} data-report-photo-preview />}
      <input
        id="report-photo"
        name="photo-file"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-describedby="report-photo-hint report-photo-err"
        aria-invalid={message ? 'true' : undefined}
        disabled={busy}
        onChange={(e) => void upload(e)}
      />
      <input type="hidden" name="photoKey" value={photo?.key ?? ''} />
      {photo && (
        <button type="button" class="linkish" onClick={() => onChange(null)}>
          Remove the photo
        </button>
      )}
      <p class="field-error" id="report-photo-err" role="alert" hidden={!message}>
        {message}
      </p>
    </div>
  );
}
