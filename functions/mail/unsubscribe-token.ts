/**
 * The one-click unsubscribe token: `<userId>.<HMAC-SHA256(secret, "unsubscribe:" + userId)>`
 * in base64url. Signed, not stored: a digest run for 65,000 people writes no token rows, and a
 * link in a message from last year still works. It says nothing but "this user may stop mail",
 * so it never expires; rotating EMAIL_SIGNING_SECRET voids every link at once.
 */

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function importKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export async function signUnsubscribeToken(secret: string, userId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await importKey(secret), encoder.encode(`unsubscribe:${userId}`));
  return `${userId}.${toBase64Url(new Uint8Array(mac))}`;
}

/** The user id the token was signed for, or null. crypto.subtle.verify compares in constant time. */
export async function verifyUnsubscribeToken(secret: string, token: string): Promise<string | null> {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const mac = fromBase64Url(token.slice(dot + 1));
  if (!mac || mac.length !== 32) return null;
  const ok = await crypto.subtle.verify(
    'HMAC',
    await importKey(secret),
    mac as Uint8Array<ArrayBuffer>,
    encoder.encode(`unsubscribe:${userId}`),
  );
  return ok ? userId : null;
}

/** The List-Unsubscribe URL for a user, on the site's public origin. */
export async function buildUnsubscribeUrl(origin: string, secret: string, userId: string): Promise<string> {
  return `${origin}/api/email/unsubscribe?token=${encodeURIComponent(await signUnsubscribeToken(secret, userId))}`;
}

/** RFC 8058 headers for a bulk message. */
export function buildListUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
