// `npm run bench:digest` (also part of `npm run bench`): the weekly digest for 65,000 confirmed
// subscribers against a local SMTP server that accepts, counts and discards. Seeds a database of
// realistic size (scripts/lib/seed-bench-database.ts: users following NGOs and causes, pledges,
// posts, volunteer calls; plus impact reports), then runs two sender processes that overlap, as a
// retried cron job would, and checks that every subscriber got at most one digest.
// Budgets (DESIGN.md): all sent in ≤ 5 minutes, peak RSS of a sending process ≤ 400 MB.
//   BENCH_SUBSCRIBERS  default 65000
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, prepareLocalDatabase } from '../db/client.ts';
import { attachLocalReader } from '../db/local-statements.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { syncNgoDirectoryFromContent } from '../db/sync-ngo-directory.ts';
import { runWeeklyDigest } from '../functions/mail/digest.ts';
import { startMailCatcher } from '../functions/mail/mail-catcher.ts';
import { createNodeMailer } from '../functions/mail/node-mailer.ts';
import { seedBenchDatabase } from './lib/seed-bench-database.ts';

const SECRET = 'bench-digest-signing-secret-0123456789abcdef';
const DAY = 86_400;
const BUDGET_SECONDS = 300;
const BUDGET_RSS_MB = 400;
/**
 * As `npm run digest` runs (package.json): V8's young generation kept small. Measured: a sender
 * process starts at ~230 MB RSS with the default semi-spaces and ~120 MB with 1 MB ones.
 */
const SENDER_NODE_OPTIONS = ['--max-semi-space-size=1'];

type SenderReport = { sent: number; nothingNew: number; failed: number; seconds: number; peakRssMb: number };

/**
 * This process's peak RSS: VmHWM, which starts afresh at exec. Not getrusage's maxRSS: Linux
 * carries it over from the parent through fork and exec, so every sender reported the seeding
 * parent's ~450 MB (a sender alone, sampled every second, stays under 180 MB).
 */
function readPeakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kib) return Number(kib) / 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** One sending process: the same code as `npm run digest`, reporting its counts and peak RSS. */
async function runSender(databaseUrl: string, smtpUrl: string, nowMs: number): Promise<void> {
  const opened = openDatabase({ url: databaseUrl });
  if (!opened.ok) throw new Error(opened.reason);
  await prepareLocalDatabase(opened.db);
  const closeReader = attachLocalReader(opened.db, databaseUrl);
  const mailer = createNodeMailer({ smtpUrl, from: 'Jumo <bench@jumo.localhost>', maxConnections: 4 });
  const started = performance.now();
  const report = await runWeeklyDigest({
    db: opened.db,
    mailer,
    origin: 'https://jumo.example.org',
    signingSecret: SECRET,
    now: () => new Date(nowMs),
  });
  mailer.close();
  closeReader();
  opened.db.$client.close();
  const result: SenderReport = {
    ...report,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: readPeakRssMb(),
  };
  console.log(JSON.stringify(result));
}

export async function seedDigestBench(databaseUrl: string, subscribers: number, now: Date): Promise<void> {
  const opened = openDatabase({ url: databaseUrl });
  if (!opened.ok) throw new Error(opened.reason);
  const { db } = opened;
  await prepareLocalDatabase(db);
  await migrateDatabase(db);
  await syncNgoDirectoryFromContent(db);
  const result = await seedBenchDatabase(
    db,
    {
      users: subscribers,
      ngoFollows: subscribers * 8,
      causesPerUser: 1.5,
      pledges: subscribers * 2,
      posts: 30_000,
      opportunities: 3_000,
    },
    now,
  );
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // Everyone confirmed, their last digest a week ago: this week's items are new to them.
  const since = nowSeconds - 7 * DAY;
  await db.$client.execute({
    sql: `INSERT INTO email_addresses (user_id, address, confirmed_at, digest, status, hard_bounces, digest_cursor_at, created_at, updated_at)
      SELECT id, id || '@bench.example', ?1, 'weekly', 'ok', 0, ?1, ?1, ?1 FROM users`,
    args: [since],
  });
  // A week of impact reports from NGOs drawn by popularity (pledged-to NGOs report too).
  const reportNgos = result.popularNgoIds.slice(0, 2_000);
  await db.$client.batch(
    reportNgos.map((ngoId, i) => ({
      sql: `INSERT INTO impact_reports (id, ngo_id, author_id, title, period_start, period_end, currency, received_minor, spent_minor,
          body_markdown, body_html, hidden, created_at, updated_at)
        VALUES (?, ?, NULL, ?, '2026-01-01', '2026-06-30', 'USD', 1200000, 1100000, 'What we did', '<p>What we did</p>', 0, ?, ?)`,
      args: [
        `benchreport${String(i).padStart(13, '0')}`,
        ngoId,
        `Our first half of 2026 <${i}>`,
        since + 60 + i,
        since + 60 + i,
      ],
    })),
    'write',
  );
  await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  db.$client.close();
  console.log(
    `seeded ${result.counts.users} subscribers, ${result.counts.ngoFollows} NGO follows, ${result.counts.causeFollows} cause follows, ` +
      `${result.counts.pledges} pledges, ${result.counts.posts} posts, ${result.counts.opportunities} volunteer calls, ` +
      `${reportNgos.length} impact reports (${result.seconds.toFixed(0)} s)`,
  );
}

