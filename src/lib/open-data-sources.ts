import { JOINED_OWN_WORDS_SOURCE } from '../../model/joined-ngo.ts';
import type { Ngo } from '../../model/ngo.ts';
import { CCNI_CREDIT, LICENCES, UKCAT_CREDIT, usesUkcat } from './attribution.ts';

/**
 * Where the records of the bulk download (/data/) come from, and the licence and attribution
 * each source asks for: the same wording /about/ and the NGO pages credit (attribution.ts and
 * ../shared/data/README.md). A record from a register not listed here stops the build
 * (getShardGroup): no record is published without knowing its terms.
 */

export type Licence = { name: string; url: string };

export type DataSource = {
  /** What the source is, with the date of the extract Jumo imported. */
  name: string;
  publisher: string;
  url: string;
  /** The licences its data is under; empty when none is stated (see `terms`). */
  licences: Licence[];
  /** What to credit when reusing it, word for word. */
  attribution: string;
  /** Anything else a reuser needs to know about the terms. */
  terms?: string;
};

export const OPEN_DATA_SOURCES = {
  'irs-bmf': {
    name: 'IRS Exempt Organizations Business Master File (EO BMF) extract of 13 April 2026',
    publisher: 'Internal Revenue Service',
    url: 'https://www.irs.gov/charities-non-profits/exempt-organizations-business-master-file-extract-eo-bmf',
    licences: [
      { name: 'Public domain (a work of the US federal government)', url: 'https://www.usa.gov/government-works' },
    ],
    attribution: 'US IRS Exempt Organizations Business Master File (public domain).',
  },
  ntee: {
    name: 'National Taxonomy of Exempt Entities (NTEE) codes and descriptions',
    publisher: 'National Center for Charitable Statistics (NCCS), Urban Institute',
    url: 'https://github.com/Nonprofit-Open-Data-Collective/mission-taxonomies',
    licences: [],
    attribution: 'NTEE classification via NCCS / Urban Institute.',
    terms:
      'The codes come with the IRS record (public domain); the descriptions (classification.label) are NCCS’s, credited as on /about/. Jumo’s copy states no licence for them.',
  },
  ccni: {
    name: 'Charity Commission for Northern Ireland, register of charities, export of 30 June 2020',
    publisher: 'Charity Commission for Northern Ireland',
    url: 'https://www.charitycommissionni.org.uk/',
    licences: [LICENCES.ogl],
    attribution: CCNI_CREDIT,
  },
  ukcat: {
    name: 'UK Charity Activity Tags (UK-CAT), data as of 7 July 2026, with fields from the registers of the Charity Commission for England and Wales, the Scottish Charity Regulator (OSCR) and the Charity Commission for Northern Ireland',
    publisher: 'NCVO / Sheffield Hallam University / David Kane',
    url: 'https://github.com/charity-classification/ukcat',
    licences: [LICENCES.ccBy, LICENCES.ogl],
    attribution: UKCAT_CREDIT,
    terms:
      'UK-CAT is CC BY 4.0; the register text underneath it is Crown copyright under the Open Government Licence v3.0.',
  },
  joined: {
    name: 'Organisations that joined Jumo through “Add your NGO”',
    publisher: 'The organisations themselves, checked by a Jumo administrator',
    url: '/join/',
    licences: [],
    attribution: 'The organisation’s own words as it told Jumo (Jumo directory).',
    terms:
      'No licence stated: the organisations gave these facts and their mission to Jumo to be published in its directory, and granted no licence for others. The mission (ownWords) is the organisation’s own text: quote it as such, credited to the organisation.',
  },
} as const satisfies Record<string, DataSource>;

export type SourceId = keyof typeof OPEN_DATA_SOURCES;

/** One kind of shard: the records of one register (or the joined NGOs), all under the same terms. */
export type ShardGroup = {
  /** File name stem: "us-ein" → us-ein.jsonl.gz. */
  name: string;
  title: string;
  /** The sources every record of the group has; `sourcesOf` adds those only some have. */
  sourcesOf: (ngo: Ngo) => SourceId[];
};

const REGISTER_GROUPS: Record<string, ShardGroup> = {
  'US-EIN': {
    name: 'us-ein',
    title: 'US tax-exempt organisations (IRS)',
    sourcesOf: (ngo) => (ngo.classification ? ['irs-bmf', 'ntee'] : ['irs-bmf']),
  },
  'GB-CHC': {
    name: 'gb-chc',
    title: 'Charities in England and Wales',
    sourcesOf: () => ['ukcat'],
  },
  'GB-SC': {
    name: 'gb-sc',
    title: 'Charities in Scotland',
    sourcesOf: () => ['ukcat'],
  },
  'GB-NIC': {
    name: 'gb-nic',
    title: 'Charities in Northern Ireland',
    sourcesOf: (ngo) => (usesUkcat(ngo) ? ['ccni', 'ukcat'] : ['ccni']),
  },
};

const JOINED_GROUP: ShardGroup = {
  name: 'joined',
  title: 'Organisations that joined Jumo',
  sourcesOf: () => ['joined'],
};

/** The shard groups in the order the manifest and /data/ list them. */
export const SHARD_GROUPS: readonly ShardGroup[] = [...Object.values(REGISTER_GROUPS), JOINED_GROUP];

/**
 * The group a record is published in. An NGO that joined goes to `joined` whatever its id
 * (its record replaced any register record: content/read-ngo-shards.ts), so its terms are
 * never mistaken for a register's.
 */
export function getShardGroup(ngo: Ngo): ShardGroup {
  if (ngo.ownWords?.source === JOINED_OWN_WORDS_SOURCE) return JOINED_GROUP;
  const prefix = ngo.id.split('-').slice(0, 2).join('-');
  const group = REGISTER_GROUPS[prefix];
  if (!group) {
    throw new Error(
      `bulk download: no licence known for ${ngo.id} (register ${prefix}): add its source to src/lib/open-data-sources.ts`,
    );
  }
  return group;
}
