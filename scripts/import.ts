/**
 * npm run import [-- [--data DIR] [--out DIR] [--limit N] [--ntee FILE] [--report FILE] [FILE...]]
 *
 * Rebuilds content/ngos/*.jsonl from the registry extracts in ../shared/data
 * (or the given IRS EO BMF / NI register CSV files). The library is in
 * scripts/import/; this file only reads arguments and prints.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatThousands } from './import/fields.ts';
import { formatRejectedSample, formatSummary } from './import/report.ts';
import { runImport } from './import/run-import.ts';

const USAGE = `Usage: npm run import [-- [options] [FILE...]]

Without FILE arguments, imports every CSV under <data>/irs-bmf and <data>/ni-register and
every .csv.gz under <data>/ukcat (its .csv files are the tag and ICNPTSO tables).
FILEs may be IRS EO BMF, Charity Commission NI or UK-CAT CSVs, plain or .gz (recognised by header).

Options:
  --data DIR     registry extracts (default: ../shared/data from the repository root)
  --out DIR      output directory for the *.jsonl shards (default: content/ngos)
  --limit N      how many NGOs to keep (default: 35000)
  --ntee FILE    NTEE code table (default: <data>/ntee/ntee-levels.csv)
  --ukcat-tags FILE  UK-CAT tag table (default: <data>/ukcat/ukcat-tags.csv)
  --report FILE  full list of rejected rows (default: <out>/../import-report.txt)
  -h, --help     show this help`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// npm runs scripts from the package root; INIT_CWD is where the user typed the command.
const userDir = process.env.INIT_CWD ?? process.cwd();

function listDefaultFiles(dataDir: string): string[] {
  const files: string[] = [];
  const sources: [string, RegExp][] = [
    ['irs-bmf', /\.csv(\.gz)?$/],
    ['ni-register', /\.csv(\.gz)?$/],
    ['ukcat', /\.csv\.gz$/],
  ];
  for (const [sub, pattern] of sources) {
    const dir = join(dataDir, sub);
    for (const name of readdirSync(dir).sort()) if (pattern.test(name)) files.push(join(dir, name));
  }
  return files;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        limit: { type: 'string' },
        ntee: { type: 'string' },
        'ukcat-tags': { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const limit = values.limit === undefined ? 35_000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) fail(`--limit must be a whole number, got "${values.limit}"`);
  const dataDir = values.data ? resolve(userDir, values.data) : resolve(repoRoot, '../shared/data');
  const outDir = values.out ? resolve(userDir, values.out) : resolve(repoRoot, 'content/ngos');
  let files: string[];
  try {
    files = positionals.length > 0 ? positionals.map((file) => resolve(userDir, file)) : listDefaultFiles(dataDir);
  } catch (error) {
    fail(`cannot list the registry extracts: ${(error as Error).message}`);
  }
  const reportFile = values.report ? resolve(userDir, values.report) : resolve(outDir, '..', 'import-report.txt');
  const nteeFile = values.ntee ? resolve(userDir, values.ntee) : join(dataDir, 'ntee', 'ntee-levels.csv');
  const ukcatTagsFile = values['ukcat-tags']
    ? resolve(userDir, values['ukcat-tags'])
    : join(dataDir, 'ukcat', 'ukcat-tags.csv');

  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  const outcome = await runImport({
    files,
    nteeFile,
    ukcatTagsFile,
    outDir,
    reportFile,
    limit,
    // A live counter on a terminal; in CI logs, a line every 100,000 rows.
    progress: (rows, file) => {
      const label = `  ${formatThousands(rows)} rows read from ${file.split('/').pop()}`;
      if (tty) process.stderr.write(`\r${label}\u001b[K`);
      else if (rows % 100_000 === 0) process.stderr.write(`${label}\n`);
    },
  });
  if (tty) process.stderr.write('\r\u001b[K');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const sample = formatRejectedSample(outcome.report);
  if (sample) process.stderr.write(`Rejected rows (first 20 per reason; all in ${reportFile}):\n${sample}\n\n`);
  process.stdout.write(`${formatSummary(outcome.report)}\n`);
  if (outcome.kind === 'failed') {
    process.stderr.write(
      `\nImport failed; ${outDir} left unchanged:\n${outcome.report.fileErrors.map((e) => `  ${e}`).join('\n')}\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`wrote     ${outcome.shards.length} shards to ${outDir} in ${seconds} s\n`);
}

await main();
