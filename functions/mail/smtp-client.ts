import type { MailMessage, Mailer, SendOutcome } from './message.ts';
import { composeMime, readAddress } from './mime.ts';

/**
 * A small SMTP client over web streams, for the Worker (TCP sockets from `cloudflare:sockets`),
 * where nodemailer cannot run: EHLO, STARTTLS when the server offers it on `smtp://`, implicit
 * TLS on `smtps://`, AUTH PLAIN, then one MAIL/RCPT/DATA per message on one connection. A 5xx
 * reply is a hard bounce (permanent); anything else that fails is transient, as on Node.
 */

/** The part of a `cloudflare:sockets` Socket this client uses (Node tests adapt node:net to it). */
export type SmtpSocket = {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  startTls?: () => SmtpSocket;
  close: () => Promise<void> | void;
};

export type ConnectSocket = (
  address: { hostname: string; port: number },
  options: { secureTransport: 'off' | 'on' | 'starttls' },
) => SmtpSocket;

class SmtpReplyError extends Error {
  readonly responseCode: number;
  constructor(code: number, text: string) {
    super(`${code} ${text}`);
    this.responseCode = code;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Connection {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private writer: WritableStreamDefaultWriter<Uint8Array>;
  private buffer = '';
  private socket: SmtpSocket;
  constructor(socket: SmtpSocket) {
    this.socket = socket;
    this.reader = socket.readable.getReader();
    this.writer = socket.writable.getWriter();
  }

  /** One reply, multi-line ones (`250-…`) joined; throws on a code outside `expected`. */
  async reply(expected: number[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    for (;;) {
      let newline = this.buffer.indexOf('\r\n');
      while (newline === -1) {
        const { value, done } = await this.reader.read();
        if (done) throw new Error('the SMTP server closed the connection');
        this.buffer += decoder.decode(value, { stream: true });
        newline = this.buffer.indexOf('\r\n');
      }
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 2);
      lines.push(line.slice(4));
      if (line[3] !== '-') {
        const code = Number(line.slice(0, 3));
        if (!expected.includes(code)) throw new SmtpReplyError(code, lines.join(' '));
        return { code, lines };
      }
    }
  }

  async send(text: string): Promise<void> {
    await this.writer.write(encoder.encode(text));
  }

  async command(line: string, expected: number[]) {
    await this.send(`${line}\r\n`);
    return this.reply(expected);
  }

  /** Hand the socket over (STARTTLS): this connection's reader and writer let go of it. */
  release(): SmtpSocket {
    this.reader.releaseLock();
    this.writer.releaseLock();
    return this.socket;
  }

  async close(): Promise<void> {
    try {
      await this.command('QUIT', [221]);
    } catch {
      // Closing anyway.
    }
    await this.socket.close();
  }
}

/** Lines starting with a dot get another (RFC 5321 §4.5.2); the message ends with CRLF.CRLF. */
function dotStuff(raw: string): string {
  const body = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
  return `${body.endsWith('\r\n') ? body : `${body}\r\n`}.\r\n`;
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function createSmtpClient(options: {
  smtpUrl: string;
  from: string;
  connect: ConnectSocket;
  /** The name we greet with (EHLO). */
  clientName?: string;
}): Mailer {
  const url = new URL(options.smtpUrl);
  const implicitTls = url.protocol === 'smtps:';
  const port = Number(url.port || (implicitTls ? 465 : 587));
  let open: Promise<Connection> | null = null;
  // One message at a time on the one connection: SMTP is a conversation, not a pipeline.
  let queue: Promise<unknown> = Promise.resolve();

  async function openConnection(): Promise<Connection> {
    const hostname = url.hostname;
    let socket = options.connect({ hostname, port }, { secureTransport: implicitTls ? 'on' : 'starttls' });
    let connection = new Connection(socket);
    const ehlo = `EHLO ${options.clientName ?? 'jumo.localhost'}`;
    await connection.reply([220]);
    const { lines } = await connection.command(ehlo, [250]);
    if (!implicitTls && lines.some((l) => /^STARTTLS\b/i.test(l)) && socket.startTls) {
      await connection.command('STARTTLS', [220]);
      socket = connection.release().startTls!();
      connection = new Connection(socket);
      await connection.command(ehlo, [250]);
    }
    if (url.username) {
      const credentials = toBase64(`\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`);
      await connection.command(`AUTH PLAIN ${credentials}`, [235]);
    }
    return connection;
  }

  async function deliver(message: MailMessage): Promise<void> {
    open ??= openConnection();
    let connection: Connection;
    try {
      connection = await open;
    } catch (error) {
      open = null;
      throw error;
    }
    try {
      await connection.command(`MAIL FROM:<${readAddress(options.from)}>`, [250]);
      await connection.command(`RCPT TO:<${readAddress(message.to)}>`, [250, 251]);
      await connection.command('DATA', [354]);
      await connection.send(dotStuff(composeMime(message, options.from)));
      await connection.reply([250]);
    } catch (error) {
      // After a refused command the session is reset for the next message; after a broken
      // connection a new one is opened.
      if (error instanceof SmtpReplyError) {
        await connection.command('RSET', [250]).catch(() => (open = null));
      } else {
        open = null;
      }
      throw error;
    }
  }

  return {
    sendMail(message): Promise<SendOutcome> {
      const attempt = queue.then(() => deliver(message));
      queue = attempt.catch(() => undefined);
      return attempt.then(
        (): SendOutcome => ({ ok: true }),
        (error: unknown): SendOutcome => {
          const code = error instanceof SmtpReplyError ? error.responseCode : null;
          return {
            ok: false,
            permanent: code !== null && code >= 500,
            error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          };
        },
      );
    },
    close() {
      const current = open;
      open = null;
      void current?.then((c) => c.close()).catch(() => undefined);
    },
  };
}
