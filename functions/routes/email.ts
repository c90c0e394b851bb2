import { createRoute } from '@hono/zod-openapi';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import {
  confirmEmailToken,
  countEmailTokensSince,
  deleteEmailAddress,
  deleteEmailToken,
  getEmailSettings,
  insertEmailToken,
  isEmailConfirmed,
  setDigestFrequency,
  setEmailAddress,
  setInstantEmail,
  unsubscribeFromEmail,
  type EmailSettings,
} from '../../db/email-addresses.ts';
import { generateSecureRandomString } from '../../db/ids.ts';
import * as contracts from '../../model/api/email.ts';
import type { EmailSettingsJson } from '../../model/api/email.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { composeConfirmationMessage } from '../mail/compose.ts';
import { verifyUnsubscribeToken } from '../mail/unsubscribe-token.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';

/** The one-click unsubscribe URL: exempt from the same-origin rule (functions/app.ts). */
export const UNSUBSCRIBE_PATH = '/api/email/unsubscribe';

/**
 * Confirmation messages: per account, a refusal the person sees (429); per address, across
 * accounts, a silent skip with the usual answer, so nobody learns that someone else asked
 * for that address, and nobody can make Jumo flood a stranger's mailbox.
 */
export const CONFIRMATIONS_PER_USER_PER_HOUR = 5;
export const CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 3;

function toSettingsJson(settings: EmailSettings): EmailSettingsJson {
  return {
    email: settings.address,
    confirmed: settings.confirmedAt !== null,
    digest: settings.digest,
    status: settings.status,
    instant: settings.instant,
  };
}

function siteOrigin(c: AppContext): string {
  return c.get('env').PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
}

/** SHA-256 (hex) of a link's token: only this is stored. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

async function answerSettings(c: AppContext) {
  return toSettingsJson(await getEmailSettings(c.get('getDb')(), c.get('auth').user.id));
}

/** Store a token and send its link; false when the mail server would not take the message. */
async function sendConfirmation(c: AppContext, address: string): Promise<'sent' | 'skipped' | 'failed'> {
  const db = c.get('getDb')();
  const now = c.get('now')();
  const user = c.get('auth').user;
  const hourAgo = new Date(now.getTime() - 3600_000);
  const byUser = await countEmailTokensSince(db, { userId: user.id }, hourAgo);
  if (byUser >= CONFIRMATIONS_PER_USER_PER_HOUR) {
    throw new ApiError(429, 'rate_limited', 'Too many confirmation messages. Try again in an hour.', {
      headers: { 'Retry-After': '3600' },
    });
  }
  if ((await countEmailTokensSince(db, { address }, hourAgo)) >= CONFIRMATIONS_PER_ADDRESS_PER_HOUR) return 'skipped';
  const mailer = c.get('getMailer')();
  if (!mailer) return 'failed';
  const token = generateSecureRandomString();
  const tokenHash = hashToken(token);
  await insertEmailToken(db, { tokenHash, userId: user.id, address, now });
  // The token rides in the fragment: it never reaches a server log or a Referer header.
  const confirmUrl = `${siteOrigin(c)}/me/email/confirm/#token=${token}`;
  const outcome = await mailer.sendMail(composeConfirmationMessage({ to: address, confirmUrl, userName: user.name }));
  if (outcome.ok) return 'sent';
  await deleteEmailToken(db, tokenHash);
  console.error(`confirmation message not sent: ${outcome.error}`);
  return 'failed';
}

export const emailRoutes = createRouter()
  .openapi(createRoute({ ...contracts.getMyEmail, middleware: [requireSession()] }), async (c) =>
    c.json(await answerSettings(c), 200),
  )
  .openapi(createRoute({ ...contracts.setMyEmail, middleware: [requireSession()] }), async (c) => {
    const db = c.get('getDb')();
    const userId = c.get('auth').user.id;
    const { email } = c.req.valid('json');
    const change = await setEmailAddress(db, userId, email, c.get('now')());
    if (change === 'changed' || !(await isEmailConfirmed(db, userId))) {
      const sent = await sendConfirmation(c, email);
      if (sent === 'failed') {
        c.header('Retry-After', '60');
        throw new ApiError(503, 'mail_unavailable', 'The confirmation message could not be sent. Try again shortly.');
      }
    }
    return c.json(await answerSettings(c), 200);
  })
  .openapi(createRoute({ ...contracts.updateMyEmail, middleware: [requireSession()] }), async (c) => {
    const updated = await setDigestFrequency(
      c.get('getDb')(),
      c.get('auth').user.id,
      c.req.valid('json').digest,
      c.get('now')(),
    );
    if (!updated) throw new ApiError(404, 'not_found', 'Add an email address first.');
    return c.json(await answerSettings(c), 200);
  })
  .openapi(createRoute({ ...contracts.deleteMyEmail, middleware: [requireSession()] }), async (c) => {
    await deleteEmailAddress(c.get('getDb')(), c.get('auth').user.id);
    return c.json(await answerSettings(c), 200);
  })
  /** No session needed: the link may be opened on another device; the token is the proof. */
  .openapi(createRoute(contracts.confirmEmail), async (c) => {
    const result = await confirmEmailToken(c.get('getDb')(), hashToken(c.req.valid('json').token), c.get('now')());
    if (!result.ok) {
      throw new ApiError(
        400,
        'invalid_token',
        'token: this link is used, expired or for an address you have since changed. Ask for a new one in My Jumo.',
        { field: 'token' },
      );
    }
    return c.json({ confirmed: true as const, email: result.address }, 200);
  })
  .openapi(
    createRoute({ ...contracts.enableInstantEmail, middleware: [requireSession(), requireNgo()] }),
    async (c) => {
      await setInstantEmail(c.get('getDb')(), c.get('auth').user.id, c.get('ngo').id, true, c.get('now')());
      return c.json(await answerSettings(c), 200);
    },
  )
  .openapi(
    createRoute({ ...contracts.disableInstantEmail, middleware: [requireSession(), requireNgo()] }),
    async (c) => {
      await setInstantEmail(c.get('getDb')(), c.get('auth').user.id, c.get('ngo').id, false, c.get('now')());
      return c.json(await answerSettings(c), 200);
    },
  )
  /** A browser opening the link: a page with a button; a GET never changes anything (RFC 8058). */
  .openapi(createRoute(contracts.showUnsubscribe), (c) => {
    const { token } = c.req.valid('query');
    return c.redirect(`/email/unsubscribe/?token=${encodeURIComponent(token)}`, 303);
  })
  .openapi(createRoute(contracts.unsubscribe), async (c) => {
    const secret = c.get('env').EMAIL_SIGNING_SECRET;
    if (!secret) throw new ApiError(500, 'server_misconfigured', 'Unsubscribe links are not configured.');
    const userId = await verifyUnsubscribeToken(secret, c.req.valid('query').token);
    if (!userId) {
      throw new ApiError(400, 'invalid_token', 'token: not an unsubscribe link of ours.', { field: 'token' });
    }
    await unsubscribeFromEmail(c.get('getDb')(), userId, c.get('now')());
    return c.json({ unsubscribed: true as const }, 200);
  });
