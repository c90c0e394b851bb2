import { useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { ApiForm } from './api-form.tsx';
import { Field } from './field.tsx';
import { readText } from './read-form.ts';

/** "Report" as a disclosure with a reason field, for posts, opportunities and impact reports. */
export function ReportForm({ kind, itemId }: { kind: 'post' | 'opportunity' | 'impact_report'; itemId: string }) {
  const [sent, setSent] = useState(false);
  return (
    <details class="eng-report">
      <summary>Report</summary>
      {sent ? (
        <p role="status">Thank you: an administrator will look at it.</p>
      ) : (
        <ApiForm
          submitLabel="Send report"
          browserValidation
          send={(values) => callApi('createReport', { body: { kind, itemId, reason: readText(values, 'reason') } })}
          onDone={() => setSent(true)}
        >
          <Field label="Why should this not be on Jumo?" name="reason" required maxLength={500} minLength={3} />
        </ApiForm>
      )}
    </details>
  );
}
