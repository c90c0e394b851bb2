import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { formatDate, fractionDigits } from '../../scripts/display-format.ts';
import { ApiForm } from '../shared/api-form.tsx';
import type { ImpactReport } from '../shared/api-types.ts';
import { Field } from '../shared/field.tsx';
import { describeAmounts, describePeriod } from '../shared/impact-report-item.tsx';
import { readOptional, readText, type FormValues } from '../shared/read-form.ts';
import { ImageField } from './image-field.tsx';

/**
 * "12500.50" in the currency's major unit → minor units for the API. Anything that is not an
 * amount goes as typed, so the API refuses it and the message shows beside the field.
 */
function toMinor(value: string | null, currency: string | null): number | string | null {
  if (value === null) return null;
  const digits = fractionDigits(currency ?? 'USD');
  const clean = value.replace(/[\s,]/g, '');
  if (!/^\d+(\.\d+)?$/.test(clean) || (clean.split('.')[1]?.length ?? 0) > digits) return value;
  return Math.round(Number(clean) * 10 ** digits);
}

/** Minor units back to what a manager typed, for editing. */
function toMajor(minor: number | null, currency: string | null): string {
  if (minor === null) return '';
  const digits = fractionDigits(currency ?? 'USD');
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * A manager's impact reports: publish or edit one (period, money received and spent, what was
 * achieved, a photo), and the published ones with Edit and Delete. Pages are static, so a
 * report reaches the NGO page and its own page at the next publish; followers and pledgers
 * see it in their feed at once.
 */
export function ImpactSection({ ngoId }: { ngoId: string }) {
  const [reports, setReports] = useState<ImpactReport[]>([]);
  const [editing, setEditing] = useState<ImpactReport | null>(null);
  const [photo, setPhoto] = useState<{ key: string; url: string } | null>(null);
  const [draft, setDraft] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  const refresh = async () => {
    const answer = await callApi('listNgoImpactReports', { params: { id: ngoId } });
    setReports(answer.ok ? answer.data.reports : []);
  };
  useEffect(() => {
    void refresh();
  }, [ngoId]);
  useEffect(() => {
    if (editing) form.current?.querySelector<HTMLInputElement>('[name=title]')?.focus();
  }, [editing, draft]);

  const send = (values: FormValues) => {
    const currency = readOptional(values, 'currency')?.toUpperCase() ?? null;
    // The API states every rule (amounts need a currency, the period ends by today): the form
    // sends what was typed and shows the refusal beside the field it names.
    const body = {
      title: readText(values, 'title'),
      periodStart: readText(values, 'periodStart'),
      periodEnd: readText(values, 'periodEnd'),
      currency,
      receivedMinor: toMinor(readOptional(values, 'receivedMinor'), currency) as number | null,
      spentMinor: toMinor(readOptional(values, 'spentMinor'), currency) as number | null,
      body: readText(values, 'body'),
      photoKey: readOptional(values, 'photoKey'),
    };
    return editing
      ? callApi('updateImpactReport', { params: { id: editing.id }, body })
      : callApi('createImpactReport', { params: { id: ngoId }, body });
  };
  const startDraft = (report: ImpactReport | null) => {
    setEditing(report);
    setPhoto(report?.photoKey && report.photoUrl ? { key: report.photoKey, url: report.photoUrl } : null);
    setDraft((n) => n + 1);
  };
  const remove = async (report: ImpactReport) => {
    if (!confirm(`Delete “${report.title}”?`)) return;
    const answer = await callApi('deleteImpactReport', { params: { id: report.id } });
    if (answer.ok) void refresh();
    else alert(answer.message);
  };

  return (
    <section class="eng-section" aria-labelledby="h-impact-manage" data-impact-section>
      <h2 id="h-impact-manage">Impact reports</h2>
      <p class="meta">
        Tell supporters what their money did. A report reaches your followers’ and pledgers’ feeds at once, and is live
        on the site (your page and its own shareable page) at the next publish.
      </p>
      <h3>{editing ? `Edit “${editing.title}”` : 'Publish a report'}</h3>
      <ApiForm
        submitLabel="Publish report"
        doneMessage="Saved. Live on the site at the next publish."
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
            label="Period from"
            name="periodStart"
            type="date"
            required
            defaultValue={editing?.periodStart ?? ''}
          />
          <Field
            label="Period to"
            name="periodEnd"
            type="date"
            required
            hint="Not after today: a report tells what happened."
            defaultValue={editing?.periodEnd ?? ''}
          />
          <Field
            label="Currency (optional)"
            name="currency"
            maxLength={3}
            placeholder="GBP"
            hint="Needed when you give an amount (ISO code: GBP, USD, EUR…)."
            defaultValue={editing?.currency ?? ''}
          />
          <Field
            label="Money received (optional)"
            name="receivedMinor"
            inputMode="decimal"
            placeholder="12500.00"
            defaultValue={toMajor(editing?.receivedMinor ?? null, editing?.currency ?? null)}
          />
          <Field
            label="Money spent (optional)"
            name="spentMinor"
            inputMode="decimal"
            placeholder="9800.00"
            defaultValue={toMajor(editing?.spentMinor ?? null, editing?.currency ?? null)}
          />
          <Field
            multiline
            label="What was achieved"
            name="body"
            required
            maxLength={5000}
            rows={8}
            hint="Markdown: **bold**, _italic_, [links](https://…), lists. No HTML."
            defaultValue={editing?.bodyMarkdown ?? ''}
          />
          <ImageField
            ngoId={ngoId}
            image={photo}
            onChange={setPhoto}
            field="photoKey"
            id="report-photo"
            fileName="photo-file"
            label="Photo (optional)"
            hint="PNG, JPEG or WebP, up to 256 KB."
            removeLabel="Remove the photo"
            preview={{ alt: 'Chosen photo', width: 160, data: 'report-photo-preview' }}
          />
        </Fragment>
      </ApiForm>
      {editing && (
        <p>
          <button type="button" class="linkish" onClick={() => startDraft(null)}>
            Cancel the edit
          </button>
        </p>
      )}
      <h3>Published</h3>
      <ul class="eng-list" data-impact-list>
        {reports.map((r) => (
          <li class="eng-item" key={r.id}>
            <h3>{r.title}</h3>
            <p class="meta">
              Covers {describePeriod(r)} · published {formatDate(r.createdAt)}
            </p>
            {describeAmounts(r) && <p class="meta">{describeAmounts(r)}</p>}
            <div class="eng-actions">
              <button type="button" onClick={() => startDraft(r)}>
                Edit
              </button>
              <button type="button" onClick={() => void remove(r)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
