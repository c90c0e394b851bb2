import { useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { ApiForm } from './api-form.tsx';
import { Field } from './field.tsx';
import { readText } from './read-form.ts';

/** "Volunteer for this": a message to the organisers, then a sign-up they see on /manage/. */
export function SignupForm({ opportunityId }: { opportunityId: string }) {
  const [done, setDone] = useState(false);
  return (
    <details>
      <summary class="eng-more">Volunteer for this</summary>
      {done ? (
        <p role="status">You're signed up: the organisers will contact you.</p>
      ) : (
        <ApiForm
          submitLabel="Sign up"
          browserValidation
          send={(values) =>
            callApi('createSignup', { params: { id: opportunityId }, body: { message: readText(values, 'message') } })
          }
          onDone={() => setDone(true)}
        >
          <Field
            multiline
            label="Message to the organisers (optional)"
            name="message"
            maxLength={1000}
            rows={3}
            hint="Say when you are free, or what you would like to do."
          />
        </ApiForm>
      )}
    </details>
  );
}
