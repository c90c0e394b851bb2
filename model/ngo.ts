import { z } from 'zod';
import { CAUSE_IDS } from './causes.ts';
import { ngoIdSchema } from './ids.ts';

/**
 * The NGO model: one normalised record per organisation, as written by the
 * importer (scripts/import) into content/ngos/*.jsonl and read by the content
 * collection. Every field is a fact taken from a public registry record.
 */

const isoCountry = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as "US" or "GB"');
const money = z.number().int('a whole amount in the currency unit').nonnegative().max(1e13);

export const ngoSchema = z.object({
  /** Stable identifier in org-id.guide form: US-EIN-010674736, GB-NIC-100002. */
  id: ngoIdSchema,
  /** URL path segment under /ngos/: from the name plus the registry number, so unique and stable. */
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')
    .max(90),
  /** Readable name (IRS names are title-cased from upper case). */
  name: z.string().min(2).max(200),
  /** One or two sentences built only from the record's facts. */
  summary: z.string().min(20).max(600),
  /** Causes from model/causes.ts, most specific first; at least one. */
  causes: z.array(z.enum(CAUSE_IDS)).min(1).max(8),
  /** Where the organisation is registered/based. */
  location: z.object({
    country: isoCountry,
    /** ISO 3166-2 subdivision: a US state (US-AK) or a UK nation (GB-NIR); absent abroad. */
    region: z
      .string()
      .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/)
      .optional(),
    /**
     * A region within the subdivision, for the UK's nations: England's nine regions, Wales's and
     * Scotland's (names in places.ts), derived from the postcode: GB-ENG-LON, GB-SCT-HI.
     */
    area: z
      .string()
      .regex(/^[A-Z]{2}-[A-Z]{3}-[A-Z]{2,3}$/)
      .optional(),
    city: z.string().min(1).max(80).optional(),
    postcode: z.string().max(16).optional(),
  }),
  /** Countries where the organisation is known to work, when the registry says so. */
  countriesServed: z.array(isoCountry).max(50).optional(),
  /** Who the charity helps, in the regulator's own categories (NI register). */
  beneficiaries: z.array(z.string().min(1).max(80)).max(40).optional(),
  /** How the charity works, in the regulator's own categories (NI register). */
  activities: z.array(z.string().min(1).max(80)).max(40).optional(),
  /** The organisation's own website, normalised to https. */
  website: z.url({ protocol: /^https$/ }).optional(),
  /**
   * The register the organisation is on and its public record there (the register's
   * name as org-id.guide lists it). Absent only for an NGO that joined Jumo without
   * being on any register.
   */
  registry: z
    .object({
      name: z.string().min(2).max(160),
      number: z.string().min(1).max(40),
      url: z.url({ protocol: /^https$/ }).optional(),
    })
    .optional(),
  /** The organisation's own description of what it does, and where that text comes from. */
  ownWords: z
    .object({
      text: z.string().min(1).max(4000),
      /** e.g. "its entry in the Charity Commission for England and Wales register". */
      source: z.string().min(1).max(200),
    })
    .optional(),
  /** Activity tags of a classification other than NTEE (UK-CAT), with their titles. */
  tags: z
    .array(
      z.object({
        scheme: z.literal('UK-CAT'),
        code: z.string().regex(/^[A-Z]{2}(\d{3})?$/),
        label: z.string().min(1).max(120),
      }),
    )
    .max(60)
    .optional(),
  /**
   * Classification codes as the registry gives them (e.g. NTEE "Q20"). NTEE has
   * letter-suffixed codes too (A6A "Opera", N6A, P7A), and the BMF may append a
   * fourth character (A650, U50Z).
   */
  classification: z
    .object({
      scheme: z.literal('NTEE'),
      code: z.string().regex(/^[A-Z]\d[A-Z0-9]{1,2}$/),
      label: z.string().optional(),
    })
    .optional(),
  /**
   * Financial figures the registers publish, one entry per period and source, newest period
   * first, in whole currency units.
   */
  financials: z
    .array(
      z.object({
        currency: z.enum(['USD', 'GBP']),
        /** Last month of the financial year reported, YYYY-MM. */
        periodEnd: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
        income: money.optional(),
        spending: money.optional(),
        revenue: money.optional(),
        assets: money.optional(),
        source: z.string().min(1),
      }),
    )
    .min(1)
    .max(12)
    .optional(),
  /**
   * Where each field came from, when the record is built from more than one register file
   * (a Northern Ireland charity in both the NI register and UK-CAT): each source with its
   * extract date and the fields taken from it. `financials` names its source per entry.
   */
  sources: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        fields: z.array(z.string().min(1).max(40)).min(1).max(30),
      }),
    )
    .min(2)
    .max(6)
    .optional(),
  /**
   * When this record's registry data last changed, YYYY-MM-DD: the extract date of the newest
   * register file it comes from (sitemap lastmod; an NGO-provided profile's own date wins there).
   */
  updated: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-07-07')
    .optional(),
  /** Year the organisation was registered (NI) or granted tax exemption (IRS ruling). */
  registeredYear: z.number().int().min(1800).max(2100).optional(),
  /** The day the register says it was registered, YYYY-MM-DD, when the register gives the day. */
  registeredOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export type Ngo = z.infer<typeof ngoSchema>;
export type FinancialPeriod = NonNullable<Ngo['financials']>[number];

/** The newest financial period on record (the list is kept newest first). */
export function getLatestFinancials(ngo: Pick<Ngo, 'financials'>): FinancialPeriod | undefined {
  return ngo.financials?.[0];
}
