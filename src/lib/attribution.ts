import type { Ngo } from '../../model/ngo.ts';

/**
 * Credit lines the open-data licences ask for, per NGO page and on /about/. UK-CAT is CC BY 4.0
 * over register text that is Crown copyright under the Open Government Licence v3.0.
 */

export const LICENCES = {
  ccBy: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  ogl: {
    name: 'Open Government Licence v3.0',
    url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  },
} as const;

export const UKCAT_CREDIT =
  'UK Charity Activity Tags (UK-CAT), NCVO / Sheffield Hallam University / David Kane, licensed under CC BY 4.0. ' +
  'Contains public sector information licensed under the Open Government Licence v3.0.';

export const CCNI_CREDIT =
  'Contains information from the Charity Commission for Northern Ireland licensed under the Open Government Licence v3.0.';

/** Whether any of the record's facts come from UK-CAT. */
export function usesUkcat(ngo: Ngo): boolean {
  return (
    Boolean(ngo.tags?.length) ||
    Boolean(ngo.ownWords?.source.includes('UK-CAT')) ||
    Boolean(ngo.financials?.some((period) => period.source.includes('UK-CAT')))
  );
}

/** The credit lines an NGO page shows, in the order above; none for IRS records (public domain). */
export function getCredits(ngo: Ngo): string[] {
  const credits: string[] = [];
  if (usesUkcat(ngo)) credits.push(UKCAT_CREDIT);
  if (ngo.id.startsWith('GB-NIC-')) credits.push(CCNI_CREDIT);
  return credits;
}
