import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  apiSecurityHeaders,
  getPageSecurityHeaders,
  pageSecurityHeaders,
  renderHeadersFile,
} from './security-headers.ts';

describe('security headers', () => {
  it('public/_headers is generated from the shared definition (run functions/write-headers-file.ts)', () => {
    const committed = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    expect(committed).toBe(renderHeadersFile());
  });

  it('forbids framing and sniffing on pages and API', () => {
    for (const set of [pageSecurityHeaders, apiSecurityHeaders]) {
      expect(set['Content-Security-Policy']).toContain("frame-ancestors 'none'");
      expect(set['X-Frame-Options']).toBe('DENY');
      expect(set['X-Content-Type-Options']).toBe('nosniff');
      expect(set['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
    }
  });

  it('lets any site frame the widget pages (/embed/*) and nothing else', () => {
    const embed = getPageSecurityHeaders('/embed/ngo/');
    expect(embed['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(embed['Content-Security-Policy']).not.toContain("frame-ancestors 'none'");
    expect(embed['X-Frame-Options']).toBeUndefined();
    // Everything else a framed page must not do is still refused.
    expect(embed['Content-Security-Policy']).toContain("default-src 'self'");
    expect(embed['Cross-Origin-Opener-Policy']).toBe('same-origin');
    for (const path of ['/', '/ngos/x/', '/embed', '/embedded/', '/follow/', '/manage/', '/widgets/', '/widget.js']) {
      const set = getPageSecurityHeaders(path);
      expect(set['Content-Security-Policy'], path).toContain("frame-ancestors 'none'");
      expect(set['X-Frame-Options'], path).toBe('DENY');
    }
  });

  it('never lets a path that climbs out of /embed/ be framed', () => {
    for (const path of [
      '/embed/%2e%2e/ngos/x/',
      '/embed/..%2fngos/x/',
      '/embed/%2E%2E%5Cngos/x/',
      '/embed/%zz',
      '/embed/./x',
    ]) {
      expect(getPageSecurityHeaders(path)['X-Frame-Options'], path).toBe('DENY');
    }
  });

  it('keeps the follow window linked to the widget that opened it (no COOP on /follow/ only)', () => {
    expect(getPageSecurityHeaders('/follow/')['Cross-Origin-Opener-Policy']).toBeUndefined();
    expect(getPageSecurityHeaders('/ngos/x/')['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });

  it('writes the path rules into public/_headers as Cloudflare detaches and sets them', () => {
    const file = renderHeadersFile();
    const embedRule = file.slice(file.indexOf('\n/embed/*\n'));
    expect(embedRule).toMatch(
      /^\n\/embed\/\*\n {2}! X-Frame-Options\n {2}! Content-Security-Policy\n {2}Content-Security-Policy: [^\n]*frame-ancestors \*\n/,
    );
    expect(file).toContain('\n/follow/*\n  ! Cross-Origin-Opener-Policy\n');
    // The site-wide rule comes first: Cloudflare applies matching rules in file order.
    expect(file.indexOf('/*\n')).toBeLessThan(file.indexOf('/embed/*'));
  });
});
