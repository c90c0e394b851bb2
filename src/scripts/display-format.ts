/**
 * How islands show dates, money and opportunities: one copy for the NGO pages' custom elements
 * and the signed-in app pages' Preact components, so both say the same thing the same way.
 * Browser-safe and dependency-free (no zod, no DOM).
 */

/** "29 Nov 2026": the day, never the time (a post's time of day means little to a reader). */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** How many minor units a currency has, as Intl counts them (JPY 0, GBP 2, KWD 3). */
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "£25.00", "¥500": amounts are in the currency's minor unit, as Intl counts its digits. */
export function formatMinor(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minor / 10 ** fractionDigits(currency));
}

/** User-supplied links and pictures are shown only when they are https (the API checks too). */
export function isHttps(url: unknown): url is string {
  return typeof url === 'string' && /^https:\/\//i.test(url);
}

/** "Belfast or remote · 4 hours a week · sign up by 1 Dec 2026". */
export function describeOpportunity(o: {
  place: string | null;
  remote: boolean;
  commitment: string;
  closesOn: string | null;
}): string {
  const where = [o.place, o.remote ? 'remote' : null].filter(Boolean).join(' or ');
  return [where, o.commitment, o.closesOn ? `sign up by ${formatDate(o.closesOn)}` : null].filter(Boolean).join(' · ');
}
