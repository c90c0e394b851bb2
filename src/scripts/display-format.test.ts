import { describe, expect, it } from 'vitest';
import { describeOpportunity, formatDate, formatMinor, fractionDigits, isHttps } from './display-format.ts';

describe('display-format', () => {
  it('formats minor units with the digits of each currency', () => {
    expect(formatMinor(2500, 'GBP')).toBe('£25.00');
    expect(formatMinor(500, 'JPY')).toBe('¥500');
    expect(fractionDigits('KWD')).toBe(3);
    expect(fractionDigits('not a currency')).toBe(2);
  });

  it('shows a day, not a time', () => {
    expect(formatDate('2026-11-29T23:12:42.000Z')).toBe('29 Nov 2026');
  });

  it('accepts only https links', () => {
    expect(isHttps('https://example.org/a')).toBe(true);
    expect(isHttps('http://example.org/a')).toBe(false);
    expect(isHttps('javascript:alert(1)')).toBe(false);
    expect(isHttps(null)).toBe(false);
  });

  it('describes where, how long and until when', () => {
    expect(
      describeOpportunity({ place: 'Belfast', remote: true, commitment: '4 hours a week', closesOn: '2026-12-01' }),
    ).toBe('Belfast or remote · 4 hours a week · sign up by 1 Dec 2026');
    expect(describeOpportunity({ place: null, remote: true, commitment: 'one weekend', closesOn: null })).toBe(
      'remote · one weekend',
    );
  });
});
