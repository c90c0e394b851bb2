import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * The embedded default's mailbox (Node only, never on Cloudflare): a real SMTP server on a
 * loopback port that keeps the last messages it received, parsed, for `npm start`'s page at
 * /_mail/ — so a new user sees the confirmation and digest messages without any mail account.
 * Tests use the same server to read what Jumo sent; the benchmark with `keep: false` to count.
 */

export type CaughtMessage = {
  id: number;
  receivedAt: Date;
  /** Envelope recipients. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Header names lower-cased, values as strings. */
  headers: Record<string, string>;
};

export type MailCatcher = {
  port: number;
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  url: string;
  messages: () => CaughtMessage[];
  /** Messages accepted since start (also those not kept). */
  count: () => number;
  /** Messages accepted per envelope recipient since start: more than 1 for a digest is a double send. */
  recipientCounts: () => Map<string, number>;
  /** Refuse the next RCPT TO for `address` with this SMTP code (5xx: a hard bounce). */
  refuseRecipient: (address: string, code: number | null) => void;
  /** Resolves once `n` messages have been received. */
  waitFor: (n: number, timeoutMs?: number) => Promise<void>;
  clear: () => void;
  close: () => Promise<void>;
};

export type MailCatcherOptions = { port?: number; keep?: boolean; maxKept?: number };

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const keep = options.keep ?? true;
  const maxKept = options.maxKept ?? 200;
  const kept: CaughtMessage[] = [];
  const refusals = new Map<string, number>();
  let received = 0;
  const perRecipient = new Map<string, number>();
  let nextId = 1;
  const waiters: { n: number; resolve: () => void }[] = [];

  const notify = (recipients: string[]) => {
    for (const r of recipients) perRecipient.set(r, (perRecipient.get(r) ?? 0) + 1);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (received >= waiters[i]!.n) waiters.splice(i, 1)[0]!.resolve();
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 2 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = refusals.get(address.address.toLowerCase());
      if (code) {
        const error = Object.assign(new Error(`${code} mailbox unavailable`), { responseCode: code });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address);
      if (!keep) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          received += 1;
          notify(recipients);
          callback();
        });
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) {
            headers[line.key.toLowerCase()] = line.line.slice(line.line.indexOf(':') + 1).trim();
          }
          kept.push({
            id: nextId++,
            receivedAt: new Date(),
            to: recipients,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers,
          });
          if (kept.length > maxKept) kept.shift();
          received += 1;
          notify(recipients);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...kept],
    count: () => received,
    recipientCounts: () => new Map(perRecipient),
    refuseRecipient: (address, code) => {
      if (code === null) refusals.delete(address.toLowerCase());
      else refusals.set(address.toLowerCase(), code);
    },
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (received >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${received} of ${n} messages arrived`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    clear: () => {
      kept.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
