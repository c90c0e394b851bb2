import { describe, expect, it } from 'vitest';
import { sanitizeNextPath } from './safe-redirect.ts';

describe('sanitizeNextPath', () => {
  it.each([
    ['/ngos/us-ein-010674736/', '/ngos/us-ein-010674736/'],
    ['/search/?q=water#top', '/search/?q=water#top'],
    ['/', '/'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(sanitizeNextPath(input)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['javascript:alert(1)'],
    ['ngos/relative'],
    [`/${'a'.repeat(2000)}`],
  ])('refuses %j', (input) => {
    expect(sanitizeNextPath(input)).toBe('/');
  });
});
