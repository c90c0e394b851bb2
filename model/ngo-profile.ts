import { z } from 'zod';

/**
 * What an NGO's managers add to its page beyond the registers: the NGO-provided profile. The
 * same schema checks what a manager saves (through the API), what the database keeps, what the
 * export step writes to content/profiles.jsonl and what the site reads at build time, so a
 * profile that reaches a page has passed it at least twice.
 */

// ——— public web addresses ———

/** Host names that can never be a public website. */
const LOCAL_HOST = /(^|\.)(localhost|local|localdomain|internal|intranet|lan|home|corp|test|invalid|example|onion)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * A public https address, normalised: scheme added when missing ("example.org/give"), host in
 * lower case without a trailing dot, default port and fragment dropped. Refused: other schemes,
 * credentials, IP addresses (a public NGO site has a name; this also rules out private ranges,
 * loopback and metadata addresses, however they are spelled), local and single-label names.
 */
export function normalizePublicUrl(input: string): UrlCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: 'required' };
  if (text.length > 500) return { ok: false, message: 'at most 500 characters' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: 'a web address such as https://example.org' };
  }
  if (url.protocol === 'http:') return { ok: false, message: 'an https:// address (the site must support https)' };
  if (url.protocol !== 'https:') return { ok: false, message: 'an https:// web address' };
  if (url.username || url.password) return { ok: false, message: 'an address without a user name or password' };
  const host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('[') || IPV4.test(host) || /^\d+$/.test(host) || /^0x/i.test(host)) {
    return { ok: false, message: 'a domain name, not an IP address' };
  }
  if (!host.includes('.') || LOCAL_HOST.test(host)) return { ok: false, message: 'a public web address' };
  if (!/^[a-z0-9.-]+$/.test(host) || host.split('.').some((label) => !label || label.length > 63)) {
    return { ok: false, message: 'a valid domain name' };
  }
  url.hostname = host;
  url.hash = '';
  return { ok: true, url: url.toString() };
}

/** normalizePublicUrl as a zod field: the output is the normalised address. */
export const publicUrlSchema = z
  .string()
  .max(500, 'at most 500 characters')
  .transform((value, ctx) => {
    const check = normalizePublicUrl(value);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: check.message });
      return z.NEVER;
    }
    return check.url;
  });

// ——— social links ———

/** The networks a profile may link to, with the hosts each one's profile pages live on. */
export const SOCIAL_NETWORKS = {
  facebook: { label: 'Facebook', hosts: ['facebook.com', 'fb.com'] },
  instagram: { label: 'Instagram', hosts: ['instagram.com'] },
  x: { label: 'X', hosts: ['x.com', 'twitter.com'] },
  linkedin: { label: 'LinkedIn', hosts: ['linkedin.com'] },
  youtube: { label: 'YouTube', hosts: ['youtube.com'] },
  tiktok: { label: 'TikTok', hosts: ['tiktok.com'] },
} as const;
export type SocialNetwork = keyof typeof SOCIAL_NETWORKS;
export const SOCIAL_NETWORK_IDS = Object.keys(SOCIAL_NETWORKS) as SocialNetwork[];

/**
 * A link to the NGO's page on `network`: a public https address on that network's host (or a
 * subdomain such as www. or m.), with a path (the home page of the network is not the NGO's page).
 * Normalised like any public address, with `www.`/`m.` kept as given.
 */
