import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * UK-CAT tag code -> title ("HE202" -> "Cancer"), from ukcat-tags.csv (columns Code, tag), with
 * the project's keyword rules ("Regular expression", "Exclude regular expression").
 */
export interface UkcatTagTable {
  titles: ReadonlyMap<string, string>;
  rules: readonly { code: string; include: RegExp; exclude?: RegExp }[];
}

function compile(pattern: string | undefined): RegExp | undefined {
  if (!pattern?.trim()) return undefined;
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return undefined; // a rule JavaScript cannot read is left out, not guessed at
  }
}

export function loadUkcatTags(file: string): UkcatTagTable {
  const rows: Record<string, string>[] = parse(readFileSync(file), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
  const titles = new Map<string, string>();
  const rules: UkcatTagTable['rules'][number][] = [];
  for (const row of rows) {
    const code = (row.Code ?? '').trim();
    // The CSV writes "Monuments, statues and memorials" as "Monuments; statues and memorials".
    const title = (row.tag ?? '').trim().replace(/; /g, ', ');
    if (!/^[A-Z]{2}(\d{3})?$/.test(code) || !title) continue;
    titles.set(code, title);
    const include = compile(row['Regular expression']);
    const exclude = compile(row['Exclude regular expression']);
    if (include) rules.push(exclude ? { code, include, exclude } : { code, include });
  }
  if (titles.size === 0) throw new Error(`${file}: no UK-CAT tags (expected columns Code and tag)`);
  return { titles, rules };
}

/**
 * The tags UK-CAT's keyword rules give a text (the way the project tags the whole register):
 * used only to choose causes for a charity the files leave untagged, never shown as its tags.
 */
export function matchUkcatRules(table: UkcatTagTable, text: string): string[] {
  return table.rules.filter((rule) => rule.include.test(text) && !rule.exclude?.test(text)).map((rule) => rule.code);
}
