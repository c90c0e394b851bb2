/**
 * Every country the browser can name, for the "Add your NGO" form, sorted by name. The API
 * checks the code again (model/api/proposals.ts), so a browser that names more or fewer regions
 * only changes the list, never what is accepted.
 */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'CQ', 'XA', 'XB']);

export type CountryOption = { code: string; name: string };

export function listCountries(): CountryOption[] {
  const names = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
  const options: CountryOption[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      try {
        if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
        const name = names.of(code);
        if (name) options.push({ code, name });
      } catch {
        // Not a region this browser knows.
      }
    }
  }
  const collator = new Intl.Collator('en');
  return options.sort((x, y) => collator.compare(x.name, y.name));
}
