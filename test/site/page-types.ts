import { existsSync } from 'node:fs';
import { readPublishedImpactReports } from '../../content/read-impact-reports.ts';
import { readPublishedProfiles } from '../../content/read-profiles.ts';
import type { Ngo } from '../../model/ngo.ts';
import { getPlacePath } from '../../model/places.ts';
import { fileFor } from './built-site.ts';

/**
 * Every kind of page the site builds, each as one real path in the built site: the list the
 * outside validators walk (the Nu HTML Checker and the structured-data checks in test/site/,
 * axe-core in e2e/accessibility.test.ts). A new kind of page joins here, and every validator
 * then checks it.
 */

/** What choosing pages needs of a record (raw content lines will do: no schema parse of 35,000). */
export type PageRecord = Pick<Ngo, 'id' | 'slug' | 'causes'> & { location: Pick<Ngo['location'], 'country'> };

export type PageType = {
  name: string;
  /** Site path; query strings are for the browser (the file is the same page). */
  path: string;
};

/** The register an NGO page comes from, by its org-id prefix: "US-EIN", "GB-NIC". */
export function registerOf(ngo: PageRecord): string {
  return ngo.id.split('-').slice(0, 2).join('-');
}

/** Up to `perRegister` NGOs of each register, spread over the directory. */
export function sampleNgosByRegister<T extends PageRecord>(records: T[], perRegister: number): Map<string, T[]> {
  const byRegister = new Map<string, T[]>();
  for (const ngo of records) {
    const same = byRegister.get(registerOf(ngo));
    if (same) same.push(ngo);
    else byRegister.set(registerOf(ngo), [ngo]);
  }
  const out = new Map<string, T[]>();
  for (const [register, ngos] of byRegister) {
    const step = Math.max(1, Math.floor(ngos.length / perRegister));
    out.set(register, ngos.filter((_, i) => i % step === 0).slice(0, perRegister));
  }
  return out;
}

/** The largest listing of a kind (most NGOs), so its pages include page 2. */
function largest(records: PageRecord[], keysOf: (ngo: PageRecord) => string[]): string {
  const counts = new Map<string, number>();
  for (const ngo of records) for (const key of keysOf(ngo)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/**
 * The page types of the site built from `records`, with the NGO-provided pages that the
 * profiles and impact reports files give (PROFILES_FILE, IMPACT_REPORTS_FILE, as the build reads them).
 */
export async function listPageTypes(records: PageRecord[]): Promise<PageType[]> {
  const cause = largest(records, (n) => n.causes);
  const country = largest(records, (n) => [n.location.country]);
  const types: PageType[] = [
    { name: 'home', path: '/' },
    { name: 'about', path: '/about/' },
    { name: 'developers (API reference)', path: '/developers/' },
    { name: 'not found', path: '/404.html' },
    { name: 'sign-in error', path: '/signin-error/' },
    { name: 'search', path: '/search/' },
    { name: 'search with a query', path: '/search/?q=community' },
    { name: 'volunteer', path: '/volunteer/' },
    { name: 'feed', path: '/feed/' },
    { name: 'My Jumo', path: '/me/' },
    { name: 'manage', path: '/manage/' },
    { name: 'admin', path: '/admin/' },
    { name: 'add your NGO', path: '/join/' },
    { name: 'email confirmation', path: '/me/email/confirm/' },
    { name: 'email unsubscribe', path: '/email/unsubscribe/' },
    { name: 'widgets for NGO websites', path: '/widgets/' },
    { name: 'follow window (from a widget)', path: `/follow/?ngo=${records[0]!.id}` },
    { name: 'widget (framed on NGO websites)', path: `/embed/ngo/?id=${records[0]!.id}&widget=badge` },
    { name: 'causes', path: '/causes/' },
    { name: 'cause listing', path: `/causes/${cause}/` },
    { name: 'places', path: '/places/' },
    { name: 'place listing', path: getPlacePath(country) },
    { name: 'data download', path: '/data/' },
  ];
  if (existsSync(fileFor(`/causes/${cause}/2/`)))
    types.push({ name: 'cause listing, page 2', path: `/causes/${cause}/2/` });
  for (const [register, [ngo]] of sampleNgosByRegister(records, 1)) {
    types.push({ name: `NGO page (${register})`, path: `/ngos/${ngo!.slug}/` });
  }
  const bySlug = new Map(records.map((r) => [r.id, r.slug]));
  const profiled = [...(await readPublishedProfiles(process.env.PROFILES_FILE || undefined)).keys()].find((id) =>
    bySlug.has(id),
  );
  if (profiled) types.push({ name: 'NGO page with its own profile', path: `/ngos/${bySlug.get(profiled)}/` });
  const reports = await readPublishedImpactReports(process.env.IMPACT_REPORTS_FILE || undefined);
  const reported = [...reports].find(([id]) => bySlug.has(id));
  if (reported) {
    types.push({ name: 'impact report', path: `/ngos/${bySlug.get(reported[0])}/reports/${reported[1][0]!.id}/` });
  }
  const missing = types.filter((t) => !existsSync(fileFor(t.path)));
  if (missing.length) throw new Error(`page types missing from the build: ${missing.map((t) => t.path).join(', ')}`);
  return types;
}
