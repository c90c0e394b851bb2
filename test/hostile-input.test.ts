import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClock,
  createHarness,
  createTestApp,
  FACEBOOK_ENV,
  ORIGIN,
  type Actor,
  type Harness,
} from './helpers/harness.ts';
import {
  BODY_LIMIT_BYTES,
  byteLength,
  CONTROL_CHARACTERS,
  insertMiddle,
  INVALID_UTF8_SEQUENCES,
  isSameSitePath,
  jsonWithInvalidUtf8,
  listAppRoutes,
  nest,
  nestDeepestUnderLimit,
  OVERLONG_LENGTH,
  SQL_PAYLOADS,
  toLookalike,
  TRAVERSAL_SEGMENTS,
  watchDatabaseChanges,
  XSS_PAYLOADS,
  type AppRoute,
  type ChangeWatcher,
} from './helpers/hostile-input.ts';
import { signRequest } from './helpers/signed-request.ts';
import { setEmailAddress } from '../db/email-addresses.ts';
import { signUnsubscribeToken } from '../functions/mail/unsubscribe-token.ts';

/*
 * The outside black-box test's bad-input corpus, thrown at every route the app mounts.
 * Routes come from `app.routes`, so a new route is covered (or the coverage test fails and
 * asks for a corpus entry) without anyone remembering this file. Every hostile request must
 * end in a 4xx JSON error envelope with the database untouched; free text may be accepted,
 * but then it must come back verbatim as JSON, never as live HTML.
 */

let watcher: ChangeWatcher;
const clock = createClock();
// The routes are needed to declare the tests, before any database exists: read them from an app
// built like the demo one below.
const ROUTES = listAppRoutes(createTestApp({ demoSignIn: true }));
/** Filled in beforeAll, on one database. */
const apps = {} as {
  /** The Node entry's app: demo sign-in on, Facebook off. */
  demo: Harness;
  /** Facebook configured: its callback and data-deletion routes do their real work. */
  facebook: Harness;
};

// Fixture NGOs (test/fixtures/ngos): Cancer Lifeline and Disability Action; the unknown ones are well-formed ids of no NGO.
const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';
const UNKNOWN_NGO = 'GB-NIC-999999';
const UNKNOWN_ITEM = 'zzzzzzzzzzzzzzzzzzzzzzzz';

type Who = 'anonymous' | 'user' | 'fresh' | 'manager' | 'admin';

const fx = {} as {
  user: Actor;
  manager: Actor;
  admin: Actor;
  spare: Actor;
  pledgeId: string;
  postId: string;
  doomedPostId: string;
  opportunityId: string;
  remoteOpportunityId: string;
  signupId: string;
  reportId: string;
  claimId: string;
  proposalId: string;
  deletionCode: string;
  opportunitiesCursor: string;
  feedCursor: string;
  directoryCursor: string;
  profileRevisionId: string;
  mediaName: string;
  unsubscribeToken: string;
  impactReportId: string;
  doomedImpactReportId: string;
};

let freshCount = 0;
let keyCount = 0;

async function resolveActor(who: Who): Promise<Actor | null> {
  switch (who) {
    case 'anonymous':
      return null;
    case 'fresh':
      return apps.demo.signIn(`Hostile Fresh ${++freshCount}`);
    default:
      return fx[who];
  }
}

type Sent = { status: number; headers: Headers; text: string };

