import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSecurityHeaders, pageSecurityHeaders, renderHeadersFile } from './security-headers.ts';

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
});
