import { basename } from 'node:path';
import { formatThousands } from './fields.ts';

/** A row the importer left out, or kept with a figure omitted. */
export interface Issue {
  file: string;
  line: number;
  reason: string;
  detail?: string;
}

/** Counters and issues of one run; everything the summary and the report file print. */
export interface ImportReport {
  /** Data rows read per file (header excluded), in reading order. */
  readByFile: Map<string, number>;
  /** Rows that became NGO records (before selection). */
  imported: number;
  /** Not eligible (not 501(c)(3), no NTEE code, removed): counted only. */
  skipped: Map<string, number>;
  rejected: Issue[];
  notes: Issue[];
  /** Files that could not be imported at all (unknown header, unreadable). */
  fileErrors: string[];
  /** UK rows that joined a record an earlier row already started (same charity in two rows). */
  merged: number;
  selected: number;
  selectedByTier: [number, number, number];
  /** Selected NGOs per register (org-id prefix: US-EIN, GB-CHC, GB-SC, GB-NIC). */
  selectedByRegister: Map<string, number>;
}

export function createReport(): ImportReport {
  return {
    readByFile: new Map(),
    imported: 0,
    skipped: new Map(),
    rejected: [],
    notes: [],
    fileErrors: [],
    merged: 0,
    selected: 0,
    selectedByTier: [0, 0, 0],
    selectedByRegister: new Map(),
  };
}

function countBy(issues: readonly Issue[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const issue of issues) counts.set(issue.reason, (counts.get(issue.reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function formatIssue(issue: Issue): string {
  return `${issue.file}:${issue.line}: ${issue.reason}${issue.detail ? ` (${issue.detail})` : ''}`;
}

const n = formatThousands;

/** The end-of-run summary: read, imported, skipped, rejected by reason, selected. */
export function formatSummary(report: ImportReport): string {
  const read = [...report.readByFile.values()].reduce((a, b) => a + b, 0);
  const skipped = [...report.skipped.values()].reduce((a, b) => a + b, 0);
  const lines = [`read      ${n(read)} rows from ${report.readByFile.size} file(s)`];
  lines.push(`skipped   ${n(skipped)} not eligible`);
  for (const [reason, count] of [...report.skipped.entries()].sort((a, b) => b[1] - a[1]))
    lines.push(`            ${n(count)} ${reason}`);
  lines.push(`rejected  ${n(report.rejected.length)}`);
  for (const [reason, count] of countBy(report.rejected)) lines.push(`            ${n(count)} ${reason}`);
  lines.push(`imported  ${n(report.imported)} NGO records`);
  if (report.merged > 0)
    lines.push(`merged    ${n(report.merged)} rows merged into a record an earlier row started (one page per charity)`);
  if (report.notes.length > 0) {
    lines.push(`notes     ${n(report.notes.length)} rows kept with something omitted or read differently`);
    for (const [reason, count] of countBy(report.notes)) lines.push(`            ${n(count)} ${reason}`);
  }
  const [ni, abroad, rest] = report.selectedByTier.map(n);
  lines.push(`selected  ${n(report.selected)} (UK ${ni}; IRS non-US or NTEE Q ${abroad}; IRS by revenue ${rest})`);
  const registers = [...report.selectedByRegister.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (registers.length > 0)
    lines.push(`by register ${registers.map(([register, count]) => `${register} ${n(count)}`).join('; ')}`);
  return lines.join('\n');
}

/** The first `perReason` rejected rows of each reason, for the terminal. */
export function formatRejectedSample(report: ImportReport, perReason = 20): string {
  const lines: string[] = [];
  for (const [reason, count] of countBy(report.rejected)) {
    const sample = report.rejected.filter((issue) => issue.reason === reason).slice(0, perReason);
    lines.push(...sample.map((issue) => `  ${formatIssue({ ...issue, file: basename(issue.file) })}`));
    if (count > sample.length) lines.push(`  ... and ${n(count - sample.length)} more "${reason}"`);
  }
  return lines.join('\n');
}

/** The full report file: summary, then every rejected row and every note. No timestamps: reruns diff clean. */
export function formatReportFile(report: ImportReport): string {
  const sections = [
    'Jumo import report',
    '',
    formatSummary(report),
    '',
    `Rejected rows (${n(report.rejected.length)}):`,
    ...report.rejected.map((issue) => formatIssue({ ...issue, file: basename(issue.file) })),
    '',
    `Rows kept with something omitted or read differently (${n(report.notes.length)}):`,
    ...report.notes.map((issue) => formatIssue({ ...issue, file: basename(issue.file) })),
  ];
  if (report.fileErrors.length > 0) sections.push('', 'File errors:', ...report.fileErrors);
  return `${sections.join('\n')}\n`;
}
