// `npm run bench:search` (also part of `npm run bench`): builds the Pagefind index from the
// content collection into a temporary directory (timed), then asks it the judged queries of
// scripts/lib/search-relevance.ts in Chromium and prints, per query and overall, the precision
// of the top 5, the queries that find nothing and the first-query download (budget 350 KB).
//   npm run bench:search -- --index DIR   ask an index built before (a directory holding pagefind/,
//                                         e.g. dist/client) instead
//   npm run bench:search -- --ranking '{"termSimilarity":5}'   try other Pagefind ranking options
//                                         than the search page's (src/scripts/search-ranking.ts)
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readPublishedProfiles } from '../content/read-profiles.ts';
import { openSearchSession, type Ranking } from './lib/pagefind-browser.ts';
import { isRightAnswer, JUDGED_QUERIES, scoreQuery, summariseScores } from './lib/search-relevance.ts';
import { buildSearchIndex, readNgoRecords } from './search-index.ts';

const KB = 1e3;
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
const FIRST_QUERY_BUDGET = 350_000;
/** The examples: their first-query download is printed too. */
const DOWNLOAD_QUERIES = ['clean water', 'water', 'foodbank', 'childcare', 'hunger', 'refugees london'];

export async function benchRelevance(
  log: (line: string) => void = console.log,
  { indexDir, ranking }: { indexDir?: string; ranking?: Record<string, unknown> } = {},
): Promise<void> {
  const records = await readNgoRecords(process.env.CONTENT_DIR);
  const profiles = await readPublishedProfiles(process.env.PROFILES_FILE || undefined);
  const dir = indexDir ?? (await mkdtemp(join(tmpdir(), 'jumo-relevance-')));
  try {
    if (!indexDir) {
      const started = performance.now();
      await buildSearchIndex({ records, profiles, outputPath: dir });
      log(`index: ${records.length} NGOs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    log(`index size: ${await describeIndexSize(join(dir, 'pagefind'))}`);
    const session = await openSearchSession(dir, ranking as Ranking | undefined);
    try {
      const scores = [];
      for (const { query, judge } of JUDGED_QUERIES) {
        const right = new Set(
          records
            .filter((ngo) => isRightAnswer(judge, ngo, profiles.get(ngo.id)?.mission))
            .map((ngo) => `/ngos/${ngo.slug}/`),
        );
        const score = scoreQuery(query, right, await session.search(query));
        scores.push(score);
        const top = score.rightAnswers
          ? `${score.rightInTop5}/${Math.min(5, score.rightAnswers)} right in the top 5, ${percent(score.recall)} of them found`
          : 'no right answer in this data';
        log(`  "${query}": ${score.found} found, ${score.rightAnswers} right answers, ${top}`);
      }
      const summary = summariseScores(scores);
      log(
        `relevance: precision of the top 5 ${percent(summary.meanPrecisionAt5)}, right answers found ${percent(summary.meanRecall)} (means over ${summary.judged} queries with right answers); ${summary.findNothing} find nothing`,
      );
      for (const query of DOWNLOAD_QUERIES) {
        const { total, byKind } = await session.measureFirstQuery(query);
        const parts = Object.entries(byKind)
          .sort((a, b) => b[1] - a[1])
          .map(([kind, bytes]) => `${kind} ${(bytes / KB).toFixed(0)}`)
          .join(', ');
        log(
          `first query "${query}": ${(total / KB).toFixed(0)} KB (${parts}) [budget 350 KB: ${total <= FIRST_QUERY_BUDGET ? 'ok' : 'OVER BUDGET'}]`,
        );
      }
    } finally {
      await session.close();
    }
  } finally {
    if (!indexDir) await rm(dir, { recursive: true, force: true });
  }
}

/** Files and bytes of the bundle, and of its word index (what grows with indexed text). */
async function describeIndexSize(bundle: string): Promise<string> {
  const measure = async (sub: string) => {
    const files = await readdir(join(bundle, sub));
    const sizes = await Promise.all(files.map(async (f) => (await stat(join(bundle, sub, f))).size));
    return { files: files.length, bytes: sizes.reduce((a, b) => a + b, 0) };
  };
  const [index, fragments] = await Promise.all([measure('index'), measure('fragment')]);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return `word index ${index.files} chunks, ${mb(index.bytes)}; fragments ${fragments.files}, ${mb(fragments.bytes)}`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { index: { type: 'string' }, ranking: { type: 'string' } } });
  await benchRelevance(console.log, {
    indexDir: values.index,
    ranking: values.ranking ? (JSON.parse(values.ranking) as Record<string, unknown>) : undefined,
  });
}
