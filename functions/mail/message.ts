/**
 * A message as Jumo writes it, whatever carries it (nodemailer on Node, SMTP over
 * cloudflare:sockets on the Worker): both parts are always present, user content already escaped.
 */
export type MailMessage = {
  to: string;
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part; every piece of user content in it went through escapeHtml. */
  html: string;
  /** Extra headers: List-Unsubscribe and List-Unsubscribe-Post on bulk messages. */
  headers?: Record<string, string>;
};

/**
 * What a send attempt came to. `permanent` is a hard bounce: the server refused with a 5xx,
 * so retrying the same message cannot help; anything else (no connection, 4xx) is retried.
 */
export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; error: string };

export type Mailer = {
  sendMail: (message: MailMessage) => Promise<SendOutcome>;
  close: () => void;
};

/** An SMTP reply code from an error, when the error carries one. */
export function readSmtpCode(error: unknown): number | null {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : null;
}

export function toSendFailure(error: unknown): SendOutcome {
  const code = readSmtpCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, permanent: code !== null && code >= 500 && code < 600, error: message.slice(0, 500) };
}
