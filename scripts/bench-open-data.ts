import { buildOpenData } from '../src/lib/open-data.ts';
import { readNgoRecords } from './search-index.ts';

/**
 * Bulk download figures for `npm run bench`: the size of the files the build writes under /data/
 * and the time to make them from records already read (what the build adds: it reads the
 * records for the pages anyway). Median of a few runs: the gzip work is seconds at most.
 */
export async function benchOpenData(log: (line: string) => void, runs = 3): Promise<void> {
  const records = await readNgoRecords(process.env.CONTENT_DIR);
  const times: number[] = [];
  let built: Awaited<ReturnType<typeof buildOpenData>> | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    built = await buildOpenData(records, { generatedAt: new Date() });
    times.push(performance.now() - started);
  }
  const { manifest } = built!;
  const median = [...times].sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  const gz = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const raw = manifest.files.reduce((sum, f) => sum + f.uncompressedBytes, 0);
  const largest = manifest.files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  log(
    `${manifest.records.toLocaleString('en')} NGOs in ${manifest.files.length} files: ${(gz / 1e6).toFixed(1)} MB gzipped (${(raw / 1e6).toFixed(1)} MB of JSONL), largest ${largest.file} ${(largest.bytes / 1e6).toFixed(1)} MB [limit 25 MiB per file: ${largest.bytes <= 25 * 1024 * 1024 ? 'ok' : 'OVER'}]`,
  );
  log(`built in ${(median / 1000).toFixed(2)} s (median of ${runs}, records already read)`);
}

if (import.meta.main) await benchOpenData((line) => console.log(`bulk download: ${line}`));