function spawnSender(databaseUrl: string, smtpUrl: string, nowMs: number): Promise<SenderReport> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...SENDER_NODE_OPTIONS, script, '--sender', databaseUrl, smtpUrl, String(nowMs)],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`sender failed: ${error.message}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as SenderReport);
      },
    );
  });
}

export type DigestBenchResult = {
  subscribers: number;
  messages: number;
  duplicates: number;
  seconds: number;
  messagesPerSecond: number;
  peakRssMb: number;
  senders: SenderReport[];
};

export async function benchDigest(log: (line: string) => void = console.log): Promise<DigestBenchResult> {
  const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 65_000);
  const dir = mkdtempSync(join(tmpdir(), 'jumo-bench-digest-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  const catcher = await startMailCatcher({ keep: false });
  try {
    const now = new Date();
    await seedDigestBench(databaseUrl, subscribers, now);
    const started = performance.now();
    // Two runs overlapping, the second a moment after the first: each digest must go out once.
    const first = spawnSender(databaseUrl, catcher.url, now.getTime());
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = spawnSender(databaseUrl, catcher.url, now.getTime());
    const senders = await Promise.all([first, second]);
    const seconds = (performance.now() - started) / 1000;
    const messages = catcher.count();
    const duplicates = [...catcher.recipientCounts().values()].filter((n) => n > 1).length;
    const peakRssMb = Math.max(...senders.map((s) => s.peakRssMb));
    const result = {
      subscribers,
      messages,
      duplicates,
      seconds,
      messagesPerSecond: messages / seconds,
      peakRssMb,
      senders,
    };
    const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
    for (const [i, s] of senders.entries()) {
      log(
        `sender ${i + 1}: ${s.sent} sent, ${s.nothingNew} with nothing new, ${s.failed} failed in ${s.seconds.toFixed(1)} s, peak RSS ${s.peakRssMb.toFixed(0)} MB`,
      );
    }
    log(
      `${messages} digests for ${subscribers} subscribers in ${seconds.toFixed(1)} s: ${result.messagesPerSecond.toFixed(0)} messages/s [budget ${BUDGET_SECONDS} s: ${verdict(seconds <= BUDGET_SECONDS)}]`,
    );
    log(
      `peak RSS of a sending process: ${peakRssMb.toFixed(0)} MB [budget ${BUDGET_RSS_MB} MB: ${verdict(peakRssMb <= BUDGET_RSS_MB)}]`,
    );
    log(`sent twice: ${duplicates} [must be 0: ${verdict(duplicates === 0)}]`);
    // A subscriber with nothing new is released and may be looked at by both runs; a digest
    // is claimed by one run only, and the SMTP server saw each recipient at most once.
    const sent = senders.reduce((n, s) => n + s.sent, 0);
    if (duplicates > 0 || messages !== sent || senders.some((s) => s.failed > 0)) {
      throw new Error(`digest bench: ${sent} sent, ${messages} caught, ${duplicates} recipients twice`);
    }
    return result;
  } finally {
    await catcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--sender');
  if (at !== -1) {
    await runSender(process.argv[at + 1]!, process.argv[at + 2]!, Number(process.argv[at + 3]));
  } else {
    await benchDigest((line) => console.log(`digest ${line}`));
  }
}
