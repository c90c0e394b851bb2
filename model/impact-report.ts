import { z } from 'zod';
import { itemIdSchema, ngoIdSchema } from './ids.ts';

/**
 * An impact report as `npm run export` writes it into content/impact-reports.jsonl and the
 * build renders it (the NGO page's list, the report's own page). Only what a public page shows:
 * no author, no Markdown source, nothing hidden.
 */
export const publishedImpactReportSchema = z.strictObject({
  id: itemIdSchema,
  ngoId: ngoIdSchema,
  title: z.string().min(1),
  /** First and last day covered, YYYY-MM-DD, inclusive. */
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  /** ISO 4217 code of the amounts; absent when the report gives none. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Minor units of `currency`. */
  receivedMinor: z.number().int().nonnegative().optional(),
  spentMinor: z.number().int().nonnegative().optional(),
  /** Rendered from Markdown when saved, with raw HTML off: only our own tags. */
  bodyHtml: z.string(),
  /** `media/<sha256>.<ext>`: served at /api/media/<sha256>.<ext>. */
  photo: z
    .string()
    .regex(/^media\/[0-9a-f]{64}\.(png|jpg|webp)$/)
    .optional(),
  /** When it was published and last edited (ISO 8601). */
  publishedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PublishedImpactReport = z.infer<typeof publishedImpactReportSchema>;

/** The report's own page: /ngos/<slug>/reports/<id>/. */
export function getImpactReportPath(ngoSlug: string, reportId: string): string {
  return `/ngos/${ngoSlug}/reports/${reportId}/`;
}
