import { z } from 'zod';
import { ngoIdSchema } from '../ids.ts';
import { API_ROUTES } from './routes.ts';
import { defineEndpoint, errorResponse, formBody, jsonBody, jsonResponse } from './contract.ts';

/**
 * A person's email address and what Jumo sends to it: a weekly digest of news, volunteer calls
 * and impact reports, and instant messages for the NGOs they pick. Confirmed before anything
 * but the confirmation message is sent; every bulk message has a one-click unsubscribe.
 */

/** An address as people type it: trimmed, one @, a dotted domain, no spaces or angle brackets. */
export const emailAddressSchema = z
  .string()
  .trim()
  .max(254, 'at most 254 characters')
  .refine(
    (s) =>
      /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(
        s,
      ),
    'an email address such as name@example.org',
  );

export const DIGEST_CHOICES = ['weekly', 'off'] as const;

/** What My Jumo shows about the address. */
export const emailSettingsSchema = z.object({
  /** The address, or null when none is set. */
  email: z.string().nullable(),
  /** Whether the link in the confirmation message was used; nothing else is sent until it is. */
  confirmed: z.boolean(),
  /** The weekly digest (on by default once confirmed). */
  digest: z.enum(DIGEST_CHOICES),
  /** `failing` after repeated hard bounces: nothing is sent until the address is changed. */
  status: z.enum(['ok', 'failing']),
  /** NGOs whose news, volunteer calls and impact reports are emailed as soon as they are posted. */
  instant: z.array(z.string()),
});
export type EmailSettingsJson = z.infer<typeof emailSettingsSchema>;

const notSignedIn = errorResponse('Not signed in');

export const getMyEmail = defineEndpoint({
  ...API_ROUTES.getMyEmail,
  summary: "The signed-in person's email address, whether it is confirmed, and their email preferences",
  responses: { 200: jsonResponse('The settings', emailSettingsSchema), 401: notSignedIn },
});

export const setMyEmail = defineEndpoint({
  ...API_ROUTES.setMyEmail,
  summary:
    'Set (or change) the address and send it a confirmation link (valid 48 h). The answer is the same whether or not the address is used by another account',
  request: { body: jsonBody(z.strictObject({ email: emailAddressSchema.describe('The address to confirm.') })) },
  responses: {
    200: jsonResponse('Stored unconfirmed; a confirmation message is on its way', emailSettingsSchema),
    400: errorResponse('`email` is not an address, or the body is not JSON'),
    401: notSignedIn,
    429: errorResponse('Too many confirmation messages for this account for now (Retry-After says when to retry)'),
    503: errorResponse('The mail server could not take the message; the address is kept, unconfirmed: try again'),
  },
});

export const updateMyEmail = defineEndpoint({
  ...API_ROUTES.updateMyEmail,
  summary: 'Turn the weekly digest on or off',
  request: { body: jsonBody(z.strictObject({ digest: z.enum(DIGEST_CHOICES).describe('`weekly` or `off`.') })) },
  responses: {
    200: jsonResponse('Updated', emailSettingsSchema),
    400: errorResponse('`digest` is invalid, or the body is not JSON'),
    401: notSignedIn,
    404: errorResponse('No address is set yet'),
  },
});

export const deleteMyEmail = defineEndpoint({
  ...API_ROUTES.deleteMyEmail,
  summary: 'Remove the address (and its pending confirmation links); nothing more is sent',
  responses: { 200: jsonResponse('Removed', emailSettingsSchema), 401: notSignedIn },
});

export const confirmEmail = defineEndpoint({
  ...API_ROUTES.confirmEmail,
  summary: 'Confirm an address with the token from its confirmation link (single use, 48 h)',
  request: {
    body: jsonBody(
      z.strictObject({
        token: z
          .string()
          .regex(/^[a-z2-9]{24}$/, 'not a token from a confirmation link')
          .describe('From the link (24 characters).'),
      }),
    ),
  },
  responses: {
    200: jsonResponse('Confirmed', z.object({ confirmed: z.literal(true), email: z.string() })),
    400: errorResponse('The token is unknown, used, expired or for an address since changed (`field`: token)'),
  },
});

const instantParams = z.object({ id: ngoIdSchema.describe('The NGO.') });

export const enableInstantEmail = defineEndpoint({
  ...API_ROUTES.enableInstantEmail,
  summary: "Email this NGO's news, volunteer calls and impact reports as soon as they are posted (idempotent)",
  request: { params: instantParams },
  responses: {
    200: jsonResponse('On', emailSettingsSchema),
    400: errorResponse('`id` is not an NGO id'),
    401: notSignedIn,
    404: errorResponse('No NGO in the directory has this id'),
  },
});

export const disableInstantEmail = defineEndpoint({
  ...API_ROUTES.disableInstantEmail,
  summary: 'Stop instant email for this NGO (idempotent)',
  request: { params: instantParams },
  responses: {
    200: jsonResponse('Off', emailSettingsSchema),
    400: errorResponse('`id` is not an NGO id'),
    401: notSignedIn,
    404: errorResponse('No NGO in the directory has this id'),
  },
});

const unsubscribeQuery = z.object({
  token: z
    .string()
    .regex(/^[a-z2-9]{24}\.[A-Za-z0-9_-]{43}$/, 'not an unsubscribe link of ours')
    .describe('The signed token from the message: `<user id>.<HMAC-SHA256, base64url>`.'),
});

export const showUnsubscribe = defineEndpoint({
  ...API_ROUTES.showUnsubscribe,
  summary:
    'A person opening the List-Unsubscribe link: redirects (303) to the page that confirms with a button. Never changes anything',
  request: { query: unsubscribeQuery },
  responses: {
    303: { description: 'To /email/unsubscribe/?token=… on the site' },
    400: errorResponse('No token'),
  },
});

export const unsubscribe = defineEndpoint(
  {
    ...API_ROUTES.unsubscribe,
    summary:
      'RFC 8058 one-click unsubscribe: turns the digest and instant emails off. Posted by mail providers with no cookie and no Origin, so exempt from the same-origin rule; the signed token is the authority',
    request: {
      query: unsubscribeQuery,
      body: formBody(z.object({ 'List-Unsubscribe': z.literal('One-Click').describe('Always `One-Click`.') })),
    },
    responses: {
      200: jsonResponse('Unsubscribed (also when it already was)', z.object({ unsubscribed: z.literal(true) })),
      400: errorResponse('The token is not one we signed, or the body is not `List-Unsubscribe=One-Click`'),
    },
  },
  { crossSite: true },
);
