import type { Ngo } from '../../model/ngo.ts';

/**
 * The fields of a download record as /data/ describes them, in the model's order: the
 * documentation of model/ngo.ts in words for readers of the page. The unit test fails when the
 * model gains or loses a field and this list does not follow.
 */
export const OPEN_DATA_FIELDS: readonly { field: keyof Ngo; required: boolean; description: string }[] = [
  {
    field: 'id',
    required: true,
    description:
      'Stable identifier in org-id.guide form: the register’s prefix and number (US-EIN-010674736, GB-NIC-100002). NGOs on no register get XX-JUMO-….',
  },
  {
    field: 'slug',
    required: true,
    description:
      'The NGO’s page on Jumo is /ngos/<slug>/: its name and registry number, lower case, unique and stable.',
  },
  { field: 'name', required: true, description: 'Readable name (IRS names are title-cased from upper case).' },
  {
    field: 'summary',
    required: true,
    description: 'One or two sentences written automatically from the record’s facts, not by the organisation.',
  },
  {
    field: 'causes',
    required: true,
    description: 'Jumo’s causes (ids such as "health"), most specific first, mapped from the register’s categories.',
  },
  {
    field: 'location',
    required: true,
    description:
      'Where it is registered or based: country (ISO 3166-1, "US"), region (ISO 3166-2: a US state or UK nation, "GB-NIR"), area (a region within a UK nation, "GB-SCT-HI"), city and postcode when known.',
  },
  { field: 'countriesServed', required: false, description: 'Countries where the register says it works (ISO codes).' },
  {
    field: 'beneficiaries',
    required: false,
    description: 'Who the charity helps, in the Northern Ireland regulator’s own categories.',
  },
  {
    field: 'activities',
    required: false,
    description: 'How the charity works, in the Northern Ireland regulator’s own categories.',
  },
  { field: 'website', required: false, description: 'The organisation’s own website, normalised to https.' },
  {
    field: 'registry',
    required: false,
    description:
      'The register it is on: name, number and the https address of its public record there. Absent for an NGO on no register.',
  },
  {
    field: 'ownWords',
    required: false,
    description:
      'The organisation’s own description of what it does (text) and where that text comes from (source): its register entry, or what it told Jumo when it joined.',
  },
  {
    field: 'tags',
    required: false,
    description: 'UK-CAT activity tags (scheme "UK-CAT", code, label), for UK charities that UK-CAT tagged.',
  },
  {
    field: 'classification',
    required: false,
    description: 'NTEE code as the IRS gives it (scheme "NTEE", code such as "Q20") with its NCCS description.',
  },
  {
    field: 'financials',
    required: false,
    description:
      'Figures the registers publish, newest period first: currency (USD or GBP), periodEnd (YYYY-MM), income, spending, revenue, assets in whole currency units, and their source.',
  },
  {
    field: 'sources',
    required: false,
    description:
      'For a record built from more than one register file: each source with its extract date and the fields taken from it.',
  },
  {
    field: 'updated',
    required: false,
    description:
      'When the record’s data last changed (YYYY-MM-DD): the date of the newest register file it comes from.',
  },
  {
    field: 'registeredYear',
    required: false,
    description: 'Year it was registered (UK) or granted tax exemption (IRS ruling).',
  },
  {
    field: 'registeredOn',
    required: false,
    description: 'The day it was registered (YYYY-MM-DD), when the register gives the day.',
  },
];
