import { describe, expect, it } from 'vitest';
import { ngoProfileInputSchema, normalizePublicUrl, normalizeSocialUrl } from './ngo-profile.ts';

describe('normalizePublicUrl', () => {
  it.each([
    ['example.org', 'https://example.org/'],
    ['  https://Example.ORG/Give?x=1#top ', 'https://example.org/Give?x=1'],
    ['https://example.org.:443/a', 'https://example.org/a'],
    ['https://www.example.co.uk', 'https://www.example.co.uk/'],
    ['https://xn--bcher-kva.example.org/', 'https://xn--bcher-kva.example.org/'],
    ['https://bücher.de/', 'https://xn--bcher-kva.de/'],
    ['https://example.org:8443/x', 'https://example.org:8443/x'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePublicUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['', 'required'],
    ['http://example.org', 'https'],
    ['ftp://example.org', 'https'],
    ['javascript:alert(1)', 'https'],
    ['data:text/html,x', 'https'],
    ['https://user:pass@example.org', 'user name'],
    ['https://127.0.0.1/', 'IP'],
    ['https://10.0.0.5/', 'IP'],
    ['https://192.168.0.1/', 'IP'],
    ['https://169.254.169.254/', 'IP'],
    ['https://[::1]/', 'IP'],
    ['https://[fd00::1]/', 'IP'],
    ['https://0x7f000001/', 'IP'],
    ['https://2130706433/', 'IP'],
    ['https://0177.0.0.1/', 'IP'],
    ['https://localhost/', 'public'],
    ['https://app.localhost/', 'public'],
    ['https://printer.local/', 'public'],
    ['https://db.internal/', 'public'],
    ['https://intranet/', 'public'],
    ['https://example/', 'public'],
    ['https://exa_mple.org/', 'valid domain'],
    [`https://example.org/${'a'.repeat(500)}`, '500'],
  ])('refuses %s', (input, message) => {
    const check = normalizePublicUrl(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(message);
  });
});

describe('normalizeSocialUrl', () => {
  it.each([
    ['facebook', 'facebook.com/ourngo', 'https://facebook.com/ourngo'],
    ['facebook', 'https://m.facebook.com/ourngo/', 'https://m.facebook.com/ourngo/'],
    ['x', 'https://twitter.com/ourngo', 'https://twitter.com/ourngo'],
    ['x', 'https://X.com/ourngo', 'https://x.com/ourngo'],
    ['linkedin', 'https://www.linkedin.com/company/ourngo', 'https://www.linkedin.com/company/ourngo'],
    ['youtube', 'https://www.youtube.com/@ourngo', 'https://www.youtube.com/@ourngo'],
    ['tiktok', 'https://www.tiktok.com/@ourngo', 'https://www.tiktok.com/@ourngo'],
    ['instagram', 'https://instagram.com/ourngo', 'https://instagram.com/ourngo'],
  ] as const)('%s: %s → %s', (network, input, expected) => {
    expect(normalizeSocialUrl(network, input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['facebook', 'https://evil.example.org/facebook.com/ourngo', 'Facebook'],
    ['facebook', 'https://facebook.com.evil.example.org/ourngo', 'Facebook'],
    ['facebook', 'https://notfacebook.com/ourngo', 'Facebook'],
    ['instagram', 'https://www.facebook.com/ourngo', 'Instagram'],
    ['youtube', 'https://youtube.com/', 'your page'],
    ['tiktok', 'http://www.tiktok.com/@ourngo', 'https'],
    ['linkedin', 'https://user@linkedin.com/company/x', 'user name'],
  ] as const)('%s refuses %s', (network, input, message) => {
    const check = normalizeSocialUrl(network, input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(message);
  });
});

describe('ngoProfileInputSchema', () => {
  it('accepts an empty profile and a full one, normalising as it goes', () => {
    expect(ngoProfileInputSchema.parse({})).toEqual({});
    const parsed = ngoProfileInputSchema.parse({
      mission: '  Our mission  ',
      website: 'Example.org',
      social: { x: 'twitter.com/ngo', tiktok: null },
      contactEmail: ' Hi@Example.org ',
      languages: ['en', 'sw'],
      countriesServed: ['KE', 'TZ', 'XK'],
      yearFounded: 1987,
    });
    expect(parsed).toEqual({
      mission: 'Our mission',
      website: 'https://example.org/',
      social: { x: 'https://twitter.com/ngo', tiktok: null },
      contactEmail: 'hi@example.org',
      languages: ['en', 'sw'],
      countriesServed: ['KE', 'TZ', 'XK'],
      yearFounded: 1987,
    });
  });

  it.each([
    [{ languages: ['xx'] }, 'languages'],
    [{ countriesServed: ['gb'] }, 'countriesServed'],
    [{ countriesServed: ['XA'] }, 'countriesServed'],
    [{ yearFounded: 1999.5 }, 'yearFounded'],
    [{ yearFounded: new Date().getUTCFullYear() + 1 }, 'yearFounded'],
    [{ logo: 'media/abc.png' }, 'logo'],
    [{ mission: 'x'.repeat(5001) }, 'mission'],
  ])('refuses %j naming %s', (input, field) => {
    const result = ngoProfileInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
});
