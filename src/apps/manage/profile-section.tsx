import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ProfileViewJson } from '../../../model/api/profiles.ts';
import { callApi } from '../../scripts/api-client.ts';
import { ApiForm } from '../shared/api-form.tsx';
import { Field } from '../shared/field.tsx';
import { readOptional, type FormValues } from '../shared/read-form.ts';
import { ImageField } from './image-field.tsx';
import { ProfilePreview } from './profile-preview.tsx';
import { PublishStatus } from './publish-status.tsx';

const SOCIAL_FIELDS = [
  ['facebook', 'Facebook', 'https://www.facebook.com/…'],
  ['instagram', 'Instagram', 'https://www.instagram.com/…'],
  ['x', 'X (Twitter)', 'https://x.com/…'],
  ['linkedin', 'LinkedIn', 'https://www.linkedin.com/company/…'],
  ['youtube', 'YouTube', 'https://www.youtube.com/@…'],
  ['tiktok', 'TikTok', 'https://www.tiktok.com/@…'],
] as const;

/** "en, ga" → ["en", "ga"]; empty → null. */
function readCodes(values: FormValues, name: string, toCase: (s: string) => string): string[] | null {
  const text = readOptional(values, name);
  const codes =
    text
      ?.split(/[\s,;]+/)
      .filter(Boolean)
      .map(toCase) ?? [];
  return codes.length ? codes : null;
}

function readYear(values: FormValues): number | null {
  const text = readOptional(values, 'yearFounded');
  if (text === null) return null;
  const year = Number(text);
  // Not a number: sent as typed, so the API names the field instead of JSON turning NaN into null.
  return Number.isFinite(year) ? year : (text as unknown as number);
}

/**
 * The NGO's own profile: what the registers lack (mission, links, logo…). Saved through the API,
 * shown on the page from the next publish (export + build) on; the preview shows the saved version
 * as the page will.
 */
export function ProfileSection({ ngoId, ngoName }: { ngoId: string; ngoName: string }) {
  const [view, setView] = useState<ProfileViewJson | null>(null);
  const [logo, setLogo] = useState<{ key: string; url: string } | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  // Reloaded fields start afresh from the saved profile.
  const [version, setVersion] = useState(0);

  const show = (loaded: ProfileViewJson) => {
    setView(loaded);
    setLogo(loaded.profile?.logo && loaded.logoUrl ? { key: loaded.profile.logo, url: loaded.logoUrl } : null);
    setVersion((n) => n + 1);
  };
  useEffect(() => {
    void callApi('getNgoProfile', { params: { id: ngoId } }).then((answer) => answer.ok && show(answer.data));
  }, [ngoId]);

  const send = async (values: FormValues) => {
    const social = Object.fromEntries(SOCIAL_FIELDS.map(([id]) => [id, readOptional(values, `social.${id}`)]));
    const answer = await callApi('saveNgoProfile', {
      params: { id: ngoId },
      body: {
        mission: readOptional(values, 'mission'),
        description: readOptional(values, 'description'),
        website: readOptional(values, 'website'),
        donationUrl: readOptional(values, 'donationUrl'),
        social,
        contactEmail: readOptional(values, 'contactEmail'),
        languages: readCodes(values, 'languages', (s) => s.toLowerCase()),
        countriesServed: readCodes(values, 'countriesServed', (s) => s.toUpperCase()),
        yearFounded: readYear(values),
        logo: logo?.key ?? null,
      },
    });
    // A list's refusal names the item ("languages.1"): show it beside the list's one field.
    if (!answer.ok && answer.field) answer.field = answer.field.replace(/\.\d+$/, '');
    return answer;
  };

  if (!view) return null;
  const p = view.profile;
  return (
    <section class="eng-section" aria-labelledby="h-profile-manage" data-profile-section>
      <h2 id="h-profile-manage">Profile</h2>
      <p>
        Add what the public registers lack. It appears on your page apart from the registry’s facts, marked “Provided by
        the NGO”.
      </p>
      <PublishStatus updatedAt={view.updatedAt} justSaved={justSaved} />
      <ApiForm
        submitLabel="Save the profile"
        doneMessage="Saved. It goes live on the site at the next publish."
        send={send}
        onDone={(saved) => {
          setJustSaved(true);
          show(saved);
        }}
      >
        <Fragment key={version}>
          <Field
            multiline
            label="Mission"
            name="mission"
            maxLength={5000}
            rows={4}
            hint="Markdown: **bold**, _italic_, [links](https://…), lists. No HTML. Up to 5,000 characters."
            defaultValue={p?.mission ?? ''}
          />
          <Field
            multiline
            label="What you do"
            name="description"
            maxLength={5000}
            rows={6}
            defaultValue={p?.description ?? ''}
          />
          <Field label="Website" name="website" type="url" placeholder="https://" defaultValue={p?.website ?? ''} />
          <Field
            label="Donation page"
            name="donationUrl"
            type="url"
            placeholder="https://"
            hint="The page’s “Donate on their website” button goes here."
            defaultValue={p?.donationUrl ?? ''}
          />
          {SOCIAL_FIELDS.map(([id, label, placeholder]) => (
            <Field
              key={id}
              label={label}
              name={`social.${id}`}
              type="url"
              placeholder={placeholder}
              defaultValue={p?.social?.[id] ?? ''}
            />
          ))}
          <Field
            label="Public contact email"
            name="contactEmail"
            type="email"
            hint="Shown on the page."
            defaultValue={p?.contactEmail ?? ''}
          />
          <Field
            label="Languages"
            name="languages"
            hint="ISO codes separated by commas, e.g. en, es, sw."
            defaultValue={p?.languages?.join(', ') ?? ''}
          />
          <Field
            label="Countries you work in"
            name="countriesServed"
            hint="ISO country codes separated by commas, e.g. KE, UG."
            defaultValue={p?.countriesServed?.join(', ') ?? ''}
          />
          <Field
            label="Year founded"
            name="yearFounded"
            inputMode="numeric"
            defaultValue={p?.yearFounded ? String(p.yearFounded) : ''}
          />
          <ImageField
            ngoId={ngoId}
            image={logo}
            onChange={setLogo}
            field="logo"
            id="profile-logo"
            fileName="logo-file"
            label="Logo"
            hint="PNG, JPEG or WebP, up to 256 KB. It shows on the page once you save and the site is next published."
            removeLabel="Remove the logo"
            preview={{ alt: 'Current logo', width: 72, height: 72, data: 'logo-preview' }}
          />
        </Fragment>
      </ApiForm>
      {p && (
        <>
          <h3>Preview of the saved version</h3>
          <ProfilePreview profile={p} logoUrl={view.logoUrl} name={ngoName} />
        </>
      )}
    </section>
  );
}
