import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFontMetrics, type FontMetrics } from './font-metrics.ts';
import type { CardAssets } from './card-renderer.ts';
import { loadNodeCardAssets } from './node-card-assets.ts';

let assets: CardAssets;
let bold: FontMetrics;

beforeAll(async () => {
  assets = await loadNodeCardAssets();
  bold = readFontMetrics(assets.boldFont);
  await initWasm(assets.wasm);
});

/** How wide resvg actually draws `text` (the box of its inked pixels). */
function measureDrawn(text: string, size: number): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="0" y="150" font-family="DejaVu Sans" font-weight="bold" font-size="${size}">${text}</text></svg>`;
  const resvg = new Resvg(svg, { font: { fontBuffers: [assets.regularFont, assets.boldFont] } });
  const box = resvg.innerBBox()!;
  const width = box.width;
  box.free();
  resvg.free();
  return width;
}

describe('readFontMetrics', () => {
  it("measures text as wide as resvg draws it with the same font (within the glyphs' side bearings)", () => {
    for (const text of ['Cancer Lifeline', 'Gerald Champion Regional Medical Center Foundation Inc', 'WWW iii 0123']) {
      const measured = bold.measure(text, 84);
      const drawn = measureDrawn(text, 84);
      expect(Math.abs(measured - drawn) / drawn).toBeLessThan(0.03);
    }
  });

  it('adds letter spacing per character and knows wide from narrow glyphs', () => {
    expect(bold.measure('abc', 50, 2) - bold.measure('abc', 50)).toBeCloseTo(6);
    expect(bold.measure('W', 50)).toBeGreaterThan(bold.measure('i', 50) * 2);
    expect(bold.measure('', 50)).toBe(0);
  });
});
