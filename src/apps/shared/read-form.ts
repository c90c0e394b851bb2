export type FormValues = Record<string, string | boolean | null>;

/**
 * A form's named controls as the API wants them: text trimmed, checkboxes as booleans, and an
 * optional field left empty as null (a required one stays '' so the API names it).
 */
export function readForm(form: HTMLFormElement): FormValues {
  const values: FormValues = {};
  for (const control of form.querySelectorAll<HTMLInputElement>('input[name], textarea[name], select[name]')) {
    if (control.type === 'checkbox') values[control.name] = control.checked;
    else values[control.name] = control.value.trim() === '' && !control.required ? null : control.value.trim();
  }
  return values;
}

/** A text value for a request body ('' for an empty optional field). */
export function readText(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

/** An optional text value: null when left empty. */
export function readOptional(values: FormValues, name: string): string | null {
  const value = values[name];
  return typeof value === 'string' ? value : null;
}
