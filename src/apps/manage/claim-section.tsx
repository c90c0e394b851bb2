import { useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { ApiForm } from '../shared/api-form.tsx';
import { Field } from '../shared/field.tsx';
import { readOptional, readText } from '../shared/read-form.ts';

type Access = ApiResult<'getNgoAccess'>;

/** For a signed-in person who does not manage the page: their pending claim, or the form to claim it. */
export function ClaimSection({ ngoId, claim }: { ngoId: string; claim: Access['claim'] }) {
  const [sent, setSent] = useState(false);
  if (claim?.status === 'pending') {
    return (
      <section class="eng-section" aria-labelledby="h-claim">
        <h2 id="h-claim">Your claim</h2>
        <p>Thank you: your request to manage this page is waiting for an administrator.</p>
      </section>
    );
  }
  return (
    <section class="eng-section" aria-labelledby="h-claim">
      <h2 id="h-claim">Claim this page</h2>
      <p>Work at this organisation? Ask to manage its page: post news and volunteering opportunities.</p>
      <p class="muted">
        Not this organisation, and yours is not listed? <a href="/join/">Add your NGO</a>.
      </p>
      {claim?.status === 'rejected' && (
        <p>Your earlier claim was not approved. You can send a new one with more detail.</p>
      )}
      {sent ? (
        <p role="status">Claim sent: an administrator will review it.</p>
      ) : (
        <ApiForm
          submitLabel="Send claim"
          doneMessage="Saved."
          send={(values) =>
            callApi('createClaim', {
              params: { id: ngoId },
              body: {
                role: readText(values, 'role'),
                workEmail: readText(values, 'workEmail'),
                note: readOptional(values, 'note') ?? undefined,
              },
            })
          }
          onDone={() => setSent(true)}
        >
          <Field
            label="Your role at the organisation"
            name="role"
            required
            maxLength={80}
            autocomplete="organization-title"
          />
          <Field
            label="Work email"
            name="workEmail"
            type="email"
            required
            maxLength={254}
            autocomplete="email"
            hint="An address on the organisation’s own website domain is the quickest to verify."
          />
          <Field multiline label="Anything that helps us check (optional)" name="note" maxLength={1000} rows={3} />
        </ApiForm>
      )}
    </section>
  );
}
