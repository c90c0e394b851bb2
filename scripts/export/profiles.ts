import { listAllNgoProfiles } from '../../db/ngo-profiles.ts';
import { ngoProfileDataSchema, publishedProfileSchema } from '../../model/ngo-profile.ts';
import { stringifyStable, type Exporter } from './exporter.ts';

/**
 * content/profiles.jsonl: one line per NGO that saved a profile, sorted by NGO id, each the
 * model's published profile (the saved fields plus `ngoId` and `updatedAt`). Read at build time
 * by content/read-profiles.ts.
 */
export const profilesExporter: Exporter = {
  file: 'profiles.jsonl',
  async exportLines(db) {
    const rows = await listAllNgoProfiles(db);
    return rows.map((row) => {
      // Parsed again on the way out: a row that no longer fits the model stops the export
      // instead of breaking the build later.
      const data = ngoProfileDataSchema.parse(JSON.parse(row.data));
      const published = publishedProfileSchema.parse({
        ...data,
        ngoId: row.ngoId,
        updatedAt: row.updatedAt.toISOString(),
      });
      return stringifyStable(published);
    });
  },
};
