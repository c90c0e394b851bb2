import { useContext, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { CAUSES, type CauseId } from '../../../model/causes.ts';
import { NOT_REGISTERED, REGISTERS, type REGISTER_CHOICES } from '../../../model/registers.ts';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { ApiForm } from '../shared/api-form.tsx';
import { Field } from '../shared/field.tsx';
import { FormErrorContext } from '../shared/form-error.ts';
import { readOptional, readText, type FormValues } from '../shared/read-form.ts';
import { listCountries } from './country-options.ts';

type Created = ApiResult<'createProposal'>;

/** A select with its label and the API's message when it names the select. */
function SelectField(
  props: { label: string; name: string; hint?: string; children: ComponentChildren } & {
    value: string;
    onChange: (value: string) => void;
  },
) {
  const error = useContext(FormErrorContext);
  const message = error?.field === props.name ? error.message : undefined;
  const id = `join-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && <p class="field-hint">{props.hint}</p>}
      <select
        id={id}
        name={props.name}
        required
        value={props.value}
        aria-invalid={message ? 'true' : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.children}
      </select>
      <p class="field-error" hidden={!message}>
        {message}
      </p>
    </div>
  );
}

/** One to three causes as checkboxes; the API's message about `causes` shows under them. */
function CauseChoice() {
  const error = useContext(FormErrorContext);
  const message = error?.field?.startsWith('causes') ? error.message : undefined;
  return (
    <fieldset class="field" aria-invalid={message ? 'true' : undefined}>
      <legend>What it works on (one to three causes)</legend>
      {CAUSES.map((cause) => (
        <label key={cause.id} class="checkbox">
          <input type="checkbox" name={`cause-${cause.id}`} /> {cause.name}
        </label>
      ))}
      <p class="field-error" hidden={!message}>
        {message}
      </p>
    </fieldset>
  );
}

function readCauses(values: FormValues): CauseId[] {
  return CAUSES.filter((c) => values[`cause-${c.id}`] === true).map((c) => c.id);
}

/** "Add your NGO": the organisation's facts and the proposer's role and work email. */
export function ProposalForm({ onCreated }: { onCreated: (created: Created) => void }) {
  const countries = useMemo(listCountries, []);
  const [country, setCountry] = useState('');
  const [register, setRegister] = useState(NOT_REGISTERED);
  const local = REGISTERS.filter((r) => r.country === country);
  const elsewhere = REGISTERS.filter((r) => r.country !== country);
  const chosen = REGISTERS.find((r) => r.code === register);
  return (
    <ApiForm
      submitLabel="Propose this organisation"
      send={(values) =>
        callApi('createProposal', {
          body: {
            name: readText(values, 'name'),
            country: readText(values, 'country'),
            city: readOptional(values, 'city') ?? undefined,
            register: readText(values, 'register') as (typeof REGISTER_CHOICES)[number],
            registrationNumber: readOptional(values, 'registrationNumber') ?? undefined,
            website: readOptional(values, 'website') ?? undefined,
            mission: readText(values, 'mission'),
            causes: readCauses(values),
            role: readText(values, 'role'),
            workEmail: readText(values, 'workEmail'),
          },
        })
      }
      onDone={onCreated}
    >
      <Field label="Organisation name" name="name" required maxLength={200} autocomplete="organization" />
      <SelectField label="Country where it is based" name="country" value={country} onChange={setCountry}>
        <option value="">Choose a country</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field label="Town or city (optional)" name="city" maxLength={80} />
      <SelectField
        label="Register it is on"
        name="register"
        hint="From org-id.guide's list of registers. Choose “Not on a register” if none applies."
        value={register}
        onChange={setRegister}
      >
        <option value={NOT_REGISTERED}>Not on a register</option>
        {local.length > 0 && (
          <optgroup label="Registers of this country">
            {local.map((r) => (
              <option key={r.code} value={r.code}>{`${r.name} (${r.code})`}</option>
            ))}
          </optgroup>
        )}
        <optgroup label={local.length > 0 ? 'Other registers' : 'Registers'}>
          {elsewhere.map((r) => (
            <option key={r.code} value={r.code}>{`${r.name} (${r.code})`}</option>
          ))}
        </optgroup>
      </SelectField>
      {register !== NOT_REGISTERED && (
        <Field
          label="Registration number"
          name="registrationNumber"
          required
          maxLength={60}
          hint={
            chosen?.example ? `As the register writes it, such as ${chosen.example}.` : 'As the register writes it.'
          }
        />
      )}
      <Field label="Website (optional)" name="website" type="url" maxLength={500} placeholder="https://" />
      <Field
        label="What the organisation does"
        name="mission"
        multiline
        required
        rows={5}
        maxLength={2000}
        hint="In its own words, 20 to 2,000 characters: shown on its page as such."
      />
      <CauseChoice />
      <Field label="Your role there" name="role" required maxLength={80} autocomplete="organization-title" />
      <Field
        label="Your work email"
        name="workEmail"
        type="email"
        required
        maxLength={254}
        autocomplete="email"
        hint="We send a link to confirm it. An address at the organisation's website domain helps the review most."
      />
    </ApiForm>
  );
}
