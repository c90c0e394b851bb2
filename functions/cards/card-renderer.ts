import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { NgoCardText } from '../../model/ngo-card.ts';
import { readFontMetrics } from './font-metrics.ts';
import { createLruCache } from '../lru-cache.ts';
import { renderNgoCardSvg, type CardFonts } from './ngo-card-svg.ts';

/**
 * NGO share cards drawn on demand: SVG (ngo-card-svg.ts) rendered to PNG by resvg compiled to
 * WebAssembly, which runs the same in the Worker and in Node (Chromium, which draws the cause
 * cards at build time, runs in neither at request time). Each entry hands over the bytes its
 * own way (functions/cards/node-card-assets.ts, functions/worker-entry.ts).
 */
export type CardAssets = {
  /** resvg's index_bg.wasm: compiled (the Worker imports it so) or its bytes. */
  wasm: WebAssembly.Module | Uint8Array;
  /** DejaVu Sans and DejaVu Sans Bold (functions/cards/fonts/). */
  regularFont: Uint8Array;
  boldFont: Uint8Array;
};

export type CardRenderer = {
  /** The card's PNG, from the cache when `key` (its ETag) was drawn lately. */
  renderPng: (key: string, text: NgoCardText) => Promise<Uint8Array>;
};

/** resvg's glue keeps one instance per module and refuses a second init. */
let wasmReady: Promise<void> | null = null;

/**
 * Cards last drawn, most recent last (a Map keeps insertion order). A card costs 0.1–0.5 s to
 * draw on the 2-core machine (`npm run bench:cards`) and ~50 KB to keep: 64 (~3 MB) cover a link
 * going round on social sites, whose later fetches the Cache-Control and 304s keep cheap.
 */
const DEFAULT_CACHE_ENTRIES = 64;

export function createCardRenderer(
  loadAssets: () => Promise<CardAssets>,
  cacheEntries = DEFAULT_CACHE_ENTRIES,
): CardRenderer {
  let prepared: Promise<{ fonts: CardFonts; buffers: Uint8Array[] }> | null = null;
  const cache = createLruCache<Uint8Array>(cacheEntries);

  const prepare = () =>
    (prepared ??= (async () => {
      const assets = await loadAssets();
      wasmReady ??= initWasm(assets.wasm);
      await wasmReady;
      return {
        fonts: { regular: readFontMetrics(assets.regularFont), bold: readFontMetrics(assets.boldFont) },
        buffers: [assets.regularFont, assets.boldFont],
      };
    })().catch((error: unknown) => {
      prepared = null;
      throw error;
    }));

  return {
    async renderPng(key, text) {
      const cached = cache.get(key);
      if (cached) return cached;
      const { fonts, buffers } = await prepare();
      const resvg = new Resvg(renderNgoCardSvg(text, fonts), {
        font: { fontBuffers: buffers, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
        fitTo: { mode: 'original' },
      });
      let png: Uint8Array;
      try {
        const image = resvg.render();
        png = image.asPng();
        image.free();
      } finally {
        resvg.free();
      }
      cache.set(key, png);
      return png;
    },
  };
}
