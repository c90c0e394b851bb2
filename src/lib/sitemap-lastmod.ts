import { readNgoShards } from '../../content/read-ngo-shards.ts';
import { readPublishedProfiles } from '../../content/read-profiles.ts';
import type { PublishedProfile } from '../../model/ngo-profile.ts';

/**
 * Sitemap `lastmod` for NGO pages: the day the page's data last changed, so search engines
 * re-crawl what changed and skip the rest. A page shows two kinds of data: the register's
 * (`updated`, the extract date of its newest register file) and the NGO's own profile
 * (`updatedAt`); the newer date wins.
 */

/** The fields this reads from a content record (the NGO model's names). */
type NgoDates = {
  slug: string;
  id: string;
  updated?: string;
  financials?: { source?: string };
};

const DAY = /\d{4}-\d{2}-\d{2}/;

/**
 * The day the record's register data last changed. Records imported before `updated` existed
 * still name their extract in `financials.source` ("IRS EO BMF, 2026-04-13 extract"); with
 * neither, there is no honest date, and the sitemap gives none rather than a guess.
 */
export function getRegisterDate(ngo: NgoDates): string | undefined {
  return ngo.updated ?? ngo.financials?.source?.match(DAY)?.[0];
}

/** lastmod (YYYY-MM-DD) by NGO slug; NGOs with no known date are left out. */
export function buildNgoLastmods(ngos: NgoDates[], profiles: Map<string, PublishedProfile>): Map<string, string> {
  const out = new Map<string, string>();
  for (const ngo of ngos) {
    const dates = [getRegisterDate(ngo), profiles.get(ngo.id)?.updatedAt.match(DAY)?.[0]].filter((d): d is string =>
      Boolean(d),
    );
    // YYYY-MM-DD strings sort as dates.
    if (dates.length) out.set(ngo.slug, dates.sort().at(-1)!);
  }
  return out;
}

/** The same, read from the content the build renders (CONTENT_DIR, PROFILES_FILE as the pages use). */
export async function readNgoLastmods(
  contentDir = process.env.CONTENT_DIR ?? 'content/ngos',
  profilesFile = process.env.PROFILES_FILE || undefined,
): Promise<Map<string, string>> {
  const [ngos, profiles] = await Promise.all([readNgoShards(contentDir), readPublishedProfiles(profilesFile)]);
  return buildNgoLastmods(ngos as NgoDates[], profiles);
}

/** The NGO slug of an NGO page's URL (`…/ngos/<slug>/`), or undefined for any other page. */
export function getNgoPageSlug(url: string): string | undefined {
  return new URL(url).pathname.match(/^\/ngos\/([^/]+)\/$/)?.[1];
}
