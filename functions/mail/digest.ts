import type { Database } from '../../db/client.ts';
import { getInstantItem, listDigestItems, type EmailItem } from '../../db/email-digest.ts';
import {
  claimDigestRange,
  claimDueSends,
  findDigestPageEnd,
  formatIsoWeek,
  getRecipients,
  recordSendResults,
  type ClaimedSend,
  type Recipient,
  type SendResult,
} from '../../db/email-sends.ts';
import { composeDigestMessage, composeInstantMessage } from './compose.ts';
import type { MailMessage, Mailer } from './message.ts';
import { buildListUnsubscribeHeaders, buildUnsubscribeUrl } from './unsubscribe-token.ts';

/**
 * The sender: the weekly digest and the outbox (instant emails, retries), the same code under
 * `npm run digest`, `npm start`'s interval and the benchmark. Idempotency lives in email_sends
 * (db/email-sends.ts); this file decides what each message says and records how each attempt
 * went, a page at a time.
 */

export type SenderOptions = {
  db: Database;
  mailer: Mailer;
  /** The public site origin for links (`https://jumo.example.org`). */
  origin: string;
  /** EMAIL_SIGNING_SECRET: signs the List-Unsubscribe links. */
  signingSecret: string;
  now: () => Date;
  /** Messages in flight at once (the pooled transport spreads them over its connections). */
  concurrency?: number;
  /** Messages claimed per statement, and recorded per write. */
  pageSize?: number;
};

export type SendReport = { sent: number; nothingNew: number; failed: number };

/** Items listed in one digest; the rest are counted with a link to the feed. */
const DIGEST_LISTED = 30;
const DEFAULT_PAGE_SIZE = 200;

function emptyReport(): SendReport {
  return { sent: 0, nothingNew: 0, failed: 0 };
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

function toDigestItem(item: EmailItem) {
  return {
    kind: item.kind,
    id: item.id,
    title: item.title,
    ngoName: item.ngoName,
    ngoSlug: item.ngoSlug,
    createdAt: item.createdAt,
  };
}

/** What one claimed message says, or why nothing is sent. */
async function composeSend(
  options: SenderOptions,
  send: ClaimedSend,
  recipient: Recipient | undefined,
  unsubscribeUrl: string,
  pageStartedAt: Date,
): Promise<{ message: MailMessage; digestCursorAt?: Date } | SendResult> {
  if (!recipient) return { send, result: 'abandoned', reason: 'no confirmed, working address' };
  if (send.kind === 'digest') {
    if (recipient.digest !== 'weekly') return { send, result: 'released' };
    // The window ends when the page started (one cursor for the page, one write for it), and
    // becomes the next digest's start.
    const upTo = pageStartedAt;
    const { items, total } = await listDigestItems(
      options.db,
      send.userId,
      { after: recipient.cursorAt, upTo },
      DIGEST_LISTED,
    );
    // Nothing new: no email, and the claim goes so a later run this week may still send one.
    if (items.length === 0) return { send, result: 'released' };
    const message = composeDigestMessage({
      to: recipient.address,
      origin: options.origin,
      unsubscribeUrl,
      items: items.map(toDigestItem),
      moreCount: Math.max(0, total - items.length),
    });
    return { message, digestCursorAt: upTo };
  }
  const item = await getInstantItem(options.db, send.ref);
  if (!item) return { send, result: 'abandoned', reason: 'the item is no longer visible' };
  return {
    message: composeInstantMessage({
      to: recipient.address,
      origin: options.origin,
      unsubscribeUrl,
      item: toDigestItem(item),
    }),
  };
}

/** Send a page of claimed messages, then record every outcome in one write. */
async function processPage(options: SenderOptions, sends: ClaimedSend[], report: SendReport): Promise<void> {
  const pageStartedAt = options.now();
  const recipients = await getRecipients(
    options.db,
    sends.map((s) => s.userId),
  );
  const outcomes: SendResult[] = [];
  await runLimited(sends, options.concurrency ?? 16, async (send) => {
    const unsubscribeUrl = await buildUnsubscribeUrl(options.origin, options.signingSecret, send.userId);
    const composed = await composeSend(options, send, recipients.get(send.userId), unsubscribeUrl, pageStartedAt);
    if ('result' in composed) {
      outcomes.push(composed);
      if (composed.result === 'released' && send.kind === 'digest') report.nothingNew += 1;
      if (composed.result === 'abandoned') report.failed += 1;
      return;
    }
    const sent = await options.mailer.sendMail({
      ...composed.message,
      headers: buildListUnsubscribeHeaders(unsubscribeUrl),
    });
    if (sent.ok) {
      outcomes.push({ send, result: 'sent', digestCursorAt: composed.digestCursorAt });
      report.sent += 1;
    } else {
      outcomes.push({ send, result: 'failed', permanent: sent.permanent, error: sent.error });
      report.failed += 1;
    }
  });
  await recordSendResults(options.db, outcomes, options.now());
}

/** The subscribers of the digest in pages of ids (after, last], for a run or a fan-out. */
export async function* listDigestPages(
  db: Database,
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<{ afterUserId: string; lastUserId: string }> {
  let afterUserId = '';
  for (;;) {
    const lastUserId = await findDigestPageEnd(db, afterUserId, pageSize);
    if (lastUserId === null) return;
    yield { afterUserId, lastUserId };
    afterUserId = lastUserId;
  }
}

/** This ISO week's digest for one page of subscribers (a queue message on Cloudflare). */
export async function sendDigestPage(
  options: SenderOptions,
  page: { afterUserId: string; lastUserId: string; week?: string },
  report: SendReport = emptyReport(),
): Promise<SendReport> {
  const claimed = await claimDigestRange(options.db, {
    afterUserId: page.afterUserId,
    lastUserId: page.lastUserId,
    week: page.week ?? formatIsoWeek(options.now()),
    now: options.now(),
  });
  await processPage(options, claimed, report);
  return report;
}

/**
 * This ISO week's digest for every confirmed, working, weekly address, paging through them by
 * user id so memory stays flat however many there are. Safe to run again or alongside another
 * run: each person's digest for the week is claimed once (email_sends).
 */
export async function runWeeklyDigest(options: SenderOptions): Promise<SendReport> {
  const report = emptyReport();
  for await (const page of listDigestPages(options.db, options.pageSize)) await sendDigestPage(options, page, report);
  return report;
}

/** Every pending message whose time has come: instant emails and retries of failed attempts. */
export async function sendDueEmails(options: SenderOptions): Promise<SendReport> {
  const report = emptyReport();
  for (;;) {
    const claimed = await claimDueSends(options.db, {
      now: options.now(),
      limit: options.pageSize ?? DEFAULT_PAGE_SIZE,
    });
    if (claimed.length === 0) break;
    await processPage(options, claimed, report);
  }
  return report;
}
