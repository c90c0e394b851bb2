import { readFile } from 'node:fs/promises';
import { publishedImpactReportSchema, type PublishedImpactReport } from '../model/impact-report.ts';

/** Written by `npm run export` (scripts/export/impact-reports.ts) from the database. */
export const DEFAULT_IMPACT_REPORTS_FILE = 'content/impact-reports.jsonl';

/**
 * Published impact reports by NGO id, newest first, for the build. No file means none published
 * yet. A line that fails the model's schema names the file and line: the export writes only
 * checked data, so that is a hand edit to fix.
 */
export async function readPublishedImpactReports(
  file: string = DEFAULT_IMPACT_REPORTS_FILE,
): Promise<Map<string, PublishedImpactReport[]>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const byNgo = new Map<string, PublishedImpactReport[]>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: ReturnType<typeof publishedImpactReportSchema.safeParse>;
    try {
      parsed = publishedImpactReportSchema.safeParse(JSON.parse(line));
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}:${i + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid impact report'}`);
    }
    const list = byNgo.get(parsed.data.ngoId) ?? [];
    list.push(parsed.data);
    byNgo.set(parsed.data.ngoId, list);
  });
  for (const list of byNgo.values()) {
    list.sort((a, b) =>
      a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? 1 : -1,
    );
  }
  return byNgo;
}
