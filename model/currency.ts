/**
 * The currency a pledge form suggests for an NGO: where it is registered. The directory holds
 * UK and US registries today; the rest is a small map for the obvious cases, USD otherwise.
 */
const BY_COUNTRY: Record<string, string> = {
  GB: 'GBP',
  US: 'USD',
  IE: 'EUR',
  FR: 'EUR',
  DE: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  NL: 'EUR',
  BE: 'EUR',
  PT: 'EUR',
  AT: 'EUR',
  FI: 'EUR',
  GR: 'EUR',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  JP: 'JPY',
  IN: 'INR',
  KE: 'KES',
  NG: 'NGN',
  ZA: 'ZAR',
  GH: 'GHS',
  UG: 'UGX',
  BR: 'BRL',
  MX: 'MXN',
  SG: 'SGD',
};

export function getDefaultCurrency(country: string): string {
  return BY_COUNTRY[country.toUpperCase()] ?? 'USD';
}
