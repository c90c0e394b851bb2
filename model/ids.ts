import { z } from 'zod';
import { findRegister } from './registers.ts';

/**
 * Identifier formats, one definition each. NGOs are named in org-id.guide form (a registry
 * prefix and that registry's number); everything Jumo creates (users, sessions, pledges,
 * posts…) gets a random 24-letter id (db/ids.ts generates them).
 */

/**
 * org-id form: a list prefix (country code and list, `GB-CHC`, `CA-CRA_ACR`), then that list's
 * number in upper case (letters, digits, inner hyphens: `GB-SC-SC012345`, `ZA-NPO-181-465`).
 * Any register's, since NGOs join from any country (model/registers.ts), and Jumo's own
 * `XX-JUMO-…` for an NGO on no register. Upper case and no slashes, so it is safe in a URL path.
 */
export const NGO_ID_PATTERN = /^[A-Z]{2}-[A-Z0-9_]{2,12}-[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/;

/** Stable NGO identifier: US-EIN-010674736 (IRS), GB-NIC-100002 (Charity Commission NI), XX-JUMO-… (joined, no register). */
export const ngoIdSchema = z
  .string()
  .regex(NGO_ID_PATTERN, 'an org-id such as "US-EIN-010674736" or "GB-NIC-100002"')
  .refine(fitsRegisterFormat, 'not a number of that register (such as "US-EIN-010674736" or "GB-NIC-100002")');

/** A register we know the number format of holds the id to it (GB-NIC-12 is no NI charity). */
function fitsRegisterFormat(id: string): boolean {
  const match = /^([A-Z]{2}-[A-Z0-9_]+)-(.+)$/.exec(id);
  const pattern = match ? findRegister(match[1]!)?.pattern : undefined;
  return !pattern || pattern.test(match![2]!);
}

/** 24 characters of a 32-letter alphabet without look-alikes (l, o, 0, 1): 120 random bits. */
export const ITEM_ID_PATTERN = /^[a-z2-9]{24}$/;

/** Any id Jumo hands out: users, pledges, posts, opportunities, claims, confirmation codes. */
export const itemIdSchema = z.string().regex(ITEM_ID_PATTERN, 'an id of 24 letters and digits');

export type NgoId = z.infer<typeof ngoIdSchema>;
