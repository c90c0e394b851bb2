import type { NgoProfileData } from '../../../model/ngo-profile.ts';
import { SafeHtml } from '../shared/safe-html.tsx';

const SOCIAL_LABELS: Record<string, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};

/**
 * The page's "In its own words" section as the saved profile will show it (the server's
 * rendering of the Markdown, the same HTML the page gets), so a manager sees it before it is live.
 */
export function ProfilePreview({
  profile,
  logoUrl,
  name,
}: {
  profile: NgoProfileData;
  logoUrl: string | null;
  name: string;
}) {
  const socials = Object.entries(profile.social ?? {}).filter(([, url]) => url);
  return (
    <section class="ngo-provided-preview panel" aria-label="Preview of the page section">
      <div class="provided-head">
        {logoUrl && <img src={logoUrl} alt={`${name} logo`} width={72} height={72} />}
        <div>
          <h3>In its own words</h3>
          <p class="meta">Provided by the NGO</p>
        </div>
      </div>
      {profile.missionHtml && (
        <>
          <h4>Mission</h4>
          <SafeHtml html={profile.missionHtml} class="prose" />
        </>
      )}
      {profile.descriptionHtml && (
        <>
          <h4>What it does</h4>
          <SafeHtml html={profile.descriptionHtml} class="prose" />
        </>
      )}
      <dl class="facts">
        {profile.website && (
          <>
            <dt>Website</dt>
            <dd>{profile.website}</dd>
          </>
        )}
        {profile.donationUrl && (
          <>
            <dt>Donate</dt>
            <dd>{profile.donationUrl}</dd>
          </>
        )}
        {profile.contactEmail && (
          <>
            <dt>Contact</dt>
            <dd>{profile.contactEmail}</dd>
          </>
        )}
        {profile.yearFounded && (
          <>
            <dt>Founded</dt>
            <dd>{profile.yearFounded}</dd>
          </>
        )}
        {profile.languages && profile.languages.length > 0 && (
          <>
            <dt>Languages</dt>
            <dd>{profile.languages.join(', ')}</dd>
          </>
        )}
        {profile.countriesServed && profile.countriesServed.length > 0 && (
          <>
            <dt>Works in</dt>
            <dd>{profile.countriesServed.join(', ')}</dd>
          </>
        )}
      </dl>
      {socials.length > 0 && <p>{socials.map(([id]) => SOCIAL_LABELS[id] ?? id).join(' · ')}</p>}
    </section>
  );
}
