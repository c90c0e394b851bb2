import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * NTEE (National Taxonomy of Exempt Entities) codes as the IRS BMF carries
 * them: a major-group letter, a digit, then a digit or letter (A20, A6A
 * "Opera"), sometimes with a fourth character the IRS appends (A650, U50Z).
 */

/** NCCS major groups, for codes the table does not list (e.g. P8XZ -> Human Services). */
export const NTEE_MAJOR_GROUPS: Readonly<Record<string, string>> = {
  A: 'Arts, Culture & Humanities',
  B: 'Education',
  C: 'Environment',
  D: 'Animal-Related',
  E: 'Health Care',
  F: 'Mental Health & Crisis Intervention',
  G: 'Diseases, Disorders & Medical Disciplines',
  H: 'Medical Research',
  I: 'Crime & Legal-Related',
  J: 'Employment',
  K: 'Food, Agriculture & Nutrition',
  L: 'Housing & Shelter',
  M: 'Public Safety, Disaster Preparedness & Relief',
  N: 'Recreation & Sports',
  O: 'Youth Development',
  P: 'Human Services',
  Q: 'International, Foreign Affairs & National Security',
  R: 'Civil Rights, Social Action & Advocacy',
  S: 'Community Improvement & Capacity Building',
  T: 'Philanthropy, Voluntarism & Grantmaking Foundations',
  U: 'Science & Technology',
  V: 'Social Science',
  W: 'Public & Societal Benefit',
  X: 'Religion-Related',
  Y: 'Mutual & Membership Benefit',
  Z: 'Unknown',
};

/** Code (3 chars) -> short description, e.g. "Q20" -> "Promotion of International Understanding". */
export type NteeTable = ReadonlyMap<string, string>;

/** Read ntee-levels.csv (columns "ntee" and "description"); strips the table's HTML draft notes. */
export function loadNteeTable(file: string): NteeTable {
  const rows: Record<string, string>[] = parse(readFileSync(file), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
  const table = new Map<string, string>();
  for (const row of rows) {
    const code = row.ntee?.trim().toUpperCase();
    const description = row.description
      ?.replace(/<i>.*?<\/i>/g, '')
      .replace(/<[^>]+>/g, '')
      .trim();
    if (code && description) table.set(code, description);
  }
  if (table.size === 0) throw new Error(`${file}: no NTEE codes found (expected columns "ntee" and "description")`);
  return table;
}

export interface NteeCode {
  /** The code as the registry gives it, upper case (may have a 4th char). */
  code: string;
  /** The 3-char code used for lookups and cause mapping. */
  base: string;
  /** The major group letter. */
  group: string;
  /** Description from the table, or the major group's name when the table lacks the code. */
  label: string;
  /** Whether the label is a generic "common code" (A01..A19) that needs its group to make sense. */
  isCommonCode: boolean;
}

const NTEE_SHAPE = /^[A-Z]\d[A-Z0-9]{1,2}$/;

/** Parse a BMF NTEE_CD; undefined for a malformed code (the row is then rejected). */
export function parseNteeCode(raw: string, table: NteeTable): NteeCode | undefined {
  const code = raw.trim().toUpperCase();
  if (!NTEE_SHAPE.test(code)) return undefined;
  const base = code.slice(0, 3);
  const group = code.charAt(0);
  const groupName = NTEE_MAJOR_GROUPS[group];
  if (!groupName) return undefined;
  const label = table.get(base) ?? groupName;
  return { code, base, group, label, isCommonCode: table.has(base) && /^[A-Z][01]\d$/.test(base) };
}
