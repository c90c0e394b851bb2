import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiAnswer } from '../../scripts/api-client.ts';
import { FormErrorContext, type FormError } from './form-error.ts';
import { readForm, type FormValues } from './read-form.ts';

type Props<T> = {
  submitLabel: string;
  /** Sends the form's values; the answer's `field` puts the message beside that control. */
  send: (values: FormValues) => Promise<ApiAnswer<T>>;
  onDone?: (data: T) => void;
  /** Said in the form's status line after a success ("Saved."). */
  doneMessage?: string;
  /** Forms whose every rule the API states leave the browser's own checks off. */
  browserValidation?: boolean;
  class?: string;
  formRef?: Ref<HTMLFormElement>;
  children: ComponentChildren;
};

/**
 * A form that sends JSON through the API client: the button is off while it is on its way, a
 * refusal is said in the status line and beside the field it names (which gets the focus).
 */
export function ApiForm<T>({
  submitLabel,
  send,
  onDone,
  doneMessage = '',
  browserValidation = false,
  class: className = 'eng-form',
  formRef,
  children,
}: Props<T>) {
  const form = useRef<HTMLFormElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (error?.field) form.current?.querySelector<HTMLElement>(`[name="${CSS.escape(error.field)}"]`)?.focus();
  }, [error]);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!form.current) return;
    setBusy(true);
    const answer = await send(readForm(form.current));
    setBusy(false);
    if (!answer.ok) {
      setError({ field: answer.field, message: answer.message });
      setStatus(answer.message);
      return;
    }
    setError(null);
    setStatus(doneMessage);
    onDone?.(answer.data);
  };

  const setRefs = (node: HTMLFormElement | null) => {
    form.current = node;
    if (typeof formRef === 'function') formRef(node);
    else if (formRef) formRef.current = node;
  };

  return (
    <form class={className} noValidate={!browserValidation} ref={setRefs} onSubmit={submit}>
      <FormErrorContext.Provider value={error}>{children}</FormErrorContext.Provider>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
      <p class="form-status" role="status">
        {status}
      </p>
    </form>
  );
}
