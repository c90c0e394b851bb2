import { listApprovedProposals, toJoinedNgoRecord } from '../../db/proposals.ts';
import { stringifyStable, type Exporter } from './exporter.ts';

/**
 * content/ngos/joined.jsonl: one directory record (model/ngo.ts) per NGO that joined through
 * "Add your NGO" and was approved, sorted by id. It sits beside the importer's shards, so the
 * build, the search index and the directory sync read it like any other shard; the importer
 * leaves this file alone (scripts/import/write-shards.ts) and content/read-ngo-shards.ts lets
 * it win over a register shard holding the same id.
 */
export const JOINED_NGOS_FILE = 'ngos/joined.jsonl';

export const joinedNgosExporter: Exporter = {
  file: JOINED_NGOS_FILE,
  async exportLines(db) {
    const rows = await listApprovedProposals(db);
    // Built through the model's schema: a row that no longer fits stops the export, not the build.
    return rows.map((row) => stringifyStable(toJoinedNgoRecord(row)));
  },
};
