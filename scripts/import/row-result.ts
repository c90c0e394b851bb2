import { ngoSchema, type Ngo } from '../../model/ngo.ts';
import type { RankKey } from './select.ts';

/** A kept row with a figure left out (e.g. a negative amount the model cannot hold). */
export interface Note {
  reason: string;
  detail?: string;
}

/**
 * What a UK register row brings to its charity's one record (merge-records.ts): the register
 * file it comes from and the facts the summary is rebuilt from.
 */
export interface SourceFacts {
  /** The register file, as `sources[].name` shows it. */
  source: string;
  /** Extract date of that file, YYYY-MM-DD: the newer source's fields win. */
  date: string;
  /** Short phrases for what it works on, for the summary. */
  purposes: string[];
  /** Phrase for the regulator in the summary: "the Scottish Charity Regulator". */
  regulator: string;
}

/** What a mapper makes of one CSV row. */
export type RowResult =
  | { kind: 'ok'; rank: RankKey; ngo: Ngo; notes: Note[]; facts?: SourceFacts }
  /** Not eligible for the directory (not an error): counted, not listed. */
  | { kind: 'skip'; reason: string }
  /** Eligible but unusable: listed with file, line and reason. */
  | { kind: 'reject'; reason: string; detail?: string };

export function reject(reason: string, detail?: string): RowResult {
  return detail === undefined ? { kind: 'reject', reason } : { kind: 'reject', reason, detail };
}

/**
 * Validate a built record against the NGO model. zod's output lists keys in
 * schema order and drops undefined ones, which is what the shards store.
 */
export function acceptRecord(
  record: Record<string, unknown>,
  rank: RankKey,
  notes: Note[],
  facts?: SourceFacts,
): RowResult {
  const parsed = ngoSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject('invalid record', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'schema mismatch'}`);
  }
  return facts ? { kind: 'ok', rank, ngo: parsed.data, notes, facts } : { kind: 'ok', rank, ngo: parsed.data, notes };
}

/** Row as column name -> value; a missing trailing field reads as empty. */
export type Row = Readonly<Record<string, string>>;
