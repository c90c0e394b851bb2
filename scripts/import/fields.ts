/**
 * Small field normalisers shared by the IRS and NI row mappers.
 */

/**
 * Website as https://host/path: scheme added or upgraded, host lower-cased.
 * Anything that is not plainly a web address (an email, a street address,
 * "n/a", a host without a dot) gives undefined: the field is omitted.
 */
export function normaliseWebsite(raw: string): string | undefined {
  let text = raw.trim().replace(/^(https?):?\/*/i, '');
  if (!text || /[\s,@]/.test(text)) return undefined;
  text = text.replace(/^\/+/, '');
  let url: URL;
  try {
    url = new URL(`https://${text}`);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (!/^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(host) || url.port || url.username) return undefined;
  return `https://${host}${url.pathname}${url.search}`;
}

export type Amount =
  | { kind: 'empty' }
  | { kind: 'ok'; value: number }
  | { kind: 'negative'; value: number }
  | { kind: 'bad'; raw: string };

/** A whole-unit money amount: digits with an optional minus sign; anything else is garbled. */
export function parseAmount(raw: string | undefined): Amount {
  const text = (raw ?? '').trim();
  if (text === '') return { kind: 'empty' };
  if (!/^-?\d{1,15}$/.test(text)) return { kind: 'bad', raw: text };
  const value = Number(text);
  return value < 0 ? { kind: 'negative', value } : { kind: 'ok', value };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "YYYY-MM" -> "March 2019" (fixed English names: output must not depend on the machine's locale). */
export function formatMonth(periodEnd: string): string {
  const [year, month] = periodEnd.split('-');
  return `${MONTHS[Number(month) - 1] ?? ''} ${year}`.trim();
}

/** "31 March 2019" -> "2019-03". */
export function parseDayMonthYear(raw: string): string | undefined {
  const m = /^\s*\d{1,2}\s+([A-Za-z]+)\s+(\d{4})\s*$/.exec(raw);
  if (!m) return undefined;
  const month = MONTHS.findIndex((name) => name.toLowerCase().startsWith((m[1] ?? '').toLowerCase().slice(0, 3)));
  return month < 0 ? undefined : `${m[2]}-${String(month + 1).padStart(2, '0')}`;
}

/** Year within the schema's range, or undefined. */
export function toYear(text: string | undefined): number | undefined {
  const year = Number(text);
  return Number.isInteger(year) && year >= 1800 && year <= 2100 ? year : undefined;
}

/** "1234567" -> "1,234,567" without depending on the machine's locale data. */
export function formatThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Collapse whitespace and trim. */
export function cleanText(text: string | undefined): string {
  return (text ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}
