import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { ApiForm } from '../shared/api-form.tsx';
import type { Opportunity } from '../shared/api-types.ts';
import { Field } from '../shared/field.tsx';
import { readOptional, readText, type FormValues } from '../shared/read-form.ts';
import { OpportunityRow } from './opportunity-row.tsx';

/** A manager's volunteering: post or edit an opportunity, and every one of the NGO's, closed ones too. */
export function VolunteerSection({ ngoId }: { ngoId: string }) {
  const [opportunities, setOpportunities] = useState<Opportunity[]>([]);
  const [editing, setEditing] = useState<Opportunity | null>(null);
  const [draft, setDraft] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  const refresh = async () => {
    const answer = await callApi('listNgoOpportunities', { params: { id: ngoId }, query: { all: '1' } });
    setOpportunities(answer.ok ? answer.data.opportunities : []);
  };
  useEffect(() => {
    void refresh();
  }, [ngoId]);
  useEffect(() => {
    if (editing) form.current?.querySelector<HTMLInputElement>('[name=title]')?.focus();
  }, [editing, draft]);

  const send = (values: FormValues) => {
    const body = {
      title: readText(values, 'title'),
      description: readText(values, 'description'),
      place: readOptional(values, 'place'),
      remote: values.remote === true,
      commitment: readText(values, 'commitment'),
      skills: readOptional(values, 'skills'),
      closesOn: readOptional(values, 'closesOn'),
    };
    return editing
      ? callApi('updateOpportunity', { params: { id: editing.id }, body })
      : callApi('createOpportunity', { params: { id: ngoId }, body });
  };
  const startDraft = (opportunity: Opportunity | null) => {
    setEditing(opportunity);
    setDraft((n) => n + 1);
  };
  const toggleOpen = async (o: Opportunity) => {
    const answer = await callApi('updateOpportunity', {
      params: { id: o.id },
      body: { status: o.status === 'open' ? 'closed' : 'open' },
    });
    if (answer.ok) void refresh();
  };

  return (
    <section class="eng-section" aria-labelledby="h-vol-manage">
      <h2 id="h-vol-manage">Volunteering</h2>
      <h3>{editing ? `Edit “${editing.title}”` : 'Post an opportunity'}</h3>
      <ApiForm
        submitLabel="Save opportunity"
        doneMessage="Saved."
        formRef={form}
        send={send}
        onDone={() => {
          startDraft(null);
          void refresh();
        }}
      >
        <Fragment key={draft}>
          <Field label="Title" name="title" required maxLength={140} defaultValue={editing?.title ?? ''} />
          <Field
            multiline
            label="Description"
            name="description"
            required
            maxLength={3000}
            rows={5}
            defaultValue={editing?.description ?? ''}
          />
          <Field
            label="Where"
            name="place"
            maxLength={120}
            hint="A town or address; leave empty for remote-only roles."
            defaultValue={editing?.place ?? ''}
          />
          <div class="field">
            <label>
              <input type="checkbox" name="remote" defaultChecked={editing?.remote ?? false} /> Can be done remotely
            </label>
          </div>
          <Field
            label="Time commitment"
            name="commitment"
            required
            maxLength={120}
            placeholder="e.g. 3 hours a week"
            defaultValue={editing?.commitment ?? ''}
          />
          <Field label="Skills (optional)" name="skills" maxLength={300} defaultValue={editing?.skills ?? ''} />
          <Field label="Closing date (optional)" name="closesOn" type="date" defaultValue={editing?.closesOn ?? ''} />
        </Fragment>
      </ApiForm>
      <h3>Opportunities</h3>
      <ul class="eng-list">
        {opportunities.map((o) => (
          <OpportunityRow
            key={o.id}
            opportunity={o}
            onEdit={() => startDraft(o)}
            onToggleOpen={() => void toggleOpen(o)}
          />
        ))}
      </ul>
    </section>
  );
}
