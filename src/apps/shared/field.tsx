import type { InputHTMLAttributes, JSX, TextareaHTMLAttributes } from 'preact';
import { useContext, useId } from 'preact/hooks';
import { FormErrorContext } from './form-error.ts';

type Common = { label: string; name: string; hint?: string };
type InputField = Common & { multiline?: false } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;
type TextareaField = Common & { multiline: true } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id'>;

/**
 * A labelled control with its hint and error line tied to it (aria-describedby), so a screen
 * reader reads the API's message with the field it is about.
 */
export function Field(props: InputField | TextareaField) {
  const id = useId();
  const error = useContext(FormErrorContext);
  const message = error && error.field === props.name ? error.message : undefined;
  const describedBy = [props.hint ? `${id}-hint` : null, `${id}-err`].filter(Boolean).join(' ');
  const shared = { id, 'aria-describedby': describedBy, 'aria-invalid': message ? ('true' as const) : undefined };
  let control: JSX.Element;
  if (props.multiline) {
    const { label: _label, hint: _hint, multiline: _multiline, ...rest } = props;
    control = <textarea {...rest} {...shared} />;
  } else {
    const { label: _label, hint: _hint, multiline: _multiline, ...rest } = props;
    control = <input {...rest} {...shared} />;
  }
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {control}
      <p class="field-error" id={`${id}-err`} hidden={!message}>
        {message}
      </p>
    </div>
  );
}
