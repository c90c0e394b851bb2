import type { Ngo } from '../../model/ngo.ts';
import { formatRegistryNumber, truncate } from './format.ts';
import { getCountryName, getPlaceName } from '../../model/places.ts';
import { getCause } from '../../model/causes.ts';
import { describeNgoCard, getNgoCardPath } from '../../model/ngo-card.ts';
import { SOCIAL_NETWORK_IDS, toMediaPath, type PublishedProfile } from '../../model/ngo-profile.ts';

/** Search-engine and social-sharing metadata built from an NGO record. */

export const SITE_NAME = 'Jumo';
/** The language of every page's text (British spelling), as Open Graph names it. */
export const OG_LOCALE = 'en_GB';

/** A 1200×630 social card: its site path and alt text that says what the card itself shows. */
export type SocialImage = { path: string; alt: string };

/** public/og/default.png, word for word. */
export const DEFAULT_OG_IMAGE: SocialImage = {
  path: '/og/default.png',
  alt:
    'Jumo: Find the NGOs behind the causes you care about. An open directory of 35,000 NGOs from public ' +
    'registers. Follow them, pledge support and give directly on their own websites.',
};

/** The closing line of every cause card (scripts/og-images.ts draws it, the alt text repeats it). */
export const CAUSE_CARD_CALL = 'Follow the NGOs behind it and pledge your support.';

/** A cause's social card (public/og/causes/, made by scripts/og-images.ts); the default otherwise. */
export function getCauseOgImage(causeId: string | undefined): SocialImage {
  const cause = causeId ? getCause(causeId) : undefined;
  if (!cause) return DEFAULT_OG_IMAGE;
  return {
    path: `/og/causes/${cause.id}.png`,
    alt: `Jumo, cause: ${cause.name}. ${cause.blurb} ${CAUSE_CARD_CALL}`,
  };
}

/**
 * An NGO's own share card, drawn on demand by the API (GET /api/ngos/{id}/card.png) from the
 * same facts the page shows: 35,000 more PNGs in the build would break the deploy's file budget.
 */
export function getNgoOgImage(
  ngo: Pick<Ngo, 'id' | 'name' | 'causes'> & { location: { country: string } },
): SocialImage {
  const card = describeNgoCard({ name: ngo.name, country: ngo.location.country, firstCause: ngo.causes[0] });
  return { path: getNgoCardPath(ngo.id), alt: card.alt };
}

/** Meta description: the record's own summary, cut to what result pages show. */
export function describeForMeta(text: string, max = 158): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  // Whole sentences read better than a cut one; fall back to a word boundary.
  let out = '';
  for (const sentence of clean.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)) {
    const longer = out ? `${out} ${sentence}` : sentence;
    if (longer.length > max) break;
    out = longer;
  }
  return out.length >= 60 ? out : truncate(clean, max);
}

/** schema.org NGO object for the page at `pageUrl` (absolute). */
export function buildNgoJsonLd(ngo: Ngo, pageUrl: string, profile?: PublishedProfile): Record<string, unknown> {
  const { city, region, postcode, country } = ngo.location;
  const website = ngo.website ?? profile?.website;
  const social = SOCIAL_NETWORK_IDS.map((id) => profile?.social?.[id]).filter((url): url is string => Boolean(url));
  const sameAs = [...(ngo.registry?.url ? [ngo.registry.url] : []), ...(website ? [website] : []), ...social];
  return {
    '@context': 'https://schema.org',
    '@type': 'NGO',
    '@id': `${pageUrl}#organization`,
    name: ngo.name,
    // The NGO's own mission when it gave one (Markdown source: plain enough for a description).
    description: profile?.mission ? truncate(profile.mission.replace(/\s+/g, ' ').trim(), 500) : ngo.summary,
    url: pageUrl,
    ...(profile?.logo ? { logo: new URL(toMediaPath(profile.logo), pageUrl).href } : {}),
    ...(profile?.yearFounded ? { foundingDate: String(profile.yearFounded) } : {}),
    ...(profile?.contactEmail ? { email: profile.contactEmail } : {}),
    identifier: [
      { '@type': 'PropertyValue', propertyID: 'org-id', value: ngo.id },
      ...(ngo.registry
        ? [
            {
              '@type': 'PropertyValue',
              propertyID: ngo.registry.name,
              value: formatRegistryNumber(ngo),
              ...(ngo.registry.url ? { url: ngo.registry.url } : {}),
            },
          ]
        : []),
    ],
    address: {
      '@type': 'PostalAddress',
      ...(city ? { addressLocality: city } : {}),
      ...(region ? { addressRegion: getPlaceName(region) } : {}),
      ...(postcode ? { postalCode: postcode } : {}),
      addressCountry: country,
    },
    ...(ngo.countriesServed?.length
      ? { areaServed: ngo.countriesServed.map((c) => ({ '@type': 'Country', name: getCountryName(c), identifier: c })) }
      : {}),
    ...(ngo.classification?.label ? { knowsAbout: ngo.classification.label } : {}),
    sameAs,
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the script. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export type ShareLink = { name: string; href: string };

/** Plain share links (no third-party scripts): they open each network's own share page. */
export function buildShareLinks(pageUrl: string, text: string): ShareLink[] {
  const u = encodeURIComponent(pageUrl);
  const t = encodeURIComponent(text);
  return [
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'X', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${text} ${pageUrl}`)}` },
    { name: 'Email', href: `mailto:?subject=${t}&body=${encodeURIComponent(`${text}\n\n${pageUrl}`)}` },
  ];
}
