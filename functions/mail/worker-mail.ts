import { connect } from 'cloudflare:sockets';
import { openDatabase, type Database } from '../../db/client.ts';
import { formatIsoWeek } from '../../db/email-sends.ts';
import { parseEnv, type AppEnv } from '../env.ts';
import { listDigestPages, sendDigestPage, sendDueEmails, type SenderOptions } from './digest.ts';
import type { Mailer } from './message.ts';
import { createSmtpClient } from './smtp-client.ts';

/**
 * Mail on Cloudflare. Choice: SMTP over TCP sockets (`cloudflare:sockets`) to SMTP_URL, with the
 * client of smtp-client.ts — the same protocol, MIME and hard-bounce rule as nodemailer on Node,
 * any provider that speaks SMTP on 587 (STARTTLS) or 465 (TLS), no provider-specific API.
 * Cloudflare blocks port 25.
 *
 * - Cron Trigger `*\/5 * * * *` (wrangler.toml): the `scheduled` handler queues one job for the
 *   pending messages (instant emails, retries).
 * - Cron Trigger `0 8 * * 1` (Monday 08:00 UTC): it pages through the digest's subscribers by
 *   user id and queues one job per page of 200 (MAIL_QUEUE, sendBatch of up to 100).
 * - The `queue` handler (consumer of the same queue) runs each job: claims that page's digests
 *   (email_sends, so a redelivered or duplicated job sends nothing twice) and sends them over
 *   one SMTP connection.
 * Bindings: MAIL_QUEUE (Queue producer and consumer, queue `jumo-mail`); secrets SMTP_URL,
 * EMAIL_SIGNING_SECRET; vars MAIL_FROM, PUBLIC_ORIGIN (required here: a cron has no request URL).
 */

export type MailJob = { kind: 'due' } | { kind: 'digest-page'; afterUserId: string; lastUserId: string; week: string };

type QueueProducer = { sendBatch: (messages: { body: MailJob }[]) => Promise<void> };
type QueueBatch = { messages: { body: unknown; ack: () => void; retry: () => void }[] };
type ScheduledController = { cron: string; scheduledTime: number };

export const DIGEST_CRON = '0 8 * * 1';
const PAGE_SIZE = 200;
/** Queues' sendBatch takes at most 100 messages. */
const QUEUE_BATCH = 100;

type MailContext = { env: AppEnv; db: Database; mailer: Mailer; sender: SenderOptions };

/** The transport for messages sent during a request (confirmation links); null without SMTP_URL. */
export function createWorkerMailer(env: AppEnv): Mailer | null {
  return env.SMTP_URL ? createSmtpClient({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, connect }) : null;
}

function openMailContext(source: Record<string, unknown>): MailContext | string {
  const parsed = parseEnv(source);
  if (!parsed.ok) return `invalid configuration: ${parsed.message}`;
  const env = parsed.env;
  if (!env.TURSO_DATABASE_URL) return 'TURSO_DATABASE_URL is not set';
  if (!env.SMTP_URL || !env.EMAIL_SIGNING_SECRET || !env.PUBLIC_ORIGIN) {
    return 'mail is off: set SMTP_URL, EMAIL_SIGNING_SECRET and PUBLIC_ORIGIN';
  }
  const opened = openDatabase({ url: env.TURSO_DATABASE_URL, authToken: env.TURSO_AUTH_TOKEN });
  if (!opened.ok) return opened.reason;
  const mailer = createWorkerMailer(env)!;
  const sender: SenderOptions = {
    db: opened.db,
    mailer,
    origin: env.PUBLIC_ORIGIN,
    signingSecret: env.EMAIL_SIGNING_SECRET,
    now: () => new Date(),
    // One SMTP connection per invocation: messages go one after another on it.
    concurrency: 4,
  };
  return { env, db: opened.db, mailer, sender };
}

function readQueue(source: Record<string, unknown>): QueueProducer | null {
  const queue = source.MAIL_QUEUE as Partial<QueueProducer> | undefined;
  return typeof queue?.sendBatch === 'function' ? (queue as QueueProducer) : null;
}

/** The Cron Trigger: queue the work (the queue consumer sends), so no invocation runs long. */
export async function handleScheduled(controller: ScheduledController, source: Record<string, unknown>): Promise<void> {
  const context = openMailContext(source);
  const queue = readQueue(source);
  if (typeof context === 'string' || !queue) {
    console.log(`mail: ${typeof context === 'string' ? context : 'no MAIL_QUEUE binding'}`);
    return;
  }
  const jobs: MailJob[] = [{ kind: 'due' }];
  if (controller.cron === DIGEST_CRON) {
    const week = formatIsoWeek(new Date(controller.scheduledTime));
    for await (const page of listDigestPages(context.db, PAGE_SIZE)) jobs.push({ kind: 'digest-page', week, ...page });
  }
  for (let i = 0; i < jobs.length; i += QUEUE_BATCH) {
    await queue.sendBatch(jobs.slice(i, i + QUEUE_BATCH).map((body) => ({ body })));
  }
  context.mailer.close();
}

/** The queue consumer: each job is idempotent, so a retried or redelivered one is harmless. */
export async function handleQueue(batch: QueueBatch, source: Record<string, unknown>): Promise<void> {
  const context = openMailContext(source);
  if (typeof context === 'string') {
    console.log(`mail: ${context}`);
    for (const message of batch.messages) message.retry();
    return;
  }
  try {
    for (const message of batch.messages) {
      const job = message.body as MailJob;
      try {
        if (job.kind === 'due') await sendDueEmails(context.sender);
        else if (job.kind === 'digest-page') {
          // The week the cron planned, even when a retried job runs into the next one.
          await sendDigestPage(context.sender, job);
        }
        message.ack();
      } catch (error) {
        console.error(`mail job failed: ${(error as Error).message}`);
        message.retry();
      }
    }
  } finally {
    context.mailer.close();
  }
}
