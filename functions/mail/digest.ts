import type { Database } from '../../db/client.ts';
import { getInstantItem, listDigestItems, type EmailItem } from '../../db/email-digest.ts';
import {
  abandonSend,
  claimDigestPage,
  claimDueSends,
  formatIsoWeek,
  getRecipient,
  markSendSent,
  recordSendFailure,
  releaseSend,
  type ClaimedSend,
} from '../../db/email-sends.ts';
import { composeDigestMessage, composeInstantMessage } from './compose.ts';
import type { Mailer } from './message.ts';
import { buildListUnsubscribeHeaders, buildUnsubscribeUrl } from './unsubscribe-token.ts';

/**
 * The sender: the weekly digest and the outbox (instant emails, retries), the same code under
 * `npm run digest`, `npm start`'s interval and the Worker's queue consumer. Idempotency lives in
 * email_sends (db/email-sends.ts); this file decides what each message says and records how
 * each attempt went.
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
  /** Subscribers claimed per statement. */
  pageSize?: number;
};

export type SendReport = { sent: number; nothingNew: number; failed: number };

/** Items listed in one digest; the rest are counted with a link to the feed. */
const DIGEST_LISTED = 30;
const DIGEST_READ = 200;

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

/** Send one claimed message (digest or instant) and record the outcome. */
async function processSend(options: SenderOptions, send: ClaimedSend, report: SendReport): Promise<void> {
  const { db, mailer } = options;
  const recipient = await getRecipient(db, send.userId);
  if (!recipient) {
    await abandonSend(db, send, 'no confirmed, working address');
    report.failed += 1;
    return;
  }
  const headers = buildListUnsubscribeHeaders(
    await buildUnsubscribeUrl(options.origin, options.signingSecret, send.userId),
  );
  const unsubscribeUrl = headers['List-Unsubscribe']!.slice(1, -1);
  let message;
  let digestCursorAt: Date | undefined;
  if (send.kind === 'digest') {
    if (recipient.digest !== 'weekly') {
      await releaseSend(db, send);
      return;
    }
    // The window ends at the moment of reading, which becomes the next digest's start.
    const upTo = options.now();
    const items = await listDigestItems(db, send.userId, { after: recipient.cursorAt, upTo }, DIGEST_READ);
    if (items.length === 0) {
      // Nothing new: no email, and the claim goes so a later run this week may still send one.
      await releaseSend(db, send);
      report.nothingNew += 1;
      return;
    }
    digestCursorAt = upTo;
    message = composeDigestMessage({
      to: recipient.address,
      origin: options.origin,
      unsubscribeUrl,
      items: items.slice(0, DIGEST_LISTED).map(toDigestItem),
      moreCount: Math.max(0, items.length - DIGEST_LISTED),
    });
  } else {
    const item = await getInstantItem(db, send.ref);
    if (!item) {
      await abandonSend(db, send, 'the item is no longer visible');
      report.failed += 1;
      return;
    }
    message = composeInstantMessage({
      to: recipient.address,
      origin: options.origin,
      unsubscribeUrl,
      item: toDigestItem(item),
    });
  }
  const outcome = await mailer.sendMail({ ...message, headers });
  if (outcome.ok) {
    await markSendSent(db, send, options.now(), digestCursorAt);
    report.sent += 1;
  } else {
    await recordSendFailure(db, send, outcome, options.now());
    report.failed += 1;
  }
}

/**
 * This ISO week's digest for every confirmed, working, weekly address, paging through them by
 * user id so memory stays flat however many there are. Safe to run again or alongside another
 * run: each person's digest for the week is claimed once (email_sends).
 */
export async function runWeeklyDigest(options: SenderOptions): Promise<SendReport> {
  const report = emptyReport();
  const week = formatIsoWeek(options.now());
  let afterUserId = '';
  for (;;) {
    const page = await claimDigestPage(options.db, {
      week,
      afterUserId,
      limit: options.pageSize ?? 500,
      now: options.now(),
    });
    if (page.lastUserId === null) break;
    afterUserId = page.lastUserId;
    await runLimited(page.claimed, options.concurrency ?? 16, (send) => processSend(options, send, report));
  }
  return report;
}

/** Every pending message whose time has come: instant emails and retries of failed attempts. */
export async function sendDueEmails(options: SenderOptions): Promise<SendReport> {
  const report = emptyReport();
  for (;;) {
    const claimed = await claimDueSends(options.db, { now: options.now(), limit: options.pageSize ?? 500 });
    if (claimed.length === 0) break;
    await runLimited(claimed, options.concurrency ?? 16, (send) => processSend(options, send, report));
  }
  return report;
}
