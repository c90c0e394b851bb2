import { z } from 'zod';
import { ITEM_ID_PATTERN } from '../ids.ts';

/** Field schemas that many contracts share: one definition of each rule. */

/** Text a person writes: trimmed, no control characters other than newline and tab. */
export function userText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'required' : `at least ${min} characters`)
    .max(max, `at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'no control characters');
}

/** Links and images in user content: https only, so no javascript:, data: or mixed content. */
export const httpsUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((s) => {
    try {
      const url = new URL(s);
      return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an https:// address');

/** Currencies the runtime's Intl knows (ISO 4217, current ones); null where Intl cannot list them. */
const KNOWN_CURRENCIES: ReadonlySet<string> | null =
  typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : null;

/** An ISO 4217 code, upper case, that the runtime knows (pledges, impact reports). */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD" or "GBP"')
  .refine((code) => KNOWN_CURRENCIES?.has(code) ?? true, 'not a currency we know (ISO 4217)');

/** Dates travel as ISO 8601 strings (`2026-11-29T23:12:42.000Z`). */
export const isoDateTimeSchema = z.string();

/** A keyset position in a newest-first list: items strictly older than (createdAt, id). */
export type Cursor = { createdAt: Date; id: string };

function toBase64Url(raw: string): string {
  return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(cursor: string): string | null {
  try {
    return atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

/** Opaque to clients: "<unix seconds>.<id>" in base64url. */
export function encodeCursor(position: Cursor): string {
  return toBase64Url(`${Math.floor(position.createdAt.getTime() / 1000)}.${position.id}`);
}

function decodeCursor(cursor: string): Cursor | null {
  const [seconds, id] = fromBase64Url(cursor)?.split('.') ?? [];
  if (!seconds || !/^\d{1,12}$/.test(seconds) || !id || !ITEM_ID_PATTERN.test(id)) return null;
  return { createdAt: new Date(Number(seconds) * 1000), id };
}

/** A keyset position in a list kept in a fixed numeric order (the public directory): items after `after`. */
export type PositionCursor = { after: number };

/** Opaque to clients: "p.<position>" in base64url. */
export function encodePositionCursor(position: PositionCursor): string {
  return toBase64Url(`p.${position.after}`);
}

function decodePositionCursor(cursor: string): PositionCursor | null {
  const match = /^p\.(\d{1,15})$/.exec(fromBase64Url(cursor) ?? '');
  return match ? { after: Number(match[1]) } : null;
}

/** `?cursor=` of a list in a fixed order, as a previous page's `next` gave it; a 400 naming it otherwise. */
export const positionCursorSchema = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const cursor = decodePositionCursor(value);
    if (!cursor) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from a previous page' });
      return z.NEVER;
    }
    return cursor;
  });

/** `?cursor=` as sent back from a previous page's `nextCursor`; decoded, or a 400 naming it. */
export const cursorSchema = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const cursor = decodeCursor(value);
    if (!cursor) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from a previous page' });
      return z.NEVER;
    }
    return cursor;
  });
