import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeNgoCard } from '../../model/ngo-card.ts';
import { readFontMetrics } from './font-metrics.ts';
import { loadNodeCardAssets } from './node-card-assets.ts';
import { renderNgoCardSvg, type CardFonts } from './ngo-card-svg.ts';

let fonts: CardFonts;

beforeAll(async () => {
  const assets = await loadNodeCardAssets();
  fonts = { regular: readFontMetrics(assets.regularFont), bold: readFontMetrics(assets.boldFont) };
});

/** libxml2's verdict: '' when well-formed, its complaint otherwise. */
function checkWellFormed(svg: string): string {
  try {
    execFileSync('xmllint', ['--noout', '-'], { input: svg, stdio: ['pipe', 'pipe', 'pipe'] });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('renderNgoCardSvg', () => {
  it('escapes names that look like HTML or XML: they stay text, the SVG stays well-formed', () => {
    const name = '<script>alert(1)</script></text><image href="https://evil.example/x.png"/> & "Co" \'s ]]>\u0001';
    const svg = renderNgoCardSvg(describeNgoCard({ name, country: 'GB', firstCause: 'health' }), fonts);
    expect(checkWellFormed(svg)).toBe('');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<image');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('\u0001');
    // Brand, eyebrow, the name's lines, the closing line: only our own text elements.
    const drawn = texts(svg);
    expect(drawn[0]).toBe('Jumo');
    expect(drawn[1]).toBe('NGO · HEALTH');
    // Lines may break inside a long "word", so compare without the spaces between them.
    const title = drawn.slice(2, -1).join('').replace(/\s/g, '');
    expect(title.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toContain(
      '<script>alert(1)</script></text><imagehref=',
    );
  });

  it('shows the first cause and the country; a plain "NGO" without a cause', () => {
    const svg = renderNgoCardSvg(describeNgoCard({ name: 'A', country: 'US', firstCause: 'arts-culture' }), fonts);
    expect(texts(svg)).toEqual([
      'Jumo',
      'NGO · ARTS &amp; CULTURE',
      'A',
      'United States. Follow it on Jumo and pledge your support.',
    ]);
    const bare = renderNgoCardSvg(describeNgoCard({ name: 'B', country: 'GB', firstCause: undefined }), fonts);
    expect(texts(bare)[1]).toBe('NGO');
  });

  it('sets a short name large on one line, a long one smaller over lines within the text width', () => {
    const short = renderNgoCardSvg(
      describeNgoCard({ name: 'Cancer Lifeline', country: 'GB', firstCause: 'health' }),
      fonts,
    );
    expect(short).toMatch(/font-size="84" letter-spacing="-1.5" fill="#1f1b16">Cancer Lifeline</);
    const longName =
      'The Royal National Lifeboat Institution For The Preservation Of Life From Shipwreck And Other Perils';
    const long = renderNgoCardSvg(describeNgoCard({ name: longName, country: 'GB', firstCause: 'health' }), fonts);
    const lines = [...long.matchAll(/font-size="(\d+)" letter-spacing="-1.5" fill="#1f1b16">([^<]*)</g)];
    expect(lines.length).toBe(3);
    expect(lines.at(-1)![2]).toMatch(/…$/);
    for (const [, size, text] of lines) expect(fonts.bold.measure(text!, Number(size), -1.5)).toBeLessThanOrEqual(984);
  });

  it('cuts a single word too long for a line instead of overflowing', () => {
    const svg = renderNgoCardSvg(describeNgoCard({ name: 'W'.repeat(60), country: 'GB', firstCause: 'health' }), fonts);
    const lines = [...svg.matchAll(/font-size="(\d+)" letter-spacing="-1.5" fill="#1f1b16">([^<]*)</g)];
    expect(lines.length).toBeGreaterThan(1);
    for (const [, size, text] of lines) expect(fonts.bold.measure(text!, Number(size), -1.5)).toBeLessThanOrEqual(984);
  });
});
