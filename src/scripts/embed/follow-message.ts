/**
 * What the follow window (/follow/) tells the widget that opened it (/embed/ngo/), by
 * postMessage: both pages are Jumo's, so the window sends to Jumo's origin only and the widget
 * believes a message only from Jumo's origin and from the window it opened itself.
 */
/** model/ids.ts NGO_ID_PATTERN, copied: that module brings zod, which never reaches a page. */
export const NGO_ID = /^[A-Z]{2}-[A-Z0-9_]{2,12}-[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/;

export type FollowedMessage = { type: 'jumo:followed'; ngoId: string; followers: number };

export function createFollowedMessage(ngoId: string, followers: number): FollowedMessage {
  return { type: 'jumo:followed', ngoId, followers };
}

/** The message, when `event` is the follow window's word about `ngoId`; null for anything else. */
export function readFollowedMessage(
  event: Pick<MessageEvent, 'origin' | 'source' | 'data'>,
  expected: { origin: string; source: unknown; ngoId: string },
): FollowedMessage | null {
  if (event.origin !== expected.origin || !expected.source || event.source !== expected.source) return null;
  const data = event.data as Partial<FollowedMessage> | null;
  if (typeof data !== 'object' || data === null || data.type !== 'jumo:followed') return null;
  if (data.ngoId !== expected.ngoId || !Number.isSafeInteger(data.followers) || data.followers! < 0) return null;
  return createFollowedMessage(data.ngoId, data.followers!);
}
