import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { describeUnknownHeader, detectFormat, readCsvItems, type CsvFormat } from './csv-source.ts';
import { mapIrsRow } from './irs-row.ts';
import { mergeContributions, type Contribution } from './merge-records.ts';
import { mapNiRow } from './ni-row.ts';
import { loadNteeTable, type NteeTable } from './ntee.ts';
import { createReport, formatReportFile, type ImportReport } from './report.ts';
import type { Row, RowResult } from './row-result.ts';
import { TopSelection } from './select.ts';
import { mapUkcatRow } from './ukcat-row.ts';
import { loadUkcatTags, type UkcatTagTable } from './ukcat-tags.ts';
import { serialiseShards, writeShards, type SerialisedNgo } from './write-shards.ts';

export interface ImportOptions {
  /** IRS EO BMF and/or NI register CSV files, plain or gzip. */
  files: readonly string[];
  /** The NTEE code table (ntee-levels.csv). */
  nteeFile: string;
  /** The UK-CAT tag table (ukcat-tags.csv); needed only when a UK-CAT file is imported. */
  ukcatTagsFile?: string;
  /** Directory whose *.jsonl shards are replaced. */
  outDir: string;
  /** Where every rejected row is listed. */
  reportFile: string;
  /** How many NGOs to keep (see select.ts for the rule). */
  limit: number;
  /** Progress lines; none when omitted. */
  progress?: (rowsRead: number, file: string) => void;
}

export type ImportOutcome =
  { kind: 'written'; report: ImportReport; shards: string[] } | { kind: 'failed'; report: ImportReport };

function toRow(header: readonly string[], fields: readonly string[]): Row {
  const row: Record<string, string> = {};
  header.forEach((name, i) => {
    row[name] = fields[i] ?? '';
  });
  return row;
}

/**
 * A row must have the header's width; a trailing empty column (the NI export
 * ends every line with a comma) may be present or not.
 */
function hasHeaderWidth(header: readonly string[], fields: readonly string[]): boolean {
  let needed = header.length;
  while (needed > 0 && header[needed - 1] === '') needed--;
  if (fields.length < needed || fields.length > header.length) return false;
  return fields.slice(needed).every((field) => field === '');
}

/** The rows of one UK charity, gathered from every file before they become one record. */
interface UkGroup {
  file: string;
  line: number;
  contributions: Contribution[];
}

interface ImportState {
  ntee: NteeTable;
  ukcatTags: () => UkcatTagTable;
  /** IRS ids already kept. */
  seen: Set<string>;
  /** UK ids -> their rows, merged after the last file. */
  uk: Map<string, UkGroup>;
  selection: TopSelection<SerialisedNgo>;
  report: ImportReport;
}

