import { z } from 'zod';

/**
 * Identifier formats, one definition each. NGOs are named in org-id.guide form (a registry
 * prefix and that registry's number); everything Jumo creates (users, sessions, pledges,
 * posts…) gets a random 24-letter id (db/ids.ts generates them).
 */

/** org-id.guide prefixes of the registers the directory is built from, with their number formats. */
export const NGO_ID_PATTERN = /^(US-EIN-\d{9}|GB-NIC-\d{6}|GB-CHC-\d{6,7}|GB-SC-SC\d{6})$/;

/**
 * Stable NGO identifier: US-EIN-010674736 (IRS), GB-NIC-100002 (Charity Commission NI),
 * GB-CHC-1000340 (Charity Commission for England and Wales), GB-SC-SC012345 (OSCR).
 */
export const ngoIdSchema = z.string().regex(NGO_ID_PATTERN, 'an org-id such as "US-EIN-010674736" or "GB-NIC-100002"');

/** 24 characters of a 32-letter alphabet without look-alikes (l, o, 0, 1): 120 random bits. */
export const ITEM_ID_PATTERN = /^[a-z2-9]{24}$/;

/** Any id Jumo hands out: users, pledges, posts, opportunities, claims, confirmation codes. */
export const itemIdSchema = z.string().regex(ITEM_ID_PATTERN, 'an id of 24 letters and digits');

export type NgoId = z.infer<typeof ngoIdSchema>;
