// `npm run bench:cards` (also part of `npm run bench`): NGO share cards drawn by resvg's wasm,
// as GET /api/ngos/{id}/card.png draws them on a cache miss: the first card (wasm and fonts
// loaded), then cards of real NGOs spread over the directory, each drawn afresh; and the PNGs'
// sizes. No budget in DESIGN.md: cards are drawn once per NGO and cached (ETag, Cache-Control).
//   BENCH_CARDS  how many NGOs (default 40)
import { readNgoShards } from '../content/read-ngo-shards.ts';
import { createCardRenderer } from '../functions/cards/card-renderer.ts';
import { loadNodeCardAssets } from '../functions/cards/node-card-assets.ts';
import { describeNgoCard } from '../model/ngo-card.ts';

export type CardBench = {
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  medianBytes: number;
  maxBytes: number;
  count: number;
};

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export async function benchCards(log: (line: string) => void = console.log): Promise<CardBench> {
  const count = Number(process.env.BENCH_CARDS ?? 40);
  const records = (await readNgoShards()) as {
    id: string;
    name: string;
    causes: string[];
    location: { country: string };
  }[];
  const step = Math.max(1, Math.floor(records.length / count));
  const sample = records.filter((_, i) => i % step === 0).slice(0, count);
  // No cache: every card below is drawn.
  const renderer = createCardRenderer(loadNodeCardAssets, 0);
  const describe = (r: (typeof sample)[number]) =>
    describeNgoCard({ name: r.name, country: r.location.country, firstCause: r.causes[0] });

  let started = performance.now();
  await renderer.renderPng('first', describe(sample[0]!));
  const firstMs = performance.now() - started;
  const times: number[] = [];
  const sizes: number[] = [];
  for (const record of sample) {
    started = performance.now();
    const png = await renderer.renderPng(record.id, describe(record));
    times.push(performance.now() - started);
    sizes.push(png.length);
  }
  const result = {
    firstMs,
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    medianBytes: percentile(sizes, 0.5),
    maxBytes: Math.max(...sizes),
    count: sample.length,
  };
  log(
    `${result.count} NGO cards drawn (1200×630 PNG): first ${result.firstMs.toFixed(0)} ms (wasm and fonts loaded), ` +
      `then median ${result.medianMs.toFixed(0)} ms, p95 ${result.p95Ms.toFixed(0)} ms each; ` +
      `PNG median ${(result.medianBytes / 1e3).toFixed(1)} KB, max ${(result.maxBytes / 1e3).toFixed(1)} KB`,
  );
  return result;
}

if (import.meta.main) await benchCards();
