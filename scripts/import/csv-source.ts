import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { IRS_COLUMNS } from './irs-row.ts';
import { NI_COLUMNS } from './ni-row.ts';
import { UKCAT_COLUMNS } from './ukcat-row.ts';

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

const windows1252 = new TextDecoder('windows-1252');
const utf8 = new TextDecoder('utf-8');

/**
 * Bytes to text, line by line: UTF-8, except that a line which is not valid UTF-8 is read as
 * Windows-1252 (what UK registers export when not asked for UTF-8: "Caf\xe9" is "Café", not
 * "Caf\ufffd"). Per line, so one pasted line does not turn a whole UTF-8 file into mojibake.
 * A chunk that is valid UTF-8 up to its last newline (nearly all) is decoded in one go.
 */
export class LineDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private line = 0;
  private readonly onRecoded: (line: number) => void;

  constructor(onRecoded: (line: number) => void) {
    super({ decodeStrings: true });
    this.onRecoded = onRecoded;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes: Buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = bytes.lastIndexOf(0x0a) + 1;
    this.pending = bytes.subarray(end);
    if (end > 0) this.push(this.decodeLines(bytes.subarray(0, end)));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.length > 0) this.push(this.decodeLines(this.pending));
    done();
  }

  private decodeLines(bytes: Buffer): string {
    if (isUtf8(bytes)) {
      for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) this.line++;
      return utf8.decode(bytes);
    }
    let text = '';
    let start = 0;
    while (start < bytes.length) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline < 0 ? bytes.length : newline + 1;
      const line = bytes.subarray(start, end);
      this.line++;
      if (isUtf8(line)) text += utf8.decode(line);
      else {
        text += windows1252.decode(line);
        this.onRecoded(this.line);
      }
      start = end;
    }
    return text;
  }
}

/**
 * Stream a CSV file (plain or gzip, recognised by its magic bytes, not its
 * name) record by record. The parser is lenient: a stray quote inside a field
 * is kept as text, ragged rows come through for the caller to report, a UTF-8
 * BOM is dropped and a line that is not UTF-8 is read as Windows-1252 (reported
 * through `onRecoded`); records it still cannot read are yielded as errors
 * instead of ending the run.
 */
export async function* readCsvItems(
  file: string,
  onRecoded: (line: number) => void = () => {},
): AsyncGenerator<CsvItem> {
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
  const decoder = new LineDecoder(onRecoded);
  if (gzip) pipeline(source, createGunzip(), decoder, parser, onDone);
  else pipeline(source, decoder, parser, onDone);

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

export type CsvFormat = 'irs' | 'ni' | 'ukcat';

/** Which registry wrote this header: every column a mapper reads must be present. */
export function detectFormat(header: readonly string[]): CsvFormat | undefined {
  const names = new Set(header.map((name) => name.replace(/^\uFEFF/, '').trim()));
  if (IRS_COLUMNS.every((column) => names.has(column))) return 'irs';
  if (NI_COLUMNS.every((column) => names.has(column))) return 'ni';
  if (UKCAT_COLUMNS.every((column) => names.has(column))) return 'ukcat';
  return undefined;
}

/** A clear message for a file whose header is neither registry's. */
export function describeUnknownHeader(file: string, header: readonly string[]): string {
  const shown = header.slice(0, 6).join(',') + (header.length > 6 ? ',...' : '');
  return (
    `${file}: unrecognised CSV header "${shown}": expected an IRS EO BMF extract ` +
    `(EIN,NAME,...,NTEE_CD), a Charity Commission NI register export (Reg charity number,...) ` +
    `or a UK-CAT charity file (org_id,reg_number,name,...,UKCAT)`
  );
}
