import { createContext } from 'preact';

/** The API's last refusal of a form: `field` (from `answer.field`) is the control that shows it. */
export type FormError = { field?: string; message: string } | null;

export const FormErrorContext = createContext<FormError>(null);
