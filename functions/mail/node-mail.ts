import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../../db/client.ts';
import { escapeHtml } from '../../model/escape-html.ts';
import { runWeeklyDigest, sendDueEmails, type SendReport } from './digest.ts';
import type { CaughtMessage } from './mail-catcher.ts';
import type { Mailer } from './message.ts';

/**
 * The Node entry's mail plumbing (never bundled into the Worker): the unsubscribe signing
 * secret kept under .data/, the sender loop of `npm start`, and the page of the local mail
 * catcher.
 */

export const DEFAULT_SIGNING_SECRET_FILE = '.data/email-signing-secret';
export const DEFAULT_MAIL_CATCHER_PORT = 2525;

/**
 * EMAIL_SIGNING_SECRET for a local run: the one in `file`, or a new random one written there
 * (owner-only), so unsubscribe links keep working across restarts without any setup.
 */
export function loadOrCreateSigningSecret(file = DEFAULT_SIGNING_SECRET_FILE): string {
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** The digest goes out once a week, from Monday 08:00 UTC (or at the first tick after it). */
export function isDigestTime(now: Date): boolean {
  const day = now.getUTCDay();
  return day !== 1 || now.getUTCHours() >= 8;
}

export type MailSenderLoop = { stop: () => Promise<void>; tick: () => Promise<void> };

/**
 * `npm start`'s sender: every `intervalMs` (a minute) the pending messages (instant emails,
 * retries) go out, and this ISO week's digest is run when its time has come. Both are
 * idempotent (email_sends), so a restart or a second process never sends anything twice.
 */
export function startMailSenderLoop(options: {
  db: Database;
  mailer: Mailer;
  origin: string;
  signingSecret: string;
  now?: () => Date;
  intervalMs?: number;
  log?: (line: string) => void;
}): MailSenderLoop {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  let lastDigestWeekStart = -1;
  let running: Promise<void> | null = null;
  const sender = {
    db: options.db,
    mailer: options.mailer,
    origin: options.origin,
    signingSecret: options.signingSecret,
    now,
  };
  const describe = (what: string, report: SendReport) => {
    if (report.sent || report.failed) log(`mail: ${what}: ${report.sent} sent, ${report.failed} failed`);
  };

  const tick = async () => {
    try {
      describe('instant and retries', await sendDueEmails(sender));
      const current = now();
      const weekStart = Math.floor((current.getTime() / 86_400_000 + 3) / 7); // weeks since a Monday
      if (weekStart !== lastDigestWeekStart && isDigestTime(current)) {
        lastDigestWeekStart = weekStart;
        describe('weekly digest', await runWeeklyDigest(sender));
      }
    } catch (error) {
      console.error(`mail: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const guardedTick = () => {
    if (!running) running = tick().finally(() => (running = null));
    return running;
  };
  void guardedTick();
  const timer = setInterval(() => void guardedTick(), options.intervalMs ?? 60_000);
  timer.unref();
  return {
    tick: guardedTick,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>&]+(?:&#38;[^\s<>&]+)*/g, (url) => `<a href="${url}">${url}</a>`);
}

/** /_mail/: what the local catcher received, newest first, as text with live links. */
export function renderMailbox(messages: CaughtMessage[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (m) => `<article id="message-${m.id}" data-mail-message>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">To ${escapeHtml(m.to.join(', '))} · ${m.receivedAt.toISOString()} · <a href="/_mail/${m.id}/html">HTML part</a>${
        m.headers['list-unsubscribe']
          ? ` · List-Unsubscribe: ${linkify(m.headers['list-unsubscribe'].replace(/^<|>$/g, ''))}`
          : ''
      }</p>
<pre>${linkify(m.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local mail · Jumo</title>
<meta name="robots" content="noindex"></head><body>
<h1>Mail sent by this Jumo</h1>
<p>No SMTP_URL is set, so <code>npm start</code> keeps what it sends here (the last 200 messages, until it stops).
Set SMTP_URL to send real mail.</p>
${items || '<p>Nothing sent yet.</p>'}
</body></html>`;
}