async function send(input: {
  app?: keyof typeof apps;
  method: string;
  path: string;
  actor: Actor | null;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  headers?: Record<string, string>;
}): Promise<Sent> {
  const response = await apps[input.app ?? 'demo'].send(input.method, input.path, input.actor, input.body, {
    ...(input.body !== undefined && input.contentType ? { 'Content-Type': input.contentType } : {}),
    ...input.headers,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function sendJson(method: string, path: string, actor: Actor | null, body?: unknown) {
  const sent = await send({ method, path, actor, body: body === undefined ? undefined : JSON.stringify(body) });
  if (sent.status >= 300) throw new Error(`${method} ${path} failed: ${sent.status} ${sent.text}`);
  return JSON.parse(sent.text);
}

// --- the corpus: what each route takes -------------------------------------------------

/**
 * text: free-form, so SQL and markup may be accepted as words (and must come back verbatim);
 * strict: formatted but open (emails, URLs, dates, tokens, names);
 * enum: a closed set (enum values, codes, ids), so a lookalike is a different, wrong value;
 * number, boolean: JSON types.
 */
type FieldType = 'text' | 'strict' | 'enum' | 'number' | 'boolean';
type Field = { type: FieldType; required?: boolean; nullable?: boolean };

type BodySpec = {
  encoding?: 'json' | 'form';
  valid: () => Record<string, unknown>;
  fields: Record<string, Field>;
  /** `{}` is a valid body (every field optional). */
  emptyAllowed?: boolean;
  /** Well-formed values of body fields that name nothing: must be refused with one of `statuses`. */
  unknown?: { values: () => Record<string, unknown>; statuses: number[] };
  /** Where an accepted free-text field comes back (verbatim, as JSON). */
  echo?: (json: any) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Rendered HTML in the answer: accepted markup must be escaped in it. */
  html?: (json: any) => string[];
};

type QueryKind = 'enum' | 'strict' | 'flag' | 'next';

type RouteSpec = {
  as: Who;
  app?: keyof typeof apps;
  params?: () => Record<string, string>;
  /** Well-formed ids that name nothing, for mutations: refused with one of `statuses`. */
  unknownParams?: { values: () => Record<string, string>; statuses: number[] };
  body?: BodySpec;
  /** Query parameters: enum/strict values are refused when bad, a flag is off unless exactly right, next is a redirect target. */
  query?: Record<string, { kind: QueryKind; valid: () => string }>;
  headers?: Record<string, { valid: () => string }>;
  /** A browser step of sign-in: every answer is a 302 to a page of this site (or to Facebook). */
  redirects?: boolean;
  /** The valid request writes (an OAuth attempt): only hostile values must not leak into what it stores. */
  writesOnValid?: boolean;
  /** Status of the valid request (default: any 2xx); false where replaying it would destroy fixtures. */
  control?: false | number;
  /** The route's own body limit when not the app's (image uploads: 256 KB). */
  bodyLimit?: number;
};

const pledgeBody = () => ({
  ngoId: NGO,
  amount: 2500,
  currency: 'GBP',
  recurrence: 'monthly',
  visibility: 'public',
  note: 'For the shop',
});
const postBody = () => ({
  title: 'Hostile news',
  body: 'Some **news** for supporters.',
  linkUrl: 'https://example.org/more',
  imageUrl: 'https://example.org/p.png',
});
const postFields: Record<string, Field> = {
  title: { type: 'text', required: true },
  body: { type: 'text', required: true },
  linkUrl: { type: 'strict', nullable: true },
  imageUrl: { type: 'strict', nullable: true },
};
const opportunityBody = () => ({
  title: 'Hostile helper',
  description: 'Help us test hostile input today.',
  place: 'Belfast',
  remote: false,
  commitment: '2 hours a week',
  skills: 'Patience',
  closesOn: '2099-12-31',
});
const opportunityFields = (required: boolean): Record<string, Field> => ({
  title: { type: 'text', required },
  description: { type: 'text', required },
  place: { type: 'text', nullable: true },
  remote: { type: 'boolean', required },
  commitment: { type: 'text', required },
  skills: { type: 'text', nullable: true },
  closesOn: { type: 'strict', nullable: true },
});
const profileBody = () => ({
  mission: 'We run a **shop** for supporters.',
  description: 'Counselling and support groups.',
  website: 'https://cancerlifeline.info/',
  donationUrl: 'https://cancerlifeline.info/donate',
  social: { facebook: 'https://www.facebook.com/cancerlifeline' },
  contactEmail: 'hello@cancerlifeline.info',
  languages: ['en'],
  countriesServed: ['GB'],
  yearFounded: 1999,
});
const proposalBody = () => ({
  name: 'Hostile Reading Room',
  country: 'CA',
  city: 'Montréal',
  register: 'CA-CRA_ACR',
  registrationNumber: '820336113',
  website: 'https://hostile-reading.example.org/',
  mission: 'Free reading rooms for children in Montréal, open every afternoon.',
  causes: ['education'],
  role: 'Director',
  workEmail: 'director@hostile-reading.example.org',
});
const echoPost = (json: any) => ({ title: json.post?.title, body: json.post?.bodyMarkdown });
const impactReportBody = () => ({
  title: 'Hostile impact',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  currency: 'GBP',
  receivedMinor: 120000,
  spentMinor: 95000,
  body: 'We ran **40** groups.',
});
// currency is not nullable here: with amounts given, a null currency must be refused.
const impactReportFields: Record<string, Field> = {
  title: { type: 'text', required: true },
  periodStart: { type: 'strict', required: true },
  periodEnd: { type: 'strict', required: true },
  currency: { type: 'enum' },
  receivedMinor: { type: 'number', nullable: true },
  spentMinor: { type: 'number', nullable: true },
  body: { type: 'text', required: true },
  photoKey: { type: 'strict', nullable: true },
};
const echoImpactReport = (json: any) => ({ title: json.report?.title, body: json.report?.bodyMarkdown });
const impactReportSpec: BodySpec = {
  valid: impactReportBody,
  fields: impactReportFields,
  echo: echoImpactReport,
  html: (json) => [json.report?.bodyHtml],
};
const echoOpportunity = (json: any) => {
  const o = json.opportunity ?? {};
  return { title: o.title, description: o.description, place: o.place, commitment: o.commitment, skills: o.skills };
};

const CORPUS: Record<string, RouteSpec> = {
  'PUT /api/me/email': {
    as: 'user',
    // This app has no mail transport: a valid address is stored and the confirmation answers 503.
    control: 503,
    body: {
      valid: () => ({ email: 'hostile-user@example.org' }),
      fields: { email: { type: 'strict', required: true } },
    },
  },
  'PATCH /api/me/email': {
    as: 'user',
    body: { valid: () => ({ digest: 'weekly' }), fields: { digest: { type: 'enum', required: true } } },
  },
  'DELETE /api/me/email': { as: 'fresh' },
  'POST /api/me/email/confirm': {
    as: 'anonymous',
    // No token of this form was ever issued: the well-formed request is refused too.
    control: 400,
    body: {
      valid: () => ({ token: 'abcdefghijkmnpqrstuvwxyz' }),
      fields: { token: { type: 'strict', required: true } },
    },
  },
  'PUT /api/me/email/instant/:id': {
    as: 'user',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [404] },
  },
  'DELETE /api/me/email/instant/:id': { as: 'user', params: () => ({ id: OTHER_NGO }) },
  'POST /api/email/unsubscribe': {
    as: 'anonymous',
    query: { token: { kind: 'strict', valid: () => fx.unsubscribeToken } },
    body: {
      encoding: 'form',
      valid: () => ({ 'List-Unsubscribe': 'One-Click' }),
      fields: { 'List-Unsubscribe': { type: 'enum', required: true } },
    },
  },
  'DELETE /api/me': { as: 'fresh', control: false },
  'POST /api/auth/logout': { as: 'fresh', control: false },
  'POST /api/auth/demo': {
    as: 'anonymous',
    body: { valid: () => ({ name: 'Hostile Demo' }), fields: { name: { type: 'strict', required: true } } },
  },
  'GET /api/auth/facebook': {
    as: 'anonymous',
    app: 'facebook',
    redirects: true,
    writesOnValid: true,
    control: 302,
    query: { next: { kind: 'next', valid: () => '/ngos/' }, friends: { kind: 'flag', valid: () => '1' } },
  },
  'GET /api/auth/facebook/callback': {
    as: 'anonymous',
    app: 'facebook',
    redirects: true,
    control: 302,
    query: {
      code: { kind: 'strict', valid: () => 'code-123' },
      state: { kind: 'strict', valid: () => 'state-123' },
      error: { kind: 'strict', valid: () => 'access_denied' },
      next: { kind: 'next', valid: () => '/ngos/' },
    },
  },
  'POST /api/auth/facebook/data-deletion': {
    as: 'anonymous',
    app: 'facebook',
    body: {
      encoding: 'form',
      valid: () => ({
        signed_request: signRequest(
          { algorithm: 'HMAC-SHA256', user_id: '10169999999999999', issued_at: 1_760_000_000 },
          FACEBOOK_ENV.FACEBOOK_APP_SECRET,
        ),
      }),
      fields: { signed_request: { type: 'strict', required: true } },
    },
  },
  'GET /api/auth/deletion-status': { as: 'anonymous', query: { code: { kind: 'enum', valid: () => fx.deletionCode } } },
  'PUT /api/follows/ngos/:id': {
    as: 'user',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [404] },
  },
  'DELETE /api/follows/ngos/:id': { as: 'user', params: () => ({ id: OTHER_NGO }) },
  'PUT /api/follows/causes/:cause': {
    as: 'user',
    params: () => ({ cause: 'health' }),
    unknownParams: { values: () => ({ cause: 'astrology' }), statuses: [404] },
  },
  'DELETE /api/follows/causes/:cause': { as: 'user', params: () => ({ cause: 'education' }) },
  'GET /api/ngos/:id/stats': { as: 'user', params: () => ({ id: NGO }) },
  'POST /api/pledges': {
    as: 'user',
    // A new key per request: a reused one would replay the first pledge instead of validating.
    headers: { 'Idempotency-Key': { valid: () => `hostile-key-${++keyCount}` } },
    body: {
      valid: pledgeBody,
      fields: {
        ngoId: { type: 'enum', required: true },
        amount: { type: 'number', required: true },
        currency: { type: 'enum', required: true },
        recurrence: { type: 'enum', required: true },
        visibility: { type: 'enum', required: true },
        note: { type: 'text' },
      },
      unknown: { values: () => ({ ngoId: UNKNOWN_NGO }), statuses: [400, 404] },
      echo: (json) => ({ note: json.pledge?.note }),
    },
  },
  'PATCH /api/pledges/:id': {
    as: 'user',
    params: () => ({ id: fx.pledgeId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: { valid: () => ({ status: 'fulfilled' }), fields: { status: { type: 'enum', required: true } } },
  },
  'GET /api/ngos/:id/access': { as: 'user', params: () => ({ id: NGO }) },
  'POST /api/ngos/:id/claims': {
    as: 'fresh',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [404] },
    body: {
      valid: () => ({ role: 'Director', workEmail: 'hostile@cancerlifeline.info', note: 'Call the office.' }),
      fields: {
        role: { type: 'text', required: true },
        workEmail: { type: 'strict', required: true },
        note: { type: 'text' },
      },
      echo: (json) => ({ role: json.claim?.role, note: json.claim?.note }),
    },
  },
  'POST /api/proposals': {
    as: 'fresh',
    body: {
      valid: () => proposalBody(),
      fields: {
        name: { type: 'text', required: true },
        country: { type: 'enum', required: true },
        city: { type: 'text' },
        register: { type: 'enum', required: true },
        registrationNumber: { type: 'strict' },
        website: { type: 'strict' },
        mission: { type: 'text', required: true },
        role: { type: 'text', required: true },
        workEmail: { type: 'strict', required: true },
      },
      echo: (json) => ({
        name: json.proposal?.name,
        city: json.proposal?.city,
        mission: json.proposal?.mission,
        role: json.proposal?.role,
      }),
    },
  },
  'POST /api/proposals/confirm-email': {
    as: 'anonymous',
    // No token of this form was ever issued: the well-formed request is refused too.
    control: 400,
    body: {
      valid: () => ({ token: 'abcdefghijkmnpqrstuvwxyz' }),
      fields: { token: { type: 'strict', required: true } },
    },
  },
  // Only its proposer may ask (fx.spare): for anyone else the proposal does not exist.
  'POST /api/proposals/:id/confirmation-link': {
    as: 'user',
    params: () => ({ id: fx.proposalId }),
    control: 404,
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
  },
  'GET /api/admin/proposals': { as: 'admin', query: { status: { kind: 'enum', valid: () => 'pending' } } },
  'POST /api/admin/proposals/:id/decision': {
    as: 'admin',
    params: () => ({ id: fx.proposalId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: {
      valid: () => ({ decision: 'reject', reason: 'We could not verify this organisation.' }),
      // `reason` is free text that only a pending proposal stores: once the valid request has
      // decided the fixture every later one is a 409, so its payloads are tested in
      // test/proposals.test.ts (stored and shown verbatim) instead.
      fields: { decision: { type: 'enum', required: true } },
    },
  },
  'GET /api/admin/claims': { as: 'admin', query: { status: { kind: 'enum', valid: () => 'pending' } } },
  'POST /api/admin/claims/:id/decision': {
    as: 'admin',
    params: () => ({ id: fx.claimId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: { valid: () => ({ decision: 'approve' }), fields: { decision: { type: 'enum', required: true } } },
  },
  'GET /api/ngos/:id/managers': { as: 'admin', params: () => ({ id: NGO }) },
  'POST /api/ngos/:id/managers': {
    as: 'admin',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [404] },
    body: {
      valid: () => ({ userId: fx.spare.id }),
      fields: { userId: { type: 'enum', required: true } },
      unknown: { values: () => ({ userId: UNKNOWN_ITEM }), statuses: [404] },
    },
  },
  'DELETE /api/ngos/:id/managers/:userId': {
    as: 'admin',
    params: () => ({ id: NGO, userId: fx.spare.id }),
    control: false,
  },
  // The other NGO: releasing it (the valid request) leaves the fixture manager of NGO in place.
  'POST /api/ngos/:id/release': {
    as: 'admin',
    params: () => ({ id: OTHER_NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [404] },
  },
  'GET /api/ngos/:id/posts': { as: 'anonymous', params: () => ({ id: NGO }) },
  'POST /api/ngos/:id/posts': {
    as: 'manager',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [403, 404] },
    body: { valid: postBody, fields: postFields, echo: echoPost, html: (json) => [json.post?.bodyHtml] },
  },
  'PATCH /api/posts/:id': {
    as: 'manager',
    params: () => ({ id: fx.postId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: { valid: postBody, fields: postFields, echo: echoPost, html: (json) => [json.post?.bodyHtml] },
  },
  'DELETE /api/posts/:id': { as: 'manager', params: () => ({ id: fx.doomedPostId }), control: false },
  'GET /api/ngos/:id/impact-reports': { as: 'anonymous', params: () => ({ id: NGO }) },
  'POST /api/ngos/:id/impact-reports': {
    as: 'manager',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [403, 404] },
    body: impactReportSpec,
  },
  'GET /api/impact-reports/:id': { as: 'anonymous', params: () => ({ id: fx.impactReportId }) },
  'PATCH /api/impact-reports/:id': {
    as: 'manager',
    params: () => ({ id: fx.impactReportId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: impactReportSpec,
  },
  'DELETE /api/impact-reports/:id': {
    as: 'manager',
    params: () => ({ id: fx.doomedImpactReportId }),
    control: false,
  },
  'GET /api/ngos/:id/feed.xml': { as: 'anonymous', params: () => ({ id: NGO }) },
  'GET /api/causes/:cause/feed.xml': {
    as: 'anonymous',
    params: () => ({ cause: 'health' }),
    unknownParams: { values: () => ({ cause: 'astrology' }), statuses: [404] },
  },
  'GET /api/ngos/:id/card.png': {
    as: 'anonymous',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [404] },
  },
  'GET /api/opportunities': {
    as: 'anonymous',
    query: {
      cause: { kind: 'enum', valid: () => 'health' },
      country: { kind: 'enum', valid: () => 'GB' },
      remote: { kind: 'enum', valid: () => '1' },
      cursor: { kind: 'strict', valid: () => fx.opportunitiesCursor },
    },
  },
  'GET /api/ngos/:id/opportunities': {
    as: 'manager',
    params: () => ({ id: NGO }),
    query: { all: { kind: 'enum', valid: () => '1' } },
  },
  'POST /api/ngos/:id/opportunities': {
    as: 'manager',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [403, 404] },
    body: { valid: opportunityBody, fields: opportunityFields(true), echo: echoOpportunity },
  },
  'PATCH /api/opportunities/:id': {
    as: 'manager',
    params: () => ({ id: fx.opportunityId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: {
      valid: () => ({ ...opportunityBody(), status: 'open' }),
      fields: { ...opportunityFields(false), status: { type: 'enum' } },
      echo: echoOpportunity,
    },
  },
  'POST /api/opportunities/:id/signups': {
    as: 'fresh',
    params: () => ({ id: fx.opportunityId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: {
      valid: () => ({ message: 'I can help on Saturdays.' }),
      fields: { message: { type: 'text' } },
      emptyAllowed: true,
      echo: (json) => ({ message: json.signup?.message }),
    },
  },
  'GET /api/opportunities/:id/signups': { as: 'manager', params: () => ({ id: fx.opportunityId }) },
  'PATCH /api/signups/:id': {
    as: 'manager',
    params: () => ({ id: fx.signupId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: { valid: () => ({ status: 'contacted' }), fields: { status: { type: 'enum', required: true } } },
  },
  'DELETE /api/signups/:id': { as: 'user', params: () => ({ id: fx.signupId }), control: false },
  'POST /api/reports': {
    as: 'fresh',
    body: {
      valid: () => ({ kind: 'post', itemId: fx.postId, reason: 'Looks like spam to me.' }),
      fields: {
        kind: { type: 'enum', required: true },
        itemId: { type: 'enum', required: true },
        reason: { type: 'text', required: true },
      },
      unknown: { values: () => ({ itemId: UNKNOWN_ITEM }), statuses: [404] },
      // The answer is { id, status }: the reason comes back in the admins' list.
      echo: async (json) => {
        const list = await sendJson('GET', '/api/admin/reports', fx.admin);
        const report = (list.reports as { id: string; reason: string }[]).find((r) => r.id === json.report?.id);
        return { reason: report?.reason };
      },
    },
  },
  'POST /api/admin/reports/:id/resolution': {
    as: 'admin',
    params: () => ({ id: fx.reportId }),
    unknownParams: { values: () => ({ id: UNKNOWN_ITEM }), statuses: [404] },
    body: { valid: () => ({ action: 'dismiss' }), fields: { action: { type: 'enum', required: true } } },
  },
  'GET /api/v1/ngos/:id': { as: 'anonymous', params: () => ({ id: NGO }) },
  'GET /api/v1/ngos': {
    as: 'anonymous',
    query: {
      cause: { kind: 'enum', valid: () => 'health' },
      place: { kind: 'enum', valid: () => 'gb-nir' },
      // Free text: any answer will do as long as it is JSON (it is never echoed).
      q: { kind: 'flag', valid: () => 'cancer' },
      cursor: { kind: 'strict', valid: () => fx.directoryCursor },
      limit: { kind: 'enum', valid: () => '5' },
    },
  },
  'GET /api/feed': {
    as: 'user',
    query: { cursor: { kind: 'strict', valid: () => fx.feedCursor } },
  },
  'GET /api/ngos/:id/profile': { as: 'manager', params: () => ({ id: NGO }) },
  'PUT /api/ngos/:id/profile': {
    as: 'manager',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [403, 404] },
    body: {
      valid: profileBody,
      fields: {
        mission: { type: 'text', nullable: true },
        description: { type: 'text', nullable: true },
        website: { type: 'strict', nullable: true },
        donationUrl: { type: 'strict', nullable: true },
        contactEmail: { type: 'strict', nullable: true },
        yearFounded: { type: 'number', nullable: true },
      },
      emptyAllowed: true,
      echo: (json) => ({ mission: json.profile?.mission, description: json.profile?.description }),
      html: (json) => [json.profile?.missionHtml ?? '', json.profile?.descriptionHtml ?? ''],
    },
  },
  'GET /api/admin/ngos/:id/profile/revisions': { as: 'admin', params: () => ({ id: NGO }) },
  'POST /api/admin/ngos/:id/profile/revisions/:revisionId/revert': {
    as: 'admin',
    params: () => ({ id: NGO, revisionId: fx.profileRevisionId }),
    unknownParams: { values: () => ({ revisionId: UNKNOWN_ITEM }), statuses: [404] },
  },
  // The body is an image's bytes (test/ngo-profiles.test.ts sends real and forged files); here
  // the path, the 256 KB limit and JSON-shaped junk, which is not an image (400).
  'POST /api/ngos/:id/media': {
    as: 'manager',
    params: () => ({ id: NGO }),
    unknownParams: { values: () => ({ id: UNKNOWN_NGO }), statuses: [403, 404] },
    bodyLimit: 256 * 1024,
    control: false,
  },
  'GET /api/media/:name': { as: 'anonymous', params: () => ({ name: fx.mediaName }), control: false },
  'GET /api/causes/:cause/stats': { as: 'anonymous', params: () => ({ cause: 'health' }) },
  'GET /api/ngos/:id/friends': { as: 'user', params: () => ({ id: NGO }) },
};

/** Routes that take an id in the path or a body cannot be tested without knowing what is valid. */
function needsCorpusEntry(route: AppRoute): boolean {
  return route.params.length > 0 || !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
}

// --- building requests -------------------------------------------------------------------

type Expectation =
  /** A 4xx error envelope with one of these statuses, and the database untouched. */
  | { refused: number[] }
  /** Free text: refused (400), or accepted and echoed verbatim as JSON. */
  | { text: { field: string; value: string } }
  /** A read with a value that only switches something off: any non-5xx JSON answer, nothing written. */
  | { lenient: true }
  /** A sign-in step: a 302 to this site or to Facebook. */
  | { redirect: true };

type HostileCase = {
  label: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  headers?: Record<string, string>;
  expect: Expectation;
};

function fillPath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => values[name] ?? `:${name}`);
}

function encodeParams(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeURIComponent(v)]));
}

function queryString(values: Record<string, string>): string {
  const entries = Object.entries(values);
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

function validQuery(spec: RouteSpec): Record<string, string> {
  return Object.fromEntries(Object.entries(spec.query ?? {}).map(([k, q]) => [k, encodeURIComponent(q.valid())]));
}

function validHeaders(spec: RouteSpec): Record<string, string> {
  return Object.fromEntries(Object.entries(spec.headers ?? {}).map(([k, h]) => [k, h.valid()]));
}

function validPath(route: AppRoute, spec: RouteSpec): string {
  return fillPath(route.path, encodeParams(spec.params?.() ?? {})) + queryString(validQuery(spec));
}

function encodeBody(spec: BodySpec, values: Record<string, unknown>): string {
  if (spec.encoding === 'form') return new URLSearchParams(values as Record<string, string>).toString();
  return JSON.stringify(values);
}

function contentTypeOf(spec: BodySpec): string {
  return spec.encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
}

const STRING_TYPES: ReadonlySet<FieldType> = new Set(['text', 'strict', 'enum']);

function stringFields(body: BodySpec): [string, Field][] {
  return Object.entries(body.fields).filter(([, f]) => STRING_TYPES.has(f.type));
}

/** A request that differs from the valid one only in `body` (path, query and headers valid). */
function withBody(
  route: AppRoute,
  spec: RouteSpec,
  label: string,
  body: string | Uint8Array<ArrayBuffer>,
  expectation: Expectation,
): HostileCase {
  return {
    label,
    path: validPath(route, spec),
    body,
    contentType: spec.body ? contentTypeOf(spec.body) : 'application/json',
    headers: validHeaders(spec),
    expect: expectation,
  };
}

function hostileStrings(valid: string): [string, string][] {
  return [
    ...SQL_PAYLOADS.map((p): [string, string] => [`SQL ${p}`, p]),
    ...XSS_PAYLOADS.map((p): [string, string] => [`XSS ${p}`, p]),
    ...CONTROL_CHARACTERS.map(([name, ch]): [string, string] => [`${name} inside`, insertMiddle(valid, ch)]),
    [`overlong (${OVERLONG_LENGTH} chars)`, valid + 'x'.repeat(OVERLONG_LENGTH - valid.length)],
    ['traversal ../../etc/passwd', '../../etc/passwd'],
  ];
}

const HUGE_BODY_BYTES = 1024 * 1024;
const PADDING = 'x'.repeat(HUGE_BODY_BYTES);

const OPEN_REDIRECTS = [
  '//evil.example',
  '/\\evil.example',
  'https://evil.example/',
  '/%2e%2e//evil.example',
  '/..//evil.example',
  '\t//evil.example',
  'javascript:alert(1)',
];

/** Each class of hostile input: which routes it applies to (known when the tests are declared) and its requests. */
const CLASSES: {
  name: string;
  applies: (route: AppRoute, spec: RouteSpec) => boolean;
  build: (route: AppRoute, spec: RouteSpec) => HostileCase[];
}[] = [
  {
    name: 'hostile path parameters (traversal, overlong, SQL, XSS, control characters, lookalikes)',
    applies: (route) => route.params.length > 0,
    build: (route, spec) => {
      const valid = spec.params!();
      const cases: HostileCase[] = [];
      for (const param of route.params) {
        const v = valid[param]!;
        const raw: [string, string][] = [
          ...TRAVERSAL_SEGMENTS.map(([label, segment]): [string, string] => [label, segment]),
          ...hostileStrings(v).map(([label, value]): [string, string] => [label, encodeURIComponent(value)]),
          [`lookalike ${toLookalike(v)}`, encodeURIComponent(toLookalike(v))],
        ];
        for (const [label, segment] of raw) {
          const path =
            fillPath(route.path, { ...encodeParams(valid), [param]: segment }) + queryString(validQuery(spec));
          // A client's URL parser resolves raw dot segments before sending: that is another URL, not this route's input.
          const normalised = new URL(path, ORIGIN).pathname !== path.split('?')[0];
          cases.push({
            label: `:${param} = ${label}${normalised ? ` (sent as ${new URL(path, ORIGIN).pathname})` : ''}`,
            path,
            body: spec.body ? encodeBody(spec.body, spec.body.valid()) : undefined,
            contentType: spec.body ? contentTypeOf(spec.body) : undefined,
            headers: validHeaders(spec),
            expect: normalised ? { lenient: true } : spec.redirects ? { redirect: true } : { refused: [400, 404] },
          });
        }
      }
      return cases;
    },
  },
  {
    name: 'well-formed ids of nothing',
    applies: (_route, spec) => Boolean(spec.unknownParams || spec.body?.unknown),
    build: (route, spec) => {
      const cases: HostileCase[] = [];
      if (spec.unknownParams) {
        const values = { ...spec.params!(), ...spec.unknownParams.values() };
        cases.push({
          label: `params ${JSON.stringify(spec.unknownParams.values())}`,
          path: fillPath(route.path, encodeParams(values)) + queryString(validQuery(spec)),
          body: spec.body ? encodeBody(spec.body, spec.body.valid()) : undefined,
          contentType: spec.body ? contentTypeOf(spec.body) : undefined,
          headers: validHeaders(spec),
          expect: { refused: spec.unknownParams.statuses },
        });
      }
      const unknown = spec.body?.unknown;
      if (unknown) {
        const body = { ...spec.body!.valid(), ...unknown.values() };
        cases.push(
          withBody(route, spec, `body ${JSON.stringify(unknown.values())}`, encodeBody(spec.body!, body), {
            refused: unknown.statuses,
          }),
        );
      }
      return cases;
    },
  },
  {
    name: `bodies over the ${BODY_LIMIT_BYTES}-byte limit (413)`,
    applies: (route) => !['GET', 'HEAD'].includes(route.method),
    build: (route, spec) => {
      const limit = spec.bodyLimit ?? BODY_LIMIT_BYTES;
      const base = spec.body?.valid() ?? {};
      // The valid body with a padding field filling it to `total` bytes (the valid bodies are ASCII).
      const padded = (total: number) => {
        const empty =
          spec.body?.encoding === 'form'
            ? `${encodeBody(spec.body, base)}&padding=`
            : JSON.stringify({ ...base, padding: '' });
        const fill = PADDING.slice(0, total - byteLength(empty));
        return spec.body?.encoding === 'form' ? empty + fill : `${empty.slice(0, -2)}${fill}"}`;
      };
      const declaring = (total: number) => (c: HostileCase) => ({
        ...c,
        headers: { ...c.headers, 'Content-Length': String(total) },
      });
      return [
        declaring(limit + 1)(
          withBody(route, spec, 'one byte over, with Content-Length', padded(limit + 1), { refused: [413] }),
        ),
        withBody(route, spec, 'one byte over, streamed (no Content-Length)', padded(limit + 1), {
          refused: [413],
        }),
        declaring(HUGE_BODY_BYTES)(
          withBody(route, spec, '1 MiB, with Content-Length', padded(HUGE_BODY_BYTES), { refused: [413] }),
        ),
      ];
    },
  },
  {
    name: 'deep nesting (10,000 levels, and the deepest that fits the limit)',
    applies: (_route, spec) => Boolean(spec.body) && spec.body!.encoding !== 'form',
    build: (route, spec) => {
      const valid = spec.body!.valid();
      const [field] = Object.keys(spec.body!.fields) as [string];
      const inField = (inner: string) => JSON.stringify({ ...valid, [field]: '\uE000' }).replace('"\uE000"', inner);
      const bodies: [string, string][] = [
        ['10,000-level arrays as the body', nest('arrays', 10_000)],
        ['10,000-level objects as the body', nest('objects', 10_000)],
        [`10,000-level objects in "${field}"`, inField(nest('objects', 10_000))],
        ['deepest arrays under the limit as the body', nestDeepestUnderLimit('arrays', (s) => s)],
        [`deepest arrays under the limit in "${field}"`, nestDeepestUnderLimit('arrays', inField)],
        [`deepest objects under the limit in "${field}"`, nestDeepestUnderLimit('objects', inField)],
      ];
      return bodies.map(([label, body]) =>
        withBody(route, spec, `${label} (${byteLength(body)} bytes)`, body, {
          refused: byteLength(body) > BODY_LIMIT_BYTES ? [413] : [400],
        }),
      );
    },
  },
  {
    name: 'invalid UTF-8 bytes in string fields',
    applies: (_route, spec) => Boolean(spec.body) && stringFields(spec.body!).length > 0,
    // Decoding happens once per body: every sequence in one field (free text first, where a
    // repaired U+FFFD would pass), one sequence in each other field.
    build: (route, spec) =>
      [...stringFields(spec.body!)]
        .sort(([, a], [, b]) => Number(b.type === 'text') - Number(a.type === 'text'))
        .flatMap(([field], index) =>
          INVALID_UTF8_SEQUENCES.slice(0, index === 0 ? undefined : 1).map(([label, bytes]) => {
            const valid = spec.body!.valid();
            let body: Uint8Array<ArrayBuffer>;
            if (spec.body!.encoding === 'form') {
              const [before, after] = encodeBody(spec.body!, {
                ...valid,
                [field]: insertMiddle(String(valid[field]), '\uE000'),
              }).split('%EE%80%80') as [string, string];
              body = new Uint8Array([
                ...new TextEncoder().encode(before),
                ...bytes,
                ...new TextEncoder().encode(after),
              ]);
            } else body = jsonWithInvalidUtf8(valid, field, bytes);
            return withBody(route, spec, `"${field}" with ${label}`, body, { refused: [400] });
          }),
        ),
  },
  {
    name: 'control characters (NUL, BEL, ESC, DEL) in every string field',
    applies: (_route, spec) => Boolean(spec.body) && stringFields(spec.body!).length > 0,
    build: (route, spec) =>
      stringFields(spec.body!).flatMap(([field]) =>
        CONTROL_CHARACTERS.map(([name, ch]) => {
          const valid = spec.body!.valid();
          const body = { ...valid, [field]: insertMiddle(String(valid[field]), ch) };
          return withBody(route, spec, `"${field}" with ${name}`, encodeBody(spec.body!, body), { refused: [400] });
        }),
      ),
  },
  {
    name: 'Unicode lookalikes of enum values and ids',
    applies: (_route, spec) => Object.values(spec.body?.fields ?? {}).some((f) => f.type === 'enum'),
    build: (route, spec) =>
      Object.entries(spec.body!.fields)
        .filter(([, f]) => f.type === 'enum')
        .map(([field]) => {
          const valid = spec.body!.valid();
          const lookalike = toLookalike(String(valid[field]));
          return withBody(
            route,
            spec,
            `"${field}": ${JSON.stringify(lookalike)}`,
            encodeBody(spec.body!, { ...valid, [field]: lookalike }),
            { refused: [400] },
          );
        }),
  },
  {
    name: 'SQL and XSS strings in every string field',
    applies: (_route, spec) => Boolean(spec.body) && stringFields(spec.body!).length > 0,
    build: (route, spec) =>
      stringFields(spec.body!).flatMap(([field, f]) =>
        [...SQL_PAYLOADS, ...XSS_PAYLOADS].map((payload) => {
          const body = { ...spec.body!.valid(), [field]: payload };
          const expectation: Expectation = f.type === 'text' ? { text: { field, value: payload } } : { refused: [400] };
          return withBody(route, spec, `"${field}": ${payload}`, encodeBody(spec.body!, body), expectation);
        }),
      ),
  },
  {
    name: 'wrong JSON types (null, arrays, numbers for strings, strings for numbers)',
    applies: (_route, spec) => Boolean(spec.body) && spec.body!.encoding !== 'form',
    build: (route, spec) => {
      const valid = spec.body!.valid();
      const cases: [string, unknown][] = [
        ['body null', null],
        ['body []', []],
        ['body [valid]', [valid]],
        ['body "text"', 'text'],
        ['body 42', 42],
      ];
      for (const [field, f] of Object.entries(spec.body!.fields)) {
        const v = valid[field];
        const wrong: unknown[] =
          f.type === 'number' ? [String(v), [v]] : f.type === 'boolean' ? [String(v), 1] : [42, [v]];
        if (!f.nullable) wrong.push(null);
        for (const w of wrong) cases.push([`"${field}": ${JSON.stringify(w)}`, { ...valid, [field]: w }]);
      }
      return cases.map(([label, body]) => withBody(route, spec, label, JSON.stringify(body), { refused: [400] }));
    },
  },
  {
    name: 'missing fields, empty and malformed bodies',
    applies: (_route, spec) => Boolean(spec.body),
    build: (route, spec) => {
      const body = spec.body!;
      const valid = body.valid();
      const cases: HostileCase[] = [];
      for (const [field, f] of Object.entries(body.fields)) {
        if (!f.required) continue;
        const { [field]: _dropped, ...rest } = valid;
        cases.push(withBody(route, spec, `without "${field}"`, encodeBody(body, rest), { refused: [400] }));
      }
      if (!body.emptyAllowed) {
        cases.push(withBody(route, spec, 'empty object', encodeBody(body, {}), { refused: [400] }));
        cases.push(withBody(route, spec, 'empty body', '', { refused: [400] }));
        cases.push({ ...withBody(route, spec, 'no body at all', '', { refused: [400] }), body: undefined });
      }
      if (body.encoding !== 'form')
        cases.push(withBody(route, spec, 'truncated JSON', encodeBody(body, valid).slice(0, -2), { refused: [400] }));
      return cases;
    },
  },
  {
    name: 'hostile query values',
    applies: (_route, spec) => Boolean(spec.query),
    build: (route, spec) => {
      const cases: HostileCase[] = [];
      for (const [name, q] of Object.entries(spec.query!)) {
        const v = q.valid();
        const values: [string, string][] = [
          ...hostileStrings(v).map(([label, value]): [string, string] => [label, encodeURIComponent(value)]),
          ['%2e%2e%2f', '%2e%2e%2f'],
          ['..%5c', '..%5c'],
        ];
        if (q.kind !== 'next') values.push([`lookalike ${toLookalike(v)}`, encodeURIComponent(toLookalike(v))]);
        if (q.kind === 'next') values.push(...OPEN_REDIRECTS.map((r): [string, string] => [r, encodeURIComponent(r)]));
        for (const [label, raw] of values) {
          cases.push({
            label: `${name} = ${label}`,
            path:
              fillPath(route.path, encodeParams(spec.params?.() ?? {})) +
              queryString({ ...validQuery(spec), [name]: raw }),
            headers: validHeaders(spec),
            expect: spec.redirects ? { redirect: true } : q.kind === 'flag' ? { lenient: true } : { refused: [400] },
          });
        }
      }
      return cases;
    },
  },
  {
    name: 'hostile header values',
    applies: (_route, spec) => Boolean(spec.headers),
    build: (route, spec) =>
      Object.entries(spec.headers!).flatMap(([name, h]) => {
        const v = h.valid();
        const values: [string, string][] = [
          ...hostileStrings(v).filter(([label]) => !label.startsWith('NUL')),
          // Header values are bytes: a lookalike arrives as its UTF-8 bytes read as Latin-1.
          [`lookalike ${toLookalike(v)}`, String.fromCharCode(...new TextEncoder().encode(toLookalike(v)))],
        ];
        return values.map(([label, value]) => ({
          ...withBody(route, spec, `${name}: ${label}`, encodeBody(spec.body!, spec.body!.valid()), { refused: [400] }),
          headers: { ...validHeaders(spec), [name]: value },
        }));
      }),
  },
  {
    name: 'junk query parameters on a valid read',
    applies: (route, spec) => route.method === 'GET' && !spec.redirects,
    build: (route, spec) => [
      {
        label: 'NUL, SQL, markup, traversal and a 10,000-char value as extra parameters',
        path: `${validPath(route, spec)}${spec.query ? '&' : '?'}%00=%00&${encodeURIComponent("' OR 1=1 --")}=${encodeURIComponent('<script>alert(1)</script>')}&q=..%2f..%2f&x=${'y'.repeat(OVERLONG_LENGTH)}`,
        expect: { lenient: true },
      },
    ],
  },
];

// --- checking answers ----------------------------------------------------------------------

const ENVELOPE_CODES: Record<number, string[]> = {
  400: ['validation_failed', 'invalid_json', 'bad_request', 'invalid_signed_request'],
  404: ['not_found'],
  409: [
    'claim_decided',
    'already_manager',
    'last_manager',
    'pledge_not_active',
    'idempotency_conflict',
    'opportunity_closed',
    'already_reported',
    'other_managers',
  ],
  413: ['payload_too_large'],
};

/**
 * What is wrong with an answer, as readable lines (empty: nothing). Collected per test and
 * compared with [] once, so a failing test lists every bad case, not just the first.
 */
type Problems = string[];

function describeAnswer(sent: Sent): string {
  return `${sent.status} ${sent.text.length > 300 ? `${sent.text.slice(0, 300)}…` : sent.text}`;
}

function findEnvelopeProblems(sent: Sent): Problems {
  const problems: Problems = [];
  if (!/^application\/json/.test(sent.headers.get('Content-Type') ?? ''))
    problems.push(`error Content-Type ${sent.headers.get('Content-Type')}`);
  let json: any;
  try {
    json = JSON.parse(sent.text);
  } catch {
    return [...problems, 'error body is not JSON'];
  }
  const error = json?.error;
  const isEnvelope =
    Object.keys(json ?? {}).join() === 'error' &&
    typeof error?.code === 'string' &&
    typeof error.message === 'string' &&
    /\S/.test(error.message);
  if (!isEnvelope) problems.push('not the {error:{code,message}} envelope');
  const codes = ENVELOPE_CODES[sent.status];
  if (isEnvelope && codes && !codes.includes(error.code)) problems.push(`error code ${error.code} for ${sent.status}`);
  return problems;
}

async function findRedirectProblems(sent: Sent): Promise<Problems> {
  if (sent.status !== 302) return [`expected a 302 redirect`];
  const location = sent.headers.get('Location') ?? '';
  if (location.startsWith('https://www.facebook.com/')) {
    const problems: Problems = [];
    const redirectUri = new URL(location).searchParams.get('redirect_uri');
    if (redirectUri !== `${ORIGIN}/api/auth/facebook/callback`) problems.push(`Facebook redirect_uri ${redirectUri}`);
    // Where it returns to after sign-in is stored with the attempt.
    const stored = await apps.demo.db.$client.execute('SELECT next_path FROM oauth_states');
    for (const row of stored.rows)
      if (!isSameSitePath(String(row.next_path))) problems.push(`stored next path ${String(row.next_path)}`);
    return problems;
  }
  if (!isSameSitePath(location)) return [`Location ${location} leaves the site`];
  const next = new URL(location, ORIGIN).searchParams.get('next');
  return next !== null && !isSameSitePath(next) ? [`next ${next} leaves the site`] : [];
}

async function findProblems(
  spec: RouteSpec,
  expectation: Expectation,
  sent: Sent,
  changes: string[],
): Promise<Problems> {
  const problems: Problems = [];
  if (sent.status >= 500) problems.push('server error');
  if (/html/.test(sent.headers.get('Content-Type') ?? ''))
    problems.push(`answered as ${sent.headers.get('Content-Type')}`);
  const mustNotWrite = () => {
    if (changes.length) problems.push(`the database changed: ${changes.join('; ')}`);
  };
  if ('redirect' in expectation) {
    problems.push(...(await findRedirectProblems(sent)));
    if (!spec.writesOnValid) mustNotWrite();
  } else if ('lenient' in expectation) {
    if (sent.status >= 400) problems.push(...findEnvelopeProblems(sent));
    else if (!/^(application\/(json|rss\+xml)|image\/(png|jpeg|webp)$)/.test(sent.headers.get('Content-Type') ?? ''))
      problems.push(`Content-Type ${sent.headers.get('Content-Type')}`);
    mustNotWrite();
  } else if ('text' in expectation && sent.status >= 200 && sent.status < 300) {
    problems.push(...(await findEchoProblems(spec, expectation.text, sent)));
  } else {
    const statuses = 'refused' in expectation ? expectation.refused : [400];
    if (!statuses.includes(sent.status)) problems.push(`expected ${statuses.join(' or ')}`);
    if (sent.status >= 400) problems.push(...findEnvelopeProblems(sent));
    mustNotWrite();
  }
  return problems;
}

/** Accepted as words: it must come back as the same characters, in JSON, and inert in any HTML. */
async function findEchoProblems(
  spec: RouteSpec,
  text: { field: string; value: string },
  sent: Sent,
): Promise<Problems> {
  if (!/^application\/json/.test(sent.headers.get('Content-Type') ?? ''))
    return [`accepted text answered as ${sent.headers.get('Content-Type')}`];
  const json = JSON.parse(sent.text);
  const echoed = await spec.body!.echo!(json);
  const problems: Problems = [];
  if (echoed[text.field] !== text.value)
    problems.push(`"${text.field}" came back as ${JSON.stringify(echoed[text.field])}`);
  for (const html of spec.body!.html?.(json) ?? [])
    if (/<script|<img/i.test(html)) problems.push(`live markup in rendered HTML: ${html}`);
  return problems;
}

/**
 * Sends each case and lists what was wrong, including what it wrote (the watcher reports
 * commits since the previous case). A `fresh` actor is replaced only after a request it made
 * succeeded: only then can its state (a pending claim, a sign-up) change what the next case means.
 */
async function runCases(route: AppRoute, spec: RouteSpec, cases: HostileCase[]): Promise<Problems> {
  const problems: Problems = [];
  let actor = await resolveActor(spec.as);
  await watcher.takeChanges();
  for (const hostile of cases) {
    const sent = await send({
      app: spec.app,
      method: route.method,
      path: hostile.path,
      actor,
      body: hostile.body,
      contentType: hostile.contentType,
      headers: hostile.headers,
    });
    const found = await findProblems(spec, hostile.expect, sent, await watcher.takeChanges());
    if (found.length) problems.push(`${hostile.label} → ${describeAnswer(sent)}: ${found.join('; ')}`);
    if (spec.as === 'fresh' && sent.status < 300) {
      actor = await resolveActor('fresh');
      await watcher.takeChanges();
    }
  }
  return problems;
}

// --- fixtures ------------------------------------------------------------------------------

beforeAll(async () => {
  apps.demo = await createHarness({
    demoSignIn: true,
    now: clock.now,
    rateLimits: 'lifted',
    cacheSessions: true,
    vars: { EMAIL_SIGNING_SECRET: 'hostile-input-email-signing-secret-0123456789' },
  });
  apps.facebook = apps.demo.withApp({ demoSignIn: false, vars: FACEBOOK_ENV });
  fx.admin = await apps.demo.makeAdmin('Hostile Admin');
  fx.manager = await apps.demo.signIn('Hostile Manager');
  fx.user = await apps.demo.signIn('Hostile User');
  fx.spare = await apps.demo.signIn('Hostile Spare');
  await setEmailAddress(apps.demo.db, fx.user.id, 'hostile-user@example.org', clock.now());
  fx.unsubscribeToken = await signUnsubscribeToken('hostile-input-email-signing-secret-0123456789', fx.user.id);

  const managerClaim = await sendJson('POST', `/api/ngos/${NGO}/claims`, fx.manager, {
    role: 'Director',
    workEmail: 'boss@cancerlifeline.info',
  });
  await sendJson('POST', `/api/admin/claims/${managerClaim.claim.id}/decision`, fx.admin, { decision: 'approve' });
  const claimant = await apps.demo.signIn('Hostile Claimant');
  fx.claimId = (
    await sendJson('POST', `/api/ngos/${OTHER_NGO}/claims`, claimant, {
      role: 'Volunteer',
      workEmail: 'vol@example.org',
    })
  ).claim.id;

  fx.proposalId = (
    await sendJson('POST', '/api/proposals', fx.spare, { ...proposalBody(), name: 'Hostile Fixture Proposal' })
  ).proposal.id;
  fx.pledgeId = (await sendJson('POST', '/api/pledges', fx.user, pledgeBody())).pledge.id;
  fx.postId = (await sendJson('POST', `/api/ngos/${NGO}/posts`, fx.manager, postBody())).post.id;
  fx.doomedPostId = (await sendJson('POST', `/api/ngos/${NGO}/posts`, fx.manager, postBody())).post.id;
  fx.impactReportId = (
    await sendJson('POST', `/api/ngos/${NGO}/impact-reports`, fx.manager, impactReportBody())
  ).report.id;
  fx.doomedImpactReportId = (
    await sendJson('POST', `/api/ngos/${NGO}/impact-reports`, fx.manager, impactReportBody())
  ).report.id;
  fx.opportunityId = (
    await sendJson('POST', `/api/ngos/${NGO}/opportunities`, fx.manager, opportunityBody())
  ).opportunity.id;
  fx.remoteOpportunityId = (
    await sendJson('POST', `/api/ngos/${NGO}/opportunities`, fx.manager, {
      ...opportunityBody(),
      remote: true,
      place: null,
    })
  ).opportunity.id;
  fx.signupId = (
    await sendJson('POST', `/api/opportunities/${fx.opportunityId}/signups`, fx.user, { message: 'Count me in.' })
  ).signup.id;
  fx.reportId = (
    await sendJson('POST', '/api/reports', fx.user, { kind: 'post', itemId: fx.postId, reason: 'Please check this.' })
  ).report.id;
  await sendJson('PUT', `/api/follows/ngos/${OTHER_NGO}`, fx.user);
  await sendJson('PUT', `/api/ngos/${NGO}/profile`, fx.manager, profileBody());
  fx.profileRevisionId = (await sendJson('GET', `/api/admin/ngos/${NGO}/profile/revisions`, fx.admin)).revisions[0].id;
  const logo = await send({
    method: 'POST',
    path: `/api/ngos/${NGO}/media`,
    actor: fx.manager,
    body: new Uint8Array(readFileSync('test/fixtures/images/logo.png')),
    contentType: 'application/octet-stream',
  });
  fx.mediaName = (JSON.parse(logo.text).image.key as string).slice('media/'.length);
  // Cursors are opaque: take real ones from a second page (more than a page of opportunities).
  for (let i = 0; i < 20; i++)
    await sendJson('POST', `/api/ngos/${NGO}/opportunities`, fx.manager, {
      ...opportunityBody(),
      title: `Hostile helper ${i}`,
    });
  await sendJson('PUT', `/api/follows/ngos/${NGO}`, fx.user);
  fx.opportunitiesCursor = (await sendJson('GET', '/api/opportunities', null)).nextCursor;
  fx.feedCursor = (await sendJson('GET', '/api/feed', fx.user)).nextCursor;
  fx.directoryCursor = (await sendJson('GET', '/api/v1/ngos?limit=1', null)).next;
  if (!fx.opportunitiesCursor || !fx.feedCursor || !fx.directoryCursor)
    throw new Error('no second page to take cursors from');

  const deletion = await send({
    app: 'facebook',
    method: 'POST',
    path: '/api/auth/facebook/data-deletion',
    actor: null,
    body: encodeBody(
      CORPUS['POST /api/auth/facebook/data-deletion']!.body!,
      CORPUS['POST /api/auth/facebook/data-deletion']!.body!.valid(),
    ),
    contentType: 'application/x-www-form-urlencoded',
  });
  fx.deletionCode = JSON.parse(deletion.text).confirmation_code;
  watcher = await watchDatabaseChanges(apps.demo.database.url);
});

afterAll(() => {
  watcher?.close();
  apps.demo?.cleanup();
});

// --- the suite -----------------------------------------------------------------------------

describe('corpus coverage', () => {
  it('has an entry for every route that takes a path parameter or a body', () => {
    const missing = ROUTES.filter((r) => needsCorpusEntry(r) && !CORPUS[`${r.method} ${r.path}`]).map(
      (r) => `${r.method} ${r.path}`,
    );
    expect(missing, 'add these routes to CORPUS in test/hostile-input.test.ts').toEqual([]);
  });

  it('names only mounted routes, with their path parameters', () => {
    const mounted = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r]));
    for (const [key, spec] of Object.entries(CORPUS)) {
      const route = mounted.get(key);
      expect.soft(route, `${key} is not a route of the app`).toBeDefined();
      if (route) expect.soft(Object.keys(spec.params?.() ?? {}).sort(), key).toEqual([...route.params].sort());
    }
  });
});

for (const route of ROUTES) {
  const key = `${route.method} ${route.path}`;
  // A read without parameters needs no entry: signed in, it gets the classes that apply to it.
  const spec: RouteSpec | undefined = CORPUS[key] ?? (needsCorpusEntry(route) ? undefined : { as: 'user' });
  if (!spec) continue;
  describe(key, () => {
    if (spec.control !== false && (spec.params || spec.body || spec.query || spec.headers)) {
      it('accepts the valid request (so refusals below come from validation, not from auth)', async () => {
        const actor = await resolveActor(spec.as);
        const sent = await send({
          app: spec.app,
          method: route.method,
          path: validPath(route, spec),
          actor,
          body: spec.body ? encodeBody(spec.body, spec.body.valid()) : undefined,
          contentType: spec.body ? contentTypeOf(spec.body) : undefined,
          headers: validHeaders(spec),
        });
        if (typeof spec.control === 'number') expect(sent.status, describeAnswer(sent)).toBe(spec.control);
        else expect(sent.status, describeAnswer(sent)).toBeGreaterThanOrEqual(200);
        if (typeof spec.control !== 'number') expect(sent.status, describeAnswer(sent)).toBeLessThan(300);
      });
    }
    for (const hostileClass of CLASSES) {
      if (!hostileClass.applies(route, spec)) continue;
      it(hostileClass.name, async () => {
        const cases = hostileClass.build(route, spec);
        expect(cases.length).toBeGreaterThan(0);
        expect(await runCases(route, spec, cases)).toEqual([]);
      });
    }
  });
}

describe('refusals once missing, each checked by name so a regression reads plainly', () => {
  it('PATCH /api/opportunities/:id refuses {remote:false} on a remote role without a place', async () => {
    await watcher.takeChanges();
    const sent = await send({
      method: 'PATCH',
      path: `/api/opportunities/${fx.remoteOpportunityId}`,
      actor: fx.manager,
      body: JSON.stringify({ remote: false }),
    });
    expect.soft(sent.status, describeAnswer(sent)).toBe(400);
    expect.soft(await watcher.takeChanges()).toEqual([]);
  });

  it('POST /api/reports does not record the same report twice', async () => {
    const reporter = await apps.demo.signIn('Hostile Double Reporter');
    const body = { kind: 'opportunity', itemId: fx.opportunityId, reason: 'Not a real role.' };
    const first = await send({ method: 'POST', path: '/api/reports', actor: reporter, body: JSON.stringify(body) });
    expect(first.status, describeAnswer(first)).toBe(201);
    await watcher.takeChanges();
    const again = await send({ method: 'POST', path: '/api/reports', actor: reporter, body: JSON.stringify(body) });
    expect.soft([200, 409], describeAnswer(again)).toContain(again.status);
    expect.soft(await watcher.takeChanges(), 'a second report row').toEqual([]);
  });

  it('POST /api/ngos/:id/managers refuses an NGO id that names no NGO', async () => {
    await watcher.takeChanges();
    const sent = await send({
      method: 'POST',
      path: `/api/ngos/${UNKNOWN_NGO}/managers`,
      actor: fx.admin,
      body: JSON.stringify({ userId: fx.spare.id }),
    });
    expect.soft(sent.status, describeAnswer(sent)).toBe(404);
    expect.soft(await watcher.takeChanges()).toEqual([]);
  });

  it('GET /api/admin/claims refuses a lookalike status instead of falling back to pending', async () => {
    const sent = await send({
      method: 'GET',
      path: `/api/admin/claims?status=${encodeURIComponent(toLookalike('approved'))}`,
      actor: fx.admin,
    });
    expect(sent.status, describeAnswer(sent)).toBe(400);
  });

  it.each(CONTROL_CHARACTERS)('POST /api/pledges refuses a note with %s', async (_name, ch) => {
    await watcher.takeChanges();
    const sent = await send({
      method: 'POST',
      path: '/api/pledges',
      actor: fx.user,
      body: JSON.stringify({ ...pledgeBody(), note: `For ${ch} the shop` }),
    });
    expect.soft(sent.status, describeAnswer(sent)).toBe(400);
    expect.soft(await watcher.takeChanges()).toEqual([]);
  });
});
