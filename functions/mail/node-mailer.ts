import nodemailer from 'nodemailer';
import { toSendFailure, type Mailer } from './message.ts';
import { composeMime, readAddress } from './mime.ts';

export type NodeMailerOptions = {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (functions/env.ts SMTP_URL). */
  smtpUrl: string;
  from: string;
  /** Parallel SMTP connections: a few keep a local relay busy without flooding a provider. */
  maxConnections?: number;
};

/**
 * The Node entry's mail transport: nodemailer over real SMTP, pooled, so a digest run reuses
 * connections instead of a TCP and EHLO handshake per message.
 */
export function createNodeMailer(options: NodeMailerOptions): Mailer {
  const url = new URL(options.smtpUrl);
  const transport = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: options.maxConnections ?? 4,
    maxMessages: Infinity,
    // A loopback catcher or relay has no certificate for "127.0.0.1"; remote servers are checked.
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(url.hostname) },
  });
  return {
    async sendMail(message) {
      try {
        // Composed by functions/mail/mime.ts, the Worker's composer too: nodemailer only carries it.
        await transport.sendMail({
          envelope: { from: readAddress(options.from), to: [readAddress(message.to)] },
          raw: composeMime(message, options.from),
        });
        return { ok: true };
      } catch (error) {
        return toSendFailure(error);
      }
    },
    close: () => transport.close(),
  };
}
