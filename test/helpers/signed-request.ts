import { createHmac } from 'node:crypto';

/**
 * Builds a signed_request the way Facebook does (independently of our verifier, with
 * node:crypto): base64url(HMAC-SHA256(payload, secret)) + "." + base64url(JSON payload).
 */
export function signRequest(payload: Record<string, unknown>, secret: string): string {
  const encodedPayload = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', secret).update(encodedPayload).digest('base64url');
  return `${signature}.${encodedPayload}`;
}
