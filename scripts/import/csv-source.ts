import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { IRS_COLUMNS } from './irs-row.ts';
import { NI_COLUMNS } from './ni-row.ts';

/** One CSV record with the line it starts on, or a record csv-parse could not read. */
export type CsvItem =
  { kind: 'record'; line: number; fields: string[] } | { kind: 'error'; line: number; message: string };

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Stream a CSV file (plain or gzip, recognised by its magic bytes, not its
 * name) record by record. The parser is lenient: a stray quote inside a field
 * is kept as text, ragged rows come through for the caller to report, a UTF-8
 * BOM is dropped and invalid bytes decode as U+FFFD; records it still cannot
 * read are yielded as errors instead of ending the run.
 */
export async function* readCsvItems(file: string): AsyncGenerator<CsvItem> {
  // Sniffing first also turns a missing file into a plain rejection, before any stream exists.
  const gzip = await isGzip(file);
  const source = createReadStream(file);
  const parser = parse({
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  const skipped: CsvItem[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ kind: 'error', line: error.lines ?? 0, message: error.message });
  });
  const onDone = (error: Error | null) => {
    if (error) parser.destroy(error);
  };
  if (gzip) pipeline(source, createGunzip(), parser, onDone);
  else pipeline(source, parser, onDone);

  // csv-parse reports the line a record ends on; the start line is the line
  // after the previous record plus any blank lines skipped in between.
  let previousEnd = 0;
  let previousEmpty = 0;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; empty_lines: number };
  }>) {
    yield* skipped.splice(0);
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    yield { kind: 'record', line, fields: record };
  }
  yield* skipped.splice(0);
}

export type CsvFormat = 'irs' | 'ni';

/** Which registry wrote this header: every column a mapper reads must be present. */
export function detectFormat(header: readonly string[]): CsvFormat | undefined {
  const names = new Set(header.map((name) => name.replace(/^\uFEFF/, '').trim()));
  if (IRS_COLUMNS.every((column) => names.has(column))) return 'irs';
  if (NI_COLUMNS.every((column) => names.has(column))) return 'ni';
  return undefined;
}

/** A clear message for a file whose header is neither registry's. */
export function describeUnknownHeader(file: string, header: readonly string[]): string {
  const shown = header.slice(0, 6).join(',') + (header.length > 6 ? ',...' : '');
  return (
    `${file}: unrecognised CSV header "${shown}": expected an IRS EO BMF extract ` +
    `(EIN,NAME,...,NTEE_CD) or a Charity Commission NI register export (Reg charity number,...)`
  );
}
