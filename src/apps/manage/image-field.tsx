import { useContext, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { FormErrorContext } from '../shared/form-error.ts';

export type StoredImage = { key: string; url: string };

type Props = {
  ngoId: string;
  /** The chosen image, or null. */
  image: StoredImage | null;
  onChange: (image: StoredImage | null) => void;
  /** The form's field for the image's key: its hidden input and the API's `field` on a refused save. */
  field: string;
  /** Element id stem: `<id>`, `<id>-hint`, `<id>-err`; the file input is named `<fileName>`. */
  id: string;
  fileName: string;
  label: string;
  hint: string;
  removeLabel: string;
  /** The preview's alt text, size and data attribute (tests and styles find it by that). */
  preview: { alt: string; width: number; height?: number; data: string };
};

/**
 * An image of an NGO (its logo, a report's photo): the chosen file is uploaded as it is (the API
 * judges its bytes: PNG, JPEG or WebP up to 256 KB) and the form keeps the key the upload answers;
 * saving the form makes it theirs.
 */
export function ImageField(props: Props) {
  const { ngoId, image, onChange, field, id, fileName, label, hint, removeLabel, preview } = props;
  const [error, setError] = useState('');
  // A save the API refused because of this image.
  const formError = useContext(FormErrorContext);
  const message = error || (formError?.field === field ? formError.message : '');
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
      <label for={id}>{label}</label>
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {image && (
        <img
          src={image.url}
          alt={preview.alt}
          width={preview.width}
          height={preview.height}
          {...{ [`data-${preview.data}`]: true }}
        />
      )}
      <input
        id={id}
        name={fileName}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-describedby={`${id}-hint ${id}-err`}
        aria-invalid={message ? 'true' : undefined}
        disabled={busy}
        onChange={(e) => void upload(e)}
      />
      <input type="hidden" name={field} value={image?.key ?? ''} />
      {image && (
        <button type="button" class="linkish" onClick={() => onChange(null)}>
          {removeLabel}
        </button>
      )}
      <p class="field-error" id={`${id}-err`} role="alert" hidden={!message}>
        {message}
      </p>
    </div>
  );
}