/** Stream one file into the selection, recording every skipped, rejected and noted row. */
async function importFile(file: string, state: ImportState, options: ImportOptions): Promise<void> {
  const { ntee, seen, uk, selection, report } = state;
  let header: string[] | undefined;
  let format: CsvFormat | undefined;
  let read = 0;
  report.readByFile.set(file, 0);
  const onRecoded = (line: number) =>
    report.notes.push({ file, line, reason: 'line not in UTF-8, read as Windows-1252' });
  for await (const item of readCsvItems(file, onRecoded)) {
    if (item.kind === 'error') {
      report.rejected.push({ file, line: item.line, reason: 'unreadable CSV record', detail: item.message });
      continue;
    }
    if (!header) {
      header = item.fields.map((name) => name.trim());
      format = detectFormat(header);
      if (!format) {
        report.fileErrors.push(describeUnknownHeader(file, header));
        return;
      }
      if (format === 'ukcat') state.ukcatTags();
      continue;
    }
    read++;
    if (read % 10_000 === 0) options.progress?.(read, file);
    report.readByFile.set(file, read);
    const result: RowResult = !hasHeaderWidth(header, item.fields)
      ? {
          kind: 'reject',
          reason: 'wrong number of columns',
          detail: `${item.fields.length} fields, header has ${header.length}`,
        }
      : format === 'irs'
        ? mapIrsRow(toRow(header, item.fields), ntee)
        : format === 'ni'
          ? mapNiRow(toRow(header, item.fields))
          : mapUkcatRow(toRow(header, item.fields), state.ukcatTags());
    if (result.kind === 'skip') {
      report.skipped.set(result.reason, (report.skipped.get(result.reason) ?? 0) + 1);
    } else if (result.kind === 'reject') {
      report.rejected.push({ file, line: item.line, reason: result.reason, detail: result.detail });
    } else if (result.facts) {
      // UK rows are gathered by id (overlapping files, a charity classified twice in one file)
      // and merged into one record after the last file.
      for (const note of result.notes) report.notes.push({ file, line: item.line, ...note });
      const group = uk.get(result.ngo.id);
      if (group) {
        group.contributions.push({ ngo: result.ngo, facts: result.facts });
        report.merged++;
      } else {
        uk.set(result.ngo.id, { file, line: item.line, contributions: [{ ngo: result.ngo, facts: result.facts }] });
        report.imported++;
      }
    } else if (seen.has(result.ngo.id)) {
      report.rejected.push({ file, line: item.line, reason: 'duplicate id', detail: result.ngo.id });
    } else {
      seen.add(result.ngo.id);
      report.imported++;
      for (const note of result.notes) report.notes.push({ file, line: item.line, ...note });
      // Kept records are held as JSON text: a third of the memory of the object graph.
      if (selection.accepts(result.rank))
        selection.offer(result.rank, { id: result.ngo.id, json: JSON.stringify(result.ngo) });
    }
  }
  if (!header) report.fileErrors.push(`${file}: empty file (no CSV header row)`);
}

/**
 * Import the given registry files into JSONL shards. Nothing is written when
 * a file cannot be imported at all: a partial directory would silently change
 * the selection.
 */
export async function runImport(options: ImportOptions): Promise<ImportOutcome> {
  const report = createReport();
  let ukcatTags: UkcatTagTable | undefined;
  const state: ImportState = {
    ntee: loadNteeTable(options.nteeFile),
    ukcatTags: () => {
      if (!options.ukcatTagsFile) throw new Error('a UK-CAT file needs the UK-CAT tag table (ukcat-tags.csv)');
      ukcatTags ??= loadUkcatTags(options.ukcatTagsFile);
      return ukcatTags;
    },
    seen: new Set<string>(),
    uk: new Map(),
    selection: new TopSelection<SerialisedNgo>(options.limit),
    report,
  };
  const { selection } = state;
  for (const file of options.files) {
    try {
      await importFile(file, state, options);
    } catch (error) {
      report.fileErrors.push(`${file}: ${(error as Error).message}`);
    }
  }
  for (const group of state.uk.values()) {
    const result = mergeContributions(group.contributions);
    if (result.kind === 'ok') selection.offer(result.rank, { id: result.ngo.id, json: JSON.stringify(result.ngo) });
    else if (result.kind === 'reject')
      report.rejected.push({
        file: group.file,
        line: group.line,
        reason: `merged ${result.reason}`,
        detail: result.detail,
      });
  }
  await mkdir(dirname(options.reportFile), { recursive: true });
  if (report.fileErrors.length > 0) {
    await writeFile(options.reportFile, formatReportFile(report), 'utf8');
    return { kind: 'failed', report };
  }
  const selected = selection.takeSorted();
  report.selected = selected.length;
  for (const { rank } of selected) {
    report.selectedByTier[rank.tier]++;
    const register = rank.id.replace(/-[^-]+$/, '');
    report.selectedByRegister.set(register, (report.selectedByRegister.get(register) ?? 0) + 1);
  }
  const shards = serialiseShards(selected.map((kept) => kept.value));
  await writeShards(options.outDir, shards);
  await writeFile(options.reportFile, formatReportFile(report), 'utf8');
  return { kind: 'written', report, shards: [...shards.keys()].map((name) => basename(name)) };
}
