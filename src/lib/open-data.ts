import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { z } from 'zod';
import { ngoSchema, type Ngo } from '../../model/ngo.ts';
import {
  getShardGroup,
  OPEN_DATA_SOURCES,
  SHARD_GROUPS,
  type DataSource,
  type ShardGroup,
  type SourceId,
} from './open-data-sources.ts';

/**
 * The bulk download of the whole directory (/data/): gzipped JSONL shards, one per register
 * (and one for the NGOs that joined Jumo), the JSON Schema of a record and a manifest with
 * counts, sizes, sha256 and the licence and attribution of every source. A pure function of
 * the records: the same records give the same bytes, so a file's sha256 changes only when its
 * data does (the manifest's `generatedAt` is the one field that moves between builds). The
 * gzip bytes are zlib's: a Node upgrade that changes zlib may change them, never the JSONL inside.
 */

// Runs in libuv's thread pool: the shards compress while the build renders pages.
const gzip = promisify(gzipCallback);

export const OPEN_DATA_PATH = '/data/';
export const MANIFEST_FILE = 'manifest.json';
export const SCHEMA_FILE = 'ngo.schema.json';

/**
 * A register's shard splits into parts past this many uncompressed bytes. The JSONL compresses
 * about 8× (35.6 MB → 4.4 MB for 35,000 NGOs), so a part stays far below Cloudflare's 25 MiB per
 * file (MAX_DOWNLOAD_FILE_BYTES) while one file per register holds ~60,000 NGOs.
 */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
export const MAX_DOWNLOAD_FILE_BYTES = 25 * 1024 * 1024;

/**
 * Level 9: 2% smaller than the default 6 on the full directory (4.45 vs 4.54 MB) for ~25% more
 * CPU (3.6 vs 2.9 s on the loaded 2-core machine), spent in the thread pool while pages render.
 */
const GZIP_LEVEL = 9;

export type OpenDataFile = {
  file: string;
  title: string;
  records: number;
  /** Size of the gzipped file, and of the JSONL inside it. */
  bytes: number;
  uncompressedBytes: number;
  sha256: string;
  /** Keys of `sources` in the manifest: every source some record of this file comes from. */
  sources: SourceId[];
};

export type OpenDataManifest = {
  name: string;
  description: string;
  homepage: string;
  generatedAt: string;
  /** The newest `updated` date of any record: how fresh the data itself is. */
  dataUpdated: string | null;
  format: string;
  records: number;
  schema: { file: string; bytes: number; sha256: string };
  files: OpenDataFile[];
  sources: Partial<Record<SourceId, DataSource>>;
};

export type OpenData = {
  manifest: OpenDataManifest;
  /** Every file of the download by name, the manifest included. */
  contents: Map<string, Uint8Array>;
};

type Part = { group: ShardGroup; lines: string[]; bytes: number; sources: Set<SourceId> };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const SOURCE_ORDER = Object.keys(OPEN_DATA_SOURCES) as SourceId[];

/** Records of each group in id order, cut into parts of at most `maxPartBytes` of JSONL. */
function splitIntoParts(records: readonly Ngo[], maxPartBytes: number): Part[] {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byGroup = new Map<ShardGroup, Part[]>();
  for (const ngo of sorted) {
    const group = getShardGroup(ngo);
    const line = JSON.stringify(ngo);
    const size = Buffer.byteLength(line) + 1;
    let parts = byGroup.get(group);
    if (!parts) byGroup.set(group, (parts = []));
    let part = parts.at(-1);
    if (!part || (part.lines.length > 0 && part.bytes + size > maxPartBytes)) {
      part = { group, lines: [], bytes: 0, sources: new Set() };
      parts.push(part);
    }
    part.lines.push(line);
    part.bytes += size;
    for (const source of group.sourcesOf(ngo)) part.sources.add(source);
  }
  // Groups in SHARD_GROUPS order (the joined NGOs last), whatever order the records came in.
  return [...byGroup]
    .sort(([a], [b]) => SHARD_GROUPS.indexOf(a) - SHARD_GROUPS.indexOf(b))
    .flatMap(([, parts]) => parts);
}

function nameParts(parts: Part[]): string[] {
  return parts.map((part) => {
    const siblings = parts.filter((p) => p.group === part.group);
    return siblings.length === 1
      ? `${part.group.name}.jsonl.gz`
      : `${part.group.name}-${siblings.indexOf(part) + 1}.jsonl.gz`;
  });
}

/**
 * How many files buildOpenData writes for these records, without compressing them (for the
 * build's progress total): a file per group present, the schema and the manifest. A group
 * splits into parts only past MAX_PART_BYTES (~60,000 NGOs), which this does not foresee.
 */
export function countOpenDataFiles(records: readonly Ngo[]): number {
  return new Set(records.map(getShardGroup)).size + 2;
}

/** The JSON Schema of one line, from the model's zod schema (so it cannot drift from what the build checks). */
export function renderRecordSchema(): string {
  const schema = z.toJSONSchema(ngoSchema, { io: 'output' });
  return `${JSON.stringify({ title: 'Jumo NGO record (model/ngo.ts)', ...schema }, null, 2)}\n`;
}

export async function buildOpenData(
  records: readonly Ngo[],
  options: { generatedAt: Date; maxPartBytes?: number },
): Promise<OpenData> {
  const parts = splitIntoParts(records, options.maxPartBytes ?? MAX_PART_BYTES);
  const names = nameParts(parts);
  const gzipped = await Promise.all(
    parts.map((part) => gzip(Buffer.from(`${part.lines.join('\n')}\n`), { level: GZIP_LEVEL })),
  );
  const contents = new Map<string, Uint8Array>();
  const files: OpenDataFile[] = parts.map((part, i) => {
    const bytes = gzipped[i]!;
    if (bytes.length > MAX_DOWNLOAD_FILE_BYTES) {
      throw new Error(`bulk download: ${names[i]} is ${bytes.length} bytes, over the 25 MiB per-file limit`);
    }
    contents.set(names[i]!, bytes);
    return {
      file: names[i]!,
      title: part.group.title,
      records: part.lines.length,
      bytes: bytes.length,
      uncompressedBytes: part.bytes,
      sha256: sha256(bytes),
      sources: SOURCE_ORDER.filter((s) => part.sources.has(s)),
    };
  });
  const schema = Buffer.from(renderRecordSchema());
  contents.set(SCHEMA_FILE, schema);
  const used = new Set(files.flatMap((f) => f.sources));
  const updated = records.map((r) => r.updated).filter((d): d is string => Boolean(d));
  const manifest: OpenDataManifest = {
    name: 'Jumo NGO directory',
    description:
      'The whole Jumo directory of NGOs, one record per line, as the site was built from it. File names are relative to this manifest.',
    homepage: OPEN_DATA_PATH,
    generatedAt: options.generatedAt.toISOString(),
    dataUpdated: updated.length > 0 ? updated.reduce((a, b) => (a > b ? a : b)) : null,
    format: 'gzip-compressed JSON Lines (UTF-8): one NGO record per line, sorted by id, valid against the schema',
    records: files.reduce((sum, f) => sum + f.records, 0),
    schema: { file: SCHEMA_FILE, bytes: schema.length, sha256: sha256(schema) },
    files,
    sources: Object.fromEntries(SOURCE_ORDER.filter((s) => used.has(s)).map((s) => [s, OPEN_DATA_SOURCES[s]])),
  };
  contents.set(MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  return { manifest, contents };
}
