import { describe, expect, it } from 'vitest';
import { sanitizeNextPath } from './safe-redirect.ts';

const SITE = 'https://jumo.test';

/**
 * Where a browser goes with `Location: <value>` sent from a page of SITE: the WHATWG URL
 * parser is the browsers' own algorithm (it reads `\` as `/`, drops tabs and newlines, resolves
 * dot segments, %2e included).
 */
function landsOn(location: string): string {
  return new URL(location, `${SITE}/api/auth/facebook/callback`).origin;
}

/** Values that try to leave the site, in every encoding we know of. */
const ATTACKS = [
  '//evil.example/',
  '///evil.example',
  '/\\evil.example/',
  '\\\\evil.example',
  '/\\/evil.example',
  '/%5cevil.example',
  '/%5C%5Cevil.example',
  'https://evil.example/',
  'https:evil.example',
  'https:/evil.example',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/.//evil.example',
  '/..//evil.example',
  '/a/..//evil.example',
  '/a/../..//evil.example',
  '/./\\evil.example',
  '/..\\evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E//evil.example',
  '/.%2e//evil.example',
  '/%2e//evil.example',
  '/ngos/%2e%2e/%2e%2e//evil.example',
  '/%252e%252e//evil.example',
  '/%2f%2fevil.example',
  '/%252f%252fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  '/.\t//evil.example',
  '/%09/evil.example',
  ' //evil.example',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  'evil.example',
  'ngos/relative',
  '?next=//evil.example',
  '#//evil.example',
];

describe('sanitizeNextPath', () => {
  it.each([
    ['/ngos/us-ein-010674736/', '/ngos/us-ein-010674736/'],
    ['/search/?q=water#top', '/search/?q=water#top'],
    ['/causes/health/?do=follow', '/causes/health/?do=follow'],
    ['/', '/'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(sanitizeNextPath(input)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['javascript:alert(1)'],
    ['ngos/relative'],
    ['/.//evil.com'],
    ['/..//evil.com'],
    ['/a/../..//evil.com'],
    ['/%2e%2e//evil.com'],
    [`/${'a'.repeat(2000)}`],
  ])('refuses %j', (input) => {
    expect(sanitizeNextPath(input)).toBe('/');
  });

  it.each(ATTACKS)('keeps %j on this site, whatever the browser makes of the result', (input) => {
    const result = sanitizeNextPath(input);
    expect(result.startsWith('/')).toBe(true);
    expect(result[1] === '/' || result[1] === '\\').toBe(false);
    expect(result).not.toMatch(/[\u0000-\u001f\u007f\\]/);
    expect(landsOn(result)).toBe(SITE);
    // What it returns is already final: sanitising it again changes nothing.
    expect(sanitizeNextPath(result)).toBe(result);
  });
});