export function normalizeSocialUrl(network: SocialNetwork, input: string): UrlCheck {
  const check = normalizePublicUrl(input);
  if (!check.ok) return check;
  const url = new URL(check.url);
  const { hosts, label } = SOCIAL_NETWORKS[network];
  if (!hosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`))) {
    return { ok: false, message: `a ${label} address (${hosts[0]})` };
  }
  if (url.pathname.replace(/\/+$/, '') === '') return { ok: false, message: `the address of your page on ${label}` };
  return check;
}

function socialUrlSchema(network: SocialNetwork) {
  return z
    .string()
    .max(500, 'at most 500 characters')
    .transform((value, ctx) => {
      const check = normalizeSocialUrl(network, value);
      if (!check.ok) {
        ctx.addIssue({ code: 'custom', message: check.message });
        return z.NEVER;
      }
      return check.url;
    });
}

// ——— other fields ———

const countryNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });

/** An ISO 3166-1 alpha-2 country code that names a country ("ZZ", unknown region, does not). */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 country code such as "US" or "KE"')
  .refine((code) => {
    // User-assigned codes name no country; XK (Kosovo) is the one in common use.
    if (code === 'ZZ' || code === 'AA' || code.startsWith('Q') || (code.startsWith('X') && code !== 'XK')) return false;
    try {
      return Boolean(countryNames.of(code));
    } catch {
      return false;
    }
  }, 'not a country code we know');

/** An ISO 639 language code ("en", "sw", "haw"). */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as "en" or "sw"')
  .refine((code) => {
    try {
      const name = languageNames.of(code);
      return Boolean(name && name !== code);
    } catch {
      return false;
    }
  }, 'not a language code we know');

/** `media/<sha256>.<ext>`, as an upload to /api/ngos/{id}/media answers. */
export const mediaKeySchema = z.string().regex(/^media\/[0-9a-f]{64}\.(png|jpg|webp)$/, 'a key from an image upload');

export const MAX_PROFILE_MARKDOWN = 5000;
export const EARLIEST_FOUNDING_YEAR = 1500;

/** Markdown a manager writes: trimmed, no control characters but newline and tab, ≤ 5,000. */
const profileMarkdown = z
  .string()
  .trim()
  .max(MAX_PROFILE_MARKDOWN, `at most ${MAX_PROFILE_MARKDOWN.toLocaleString('en')} characters`)
  .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'no control characters');

/**
 * The profile a manager saves (PUT /api/ngos/{id}/profile). Every field is optional: null or
 * absent means "not provided", and the page shows the registry's facts alone for it.
 */
export const ngoProfileInputSchema = z.strictObject({
  /** What the organisation is for, in its own words (Markdown; raw HTML is shown as text). */
  mission: profileMarkdown
    .nullish()
    .describe('What it is for, in its own words: Markdown, up to 5,000 characters, raw HTML shown as text.'),
  /** What it does and how (Markdown, as mission). */
  description: profileMarkdown.nullish().describe('What it does and how: Markdown, as mission.'),
  /** Its website (public https address, normalised). */
  website: publicUrlSchema
    .nullish()
    .describe('Its website: a public https address (normalised; no IPs, local names or credentials).'),
  /** Where to donate: the page's "Donate on their website" link goes here when set. */
  donationUrl: publicUrlSchema
    .nullish()
    .describe('Its donation page (public https): the page’s “Donate on their website” link goes here.'),
  /** Its pages on social networks, each checked against that network's host. */
  social: z
    .strictObject({
      facebook: socialUrlSchema('facebook').nullish(),
      instagram: socialUrlSchema('instagram').nullish(),
      x: socialUrlSchema('x').nullish(),
      linkedin: socialUrlSchema('linkedin').nullish(),
      youtube: socialUrlSchema('youtube').nullish(),
      tiktok: socialUrlSchema('tiktok').nullish(),
    })
    .nullish()
    .describe('Its pages on Facebook, Instagram, X, LinkedIn, YouTube and TikTok, each on that network’s host.'),
  /** A public contact address, shown on the page. */
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email('an email address'))
    .nullish()
    .describe('A public contact address, shown on the page.'),
  /** Languages it works in (ISO 639 codes), at most 20, no repeats. */
  languages: z
    .array(languageCodeSchema)
    .max(20, 'at most 20 languages')
    .refine((list) => new Set(list).size === list.length, 'each language once')
    .nullish()
    .describe('Languages it works in: ISO 639 codes ("en", "sw"), at most 20.'),
  /** Countries where it works (ISO 3166-1 alpha-2), at most 60, no repeats. */
  countriesServed: z
    .array(countryCodeSchema)
    .max(60, 'at most 60 countries')
    .refine((list) => new Set(list).size === list.length, 'each country once')
    .nullish()
    .describe('Countries where it works: ISO 3166-1 alpha-2 codes ("KE"), at most 60.'),
  /** Year founded: from 1500 to this year. */
  yearFounded: z
    .number()
    .int('a year such as 1998')
    .min(EARLIEST_FOUNDING_YEAR, `a year from ${EARLIEST_FOUNDING_YEAR}`)
    .refine((year) => year <= new Date().getUTCFullYear(), 'not a year in the future')
    .nullish()
    .describe('Year founded, from 1500 to this year.'),
  /** Its logo: a key from an image upload for this NGO. */
  logo: mediaKeySchema.nullish().describe('Its logo: the `key` an upload to POST /api/ngos/{id}/media answered.'),
});
export type NgoProfileInput = z.input<typeof ngoProfileInputSchema>;

const socialLinksSchema = z.object(
  Object.fromEntries(SOCIAL_NETWORK_IDS.map((id) => [id, z.string().optional()])) as Record<
    SocialNetwork,
    z.ZodOptional<z.ZodString>
  >,
);

/**
 * A profile as stored and published: the saved fields, normalised (absent when not provided,
 * lists sorted), with the Markdown rendered once, on save, to inert HTML. This is one line of
 * content/profiles.jsonl minus `ngoId` and `updatedAt`.
 */
export const ngoProfileDataSchema = z.object({
  mission: z.string().optional(),
  /** The mission rendered to HTML (our own tags only; links get rel="nofollow ugc noopener"). */
  missionHtml: z.string().optional(),
  description: z.string().optional(),
  descriptionHtml: z.string().optional(),
  website: z.string().optional(),
  donationUrl: z.string().optional(),
  /** Only the networks given. */
  social: socialLinksSchema.optional(),
  contactEmail: z.string().optional(),
  languages: z.array(z.string()).optional(),
  countriesServed: z.array(z.string()).optional(),
  yearFounded: z.number().int().optional(),
  /** Media key; the image is served at `/api/<key>`. */
  logo: z.string().optional(),
});
export type NgoProfileData = z.infer<typeof ngoProfileDataSchema>;

/** One line of content/profiles.jsonl: what the NGO page reads at build time. */
export const publishedProfileSchema = ngoProfileDataSchema.extend({
  ngoId: z.string(),
  /** When the profile last changed (ISO 8601): the page says "updated 12 March 2027". */
  updatedAt: z.string(),
});
export type PublishedProfile = z.infer<typeof publishedProfileSchema>;

/** Where a stored image is served on the site. */
export function toMediaPath(key: string): string {
  return `/api/${key}`;
}
