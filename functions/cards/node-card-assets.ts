import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { CardAssets } from './card-renderer.ts';

/** The Node entry's card assets: resvg's wasm from node_modules, the fonts beside this file. */
export async function loadNodeCardAssets(): Promise<CardAssets> {
  const wasmPath = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
  const [wasm, regularFont, boldFont] = await Promise.all([
    readFile(wasmPath),
    readFile(new URL('./fonts/DejaVuSans.bin', import.meta.url)),
    readFile(new URL('./fonts/DejaVuSans-Bold.bin', import.meta.url)),
  ]);
  return { wasm, regularFont, boldFont };
}
