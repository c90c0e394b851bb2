import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The accounts database (libSQL: Turso in production, a local file for `npm start`).
 * Timestamps are unix seconds (drizzle `mode: 'timestamp'` maps them to Date).
 * NGO ids are the org-id.guide strings of the content collection; NGOs live in the
 * static site, not here, so they are plain text columns without a foreign key.
 */

/** Where an account comes from: Facebook Login, or the local demo sign-in of `npm start`. */
export const USER_PROVIDERS = ['facebook', 'demo'] as const;
export type UserProvider = (typeof USER_PROVIDERS)[number];

export const users = sqliteTable(
  'users',
  {
    /** Our own random id: never the provider's id, so it can be shown and linked. */
    id: text('id').primaryKey(),
    provider: text('provider', { enum: USER_PROVIDERS }).notNull(),
    /** Facebook's app-scoped user id, or the normalised demo name. */
    providerUserId: text('provider_user_id').notNull(),
    name: text('name').notNull(),
    /** Facebook's CDN URLs expire, so this is refreshed at every sign-in. */
    pictureUrl: text('picture_url'),
    /**
     * When the user's Facebook friends who use Jumo were last stored (user_friends granted);
     * null when the permission was never granted or was declined: the UI then offers to ask once.
     */
    friendsSyncedAt: integer('friends_synced_at', { mode: 'timestamp' }),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    uniqueIndex('users_provider_user_idx').on(t.provider, t.providerUserId),
    check('users_provider_check', sql`${t.provider} in ('facebook', 'demo')`),
  ],
);

/**
 * Sessions as in the Lucia guide: the cookie carries `<id>.<secret>`, only SHA-256(secret)
 * is stored, and `lastVerifiedAt` drives the inactivity timeout and its sliding renewal.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    /** SHA-256 of the secret, lower-case hex: portable across the native and web clients. */
    secretHash: text('secret_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    lastVerifiedAt: integer('last_verified_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * One row per sign-in attempt started with Facebook: the state is bound to the browser by a
 * cookie and made single-use here, so a replayed callback URL is refused even with the cookie.
 */
export const oauthStates = sqliteTable(
  'oauth_states',
  {
    /** SHA-256 of the `state` parameter (hex), so a database leak does not reveal live states. */
    stateHash: text('state_hash').primaryKey(),
    /** The same-site path to return to after sign-in. */
    nextPath: text('next_path').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [index('oauth_states_expires_idx').on(t.expiresAt)],
);

export const ngoFollows = sqliteTable(
  'ngo_follows',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ngoId: text('ngo_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ngoId] }), index('ngo_follows_ngo_idx').on(t.ngoId)],
);

export const causeFollows = sqliteTable(
  'cause_follows',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A cause id from model/causes.ts. */
    cause: text('cause').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.cause] }), index('cause_follows_cause_idx').on(t.cause)],
);

/**
 * Follower counters, kept exact by triggers on ngo_follows/cause_follows (see the custom
 * migration): they change in the same statement as the follow row, including the rows an
 * account deletion removes, so no code path can forget them and pages read one row.
 */
export const ngoFollowerCounts = sqliteTable(
  'ngo_follower_counts',
  {
    ngoId: text('ngo_id').primaryKey(),
    followers: integer('followers').notNull().default(0),
  },
  (t) => [check('ngo_follower_counts_nonnegative', sql`${t.followers} >= 0`)],
);

export const causeFollowerCounts = sqliteTable(
  'cause_follower_counts',
  {
    cause: text('cause').primaryKey(),
    followers: integer('followers').notNull().default(0),
  },
  (t) => [check('cause_follower_counts_nonnegative', sql`${t.followers} >= 0`)],
);

export const PLEDGE_RECURRENCES = ['once', 'monthly'] as const;
export const PLEDGE_VISIBILITIES = ['public', 'anonymous'] as const;
export const PLEDGE_STATUSES = ['active', 'fulfilled', 'cancelled'] as const;

/** A promise to give: Jumo never takes payments, it records pledges and shows totals. */
export const pledges = sqliteTable(
  'pledges',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ngoId: text('ngo_id').notNull(),
    /** In the currency's minor unit (cents, pence): integers add up exactly. */
    amountMinor: integer('amount_minor').notNull(),
    /** ISO 4217 code, upper case. */
    currency: text('currency').notNull(),
    recurrence: text('recurrence', { enum: PLEDGE_RECURRENCES }).notNull(),
    visibility: text('visibility', { enum: PLEDGE_VISIBILITIES }).notNull(),
    note: text('note'),
    status: text('status', { enum: PLEDGE_STATUSES }).notNull().default('active'),
    /** Chosen by the client so a retried POST does not pledge twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    uniqueIndex('pledges_user_idempotency_idx').on(t.userId, t.idempotencyKey),
    // The NGO page's newest public standing pledges: exactly the rows it shows, newest first,
    // so it reads five index entries whatever the NGO's number of pledges (totals and
    // supporters come from the counters below).
    index('pledges_ngo_public_recent_idx')
      .on(t.ngoId, t.createdAt, t.id)
      .where(sql`visibility = 'public' and status <> 'cancelled'`),
    index('pledges_user_created_idx').on(t.userId, t.createdAt),
    check('pledges_amount_positive', sql`${t.amountMinor} > 0`),
    check('pledges_currency_iso', sql`length(${t.currency}) = 3 and ${t.currency} = upper(${t.currency})`),
    check('pledges_recurrence_check', sql`${t.recurrence} in ('once', 'monthly')`),
    check('pledges_visibility_check', sql`${t.visibility} in ('public', 'anonymous')`),
    check('pledges_status_check', sql`${t.status} in ('active', 'fulfilled', 'cancelled')`),
    check('pledges_note_length', sql`${t.note} is null or length(${t.note}) <= 500`),
  ],
);

/**
 * Standing pledges (active or fulfilled) per NGO and currency, kept exact by triggers on
 * pledges (see the custom migration), like the follower counters: an NGO page reads one row
 * per currency instead of summing every pledge (a popular NGO at benchmark size has ~2,800,
 * which took ~30 ms). Rows stay at zero when the last pledge is cancelled; readers skip them.
 */
export const ngoPledgeTotals = sqliteTable(
  'ngo_pledge_totals',
  {
    ngoId: text('ngo_id').notNull(),
    currency: text('currency').notNull(),
    pledges: integer('pledges').notNull().default(0),
    onceMinor: integer('once_minor').notNull().default(0),
    monthlyMinor: integer('monthly_minor').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.ngoId, t.currency] }),
    check('ngo_pledge_totals_nonnegative', sql`${t.pledges} >= 0 and ${t.onceMinor} >= 0 and ${t.monthlyMinor} >= 0`),
  ],
);

/** Distinct people with a standing pledge per NGO, kept exact by the same triggers. */
export const ngoSupporterCounts = sqliteTable(
  'ngo_supporter_counts',
  {
    ngoId: text('ngo_id').primaryKey(),
    supporters: integer('supporters').notNull().default(0),
  },
  (t) => [check('ngo_supporter_counts_nonnegative', sql`${t.supporters} >= 0`)],
);

/**
 * Facebook friends who also use Jumo (Graph `/me/friends` returns only those), stored at
 * sign-in when the user granted `user_friends`. Friendship is mutual, so a sync stores both
 * directions and replaces every pair involving the user; either account's deletion removes it.
 */
export const userFriends = sqliteTable(
  'user_friends',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    friendUserId: text('friend_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.friendUserId] }),
    index('user_friends_friend_idx').on(t.friendUserId),
    check('user_friends_not_self', sql`${t.userId} <> ${t.friendUserId}`),
  ],
);

/**
 * Facebook's data deletion callback must return a status URL with a confirmation code.
 * The row keeps only the code and dates: nothing that points back to the deleted person.
 */
export const deletionRequests = sqliteTable('deletion_requests', {
  confirmationCode: text('confirmation_code').primaryKey(),
  requestedAt: integer('requested_at', { mode: 'timestamp' }).notNull(),
  completedAt: integer('completed_at', { mode: 'timestamp' }),
});

/**
 * The directory facts the API needs about each NGO (name and page for feeds and RSS, website
 * host for claims, causes and country for filters), copied from content/ngos by
 * db/ngo-directory.ts at migration time: the Worker cannot read the content at runtime, and a
 * 35,000-entry module would weigh ~1 MB gzipped in its bundle.
 */
export const ngoDirectory = sqliteTable(
  'ngo_directory',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    /** Lower-case host of the NGO's website without "www.", or null when it has none. */
    websiteHost: text('website_host'),
    /** ISO 3166-1 alpha-2 country where it is based. */
    country: text('country').notNull(),
    /** Cause ids separated and surrounded by spaces (" health youth "), for instr() matching. */
    causes: text('causes').notNull(),
    /**
     * The whole public directory record (model/ngo.ts) as JSON, for the public API. Null only
     * between migration 0012 and the next directory sync, which fills every row.
     */
    record: text('record'),
    /**
     * Codes of the place pages (`/places/<code>/`) listing the NGO, as a JSON array of lower-case
     * codes: its country, region and area, then the countries it serves.
     */
    places: text('places'),
    /**
     * The NGO as the public API lists it (model/api/directory.ts publicNgoSummarySchema without
     * `url`), as JSON: a list page reads 20 of these instead of parsing 20 whole records.
     */
    summary: text('summary'),
  },
  // The duplicate check of "Add your NGO" looks NGOs up by name (any case) and website host.
  (t) => [
    index('ngo_directory_name_idx').on(sql`lower(${t.name})`),
    index('ngo_directory_website_idx').on(t.websiteHost),
  ],
);

/**
 * The public API's order: a number per NGO, given when it enters ngo_directory and kept while it
 * stays (an INTEGER PRIMARY KEY never changes, unlike ngo_directory's implicit rowid on VACUUM).
 * Lists page by it, the filters below and the name search (FTS5 table `ngo_directory_fts`,
 * whose rowids are these; migration 0012) are keyed by it, so every list is read in this order.
 */
export const ngoDirectorySeq = sqliteTable('ngo_directory_seq', {
  seq: integer('seq').primaryKey(),
  ngoId: text('ngo_id').notNull().unique(),
});

/**
 * The public API's filters: one row per NGO and `cause:<id>` or `place:<code>`, kept by triggers
 * on ngo_directory (migration 0012) from its record and places. A filtered page is then one
 * range of the primary key, already in list order, whatever the filter's size.
 */
export const ngoDirectoryTerms = sqliteTable(
  'ngo_directory_terms',
  {
    term: text('term').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.seq] }), index('ngo_directory_terms_seq_idx').on(t.seq)],
);

/** One row: the fingerprint of the content last copied into ngo_directory (skip unchanged syncs). */
export const ngoDirectorySync = sqliteTable('ngo_directory_sync', {
  id: integer('id').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  syncedAt: integer('synced_at', { mode: 'timestamp' }).notNull(),
});

/** Site administrators (review claims and reports); granted with `npm run admin -- grant <userId>`. */
export const siteAdmins = sqliteTable('site_admins', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  grantedAt: integer('granted_at', { mode: 'timestamp' }).notNull(),
});

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** A user's request to manage an NGO page, reviewed by a site admin. */
export const ngoClaims = sqliteTable(
  'ngo_claims',
  {
    id: text('id').primaryKey(),
    ngoId: text('ngo_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    workEmail: text('work_email').notNull(),
    note: text('note'),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('pending'),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    decidedAt: integer('decided_at', { mode: 'timestamp' }),
    decidedBy: text('decided_by'),
  },
  (t) => [
    index('ngo_claims_status_idx').on(t.status, t.createdAt),
    index('ngo_claims_user_idx').on(t.userId),
    check('ngo_claims_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/** Who manages an NGO page: approved claimants and the people they add. */
export const ngoManagers = sqliteTable(
  'ngo_managers',
  {
    ngoId: text('ngo_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: integer('added_at', { mode: 'timestamp' }).notNull(),
    addedBy: text('added_by'),
  },
  (t) => [primaryKey({ columns: [t.ngoId, t.userId] }), index('ngo_managers_user_idx').on(t.userId)],
);

/** News updates posted by an NGO's managers. Markdown is kept for editing, HTML rendered safely once. */
export const ngoPosts = sqliteTable(
  'ngo_posts',
  {
    id: text('id').primaryKey(),
    ngoId: text('ngo_id').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    /** Sanitised rendering of bodyMarkdown (db/markdown.ts); never user HTML. */
    bodyHtml: text('body_html').notNull(),
    linkUrl: text('link_url'),
    imageUrl: text('image_url'),
    /** Hidden by a site admin after a report: gone from pages, feeds and RSS. */
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [index('ngo_posts_ngo_created_idx').on(t.ngoId, t.createdAt), index('ngo_posts_created_idx').on(t.createdAt)],
);

export const OPPORTUNITY_STATUSES = ['open', 'closed'] as const;

/** Volunteering opportunities; causes and country are the NGO's, copied for filtering. */
export const volunteerOpportunities = sqliteTable(
  'volunteer_opportunities',
  {
    id: text('id').primaryKey(),
    ngoId: text('ngo_id').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Where it happens (free text); null when remote only. */
    place: text('place'),
    remote: integer('remote', { mode: 'boolean' }).notNull().default(false),
    commitment: text('commitment').notNull(),
    skills: text('skills'),
    /** Last day to sign up, YYYY-MM-DD; null for no closing date. */
    closesOn: text('closes_on'),
    status: text('status', { enum: OPPORTUNITY_STATUSES }).notNull().default('open'),
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    index('volunteer_opps_ngo_idx').on(t.ngoId, t.createdAt),
    index('volunteer_opps_created_idx').on(t.createdAt),
    check('volunteer_opps_status_check', sql`${t.status} in ('open', 'closed')`),
  ],
);

export const SIGNUP_STATUSES = ['new', 'contacted'] as const;

export const volunteerSignups = sqliteTable(
  'volunteer_signups',
  {
    id: text('id').primaryKey(),
    opportunityId: text('opportunity_id')
      .notNull()
      .references(() => volunteerOpportunities.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message'),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull().default('new'),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    uniqueIndex('volunteer_signups_once_idx').on(t.opportunityId, t.userId),
    index('volunteer_signups_user_idx').on(t.userId),
    check('volunteer_signups_status_check', sql`${t.status} in ('new', 'contacted')`),
  ],
);

export const REPORT_KINDS = ['post', 'opportunity', 'impact_report'] as const;
export const REPORT_STATUSES = ['open', 'resolved'] as const;

/** A signed-in user's report of a post, opportunity or impact report, for admins. */
export const contentReports = sqliteTable(
  'content_reports',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    itemId: text('item_id').notNull(),
    reporterId: text('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('open'),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp' }),
  },
  (t) => [
    index('content_reports_status_idx').on(t.status, t.createdAt),
    /** One open report per person and item: reporting again adds nothing for the admin. */
    uniqueIndex('content_reports_open_once_idx')
      .on(t.reporterId, t.kind, t.itemId)
      .where(sql`status = 'open'`),
    check('content_reports_kind_check', sql`${t.kind} in ('post', 'opportunity', 'impact_report')`),
  ],
);

export const FEED_ITEM_KINDS = ['post', 'opportunity', 'report'] as const;

/**
 * The feed's index, kept by triggers (see the custom migrations): one row per visible news post,
 * open volunteer call or impact report and per way to follow it — its NGO (`source` = the NGO
 * id) and each of the NGO's causes in ngo_directory (`source` = the cause id; the two never look
 * alike); an impact report also under `pledged:<NGO id>`, read by everyone with a standing
 * pledge to the NGO (migration 0009).
 * A feed page then reads the newest few entries of each source the user follows from one
 * index, instead of walking every post in time order to test it against the user's follows.
 */
export const feedItems = sqliteTable(
  'feed_items',
  {
    source: text('source').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    itemId: text('item_id').notNull(),
    kind: text('kind', { enum: FEED_ITEM_KINDS }).notNull(),
    /** The opportunity's closing day (YYYY-MM-DD), so closed-by-date calls are skipped in the index. */
    closesOn: text('closes_on'),
    /**
     * A random number drawn again whenever anything the feed shows of the item changes (its text,
     * its NGO's name), so a reader can keep the item's rendered form keyed by id and revision
     * (functions/lru-cache.ts) and know from the index alone whether it is still current.
     */
    revision: integer('revision').notNull().default(0),
  },
  (t) => [
    index('feed_items_source_idx').on(t.source, t.createdAt, t.itemId, t.kind, t.closesOn, t.revision),
    index('feed_items_item_idx').on(t.itemId),
  ],
);

// ——— NGO-provided profiles, media, email and impact reports ———

/**
 * What an NGO's managers add to its page beyond the registers (mission, links, logo…): the
 * current version, one row per NGO. `data` is the profile as JSON in the shape of the model's
 * profile schema, mission HTML rendered once on save; the export step writes it into content/.
 */
export const ngoProfiles = sqliteTable('ngo_profiles', {
  ngoId: text('ngo_id').primaryKey(),
  data: text('data').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

export const PROFILE_REVISION_ACTIONS = ['edit', 'revert'] as const;

/** Every saved version of a profile, with who and when: the history admins revert from. */
export const ngoProfileRevisions = sqliteTable(
  'ngo_profile_revisions',
  {
    id: text('id').primaryKey(),
    ngoId: text('ngo_id').notNull(),
    /** The whole profile as saved by this change (JSON, as ngo_profiles.data). */
    data: text('data').notNull(),
    action: text('action', { enum: PROFILE_REVISION_ACTIONS }).notNull(),
    /** For a revert: the revision whose data was restored. */
    revertedTo: text('reverted_to'),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    index('ngo_profile_revisions_ngo_idx').on(t.ngoId, t.createdAt),
    check('ngo_profile_revisions_action_check', sql`${t.action} in ('edit', 'revert')`),
  ],
);

/**
 * Uploaded images (logos, report photos), checked by content. The bytes live in R2 on
 * Cloudflare and under .data/ on the Node entry, at `key`, which is derived from the content's
 * SHA-256, so a stored object never changes and is served with an immutable cache.
 */
export const mediaObjects = sqliteTable(
  'media_objects',
  {
    key: text('key').primaryKey(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** The NGO it was uploaded for. */
    ngoId: text('ngo_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [index('media_objects_ngo_idx').on(t.ngoId)],
);

export const DIGEST_FREQUENCIES = ['weekly', 'off'] as const;
export const EMAIL_STATUSES = ['ok', 'failing'] as const;

/** A user's email address (at most one), its confirmation and what they want sent to it. */
export const emailAddresses = sqliteTable(
  'email_addresses',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** As entered, trimmed; compared lower-cased. */
    address: text('address').notNull(),
    /** Null until the link in the confirmation message is used. */
    confirmedAt: integer('confirmed_at', { mode: 'timestamp' }),
    digest: text('digest', { enum: DIGEST_FREQUENCIES }).notNull().default('weekly'),
    /** `failing` after repeated hard bounces (SMTP 5xx): nothing more is sent until it changes. */
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('ok'),
    hardBounces: integer('hard_bounces').notNull().default(0),
    /** Items newer than this go into the next digest (set at confirmation, then at each digest). */
    digestCursorAt: integer('digest_cursor_at', { mode: 'timestamp' }),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    index('email_addresses_due_idx').on(t.digest, t.status, t.confirmedAt),
    check('email_addresses_digest_check', sql`${t.digest} in ('weekly', 'off')`),
    check('email_addresses_status_check', sql`${t.status} in ('ok', 'failing')`),
  ],
);

/** Single-use confirmation tokens: only SHA-256 of the token is stored; valid 48 hours. */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The address this token confirms (a later change of address voids it). */
    address: text('address').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp' }),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.createdAt)],
);

/** Instant email for one followed NGO's news, volunteer calls and impact reports (opt-in per NGO). */
export const ngoInstantEmails = sqliteTable(
  'ngo_instant_emails',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ngoId: text('ngo_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ngoId] }), index('ngo_instant_emails_ngo_idx').on(t.ngoId)],
);

export const EMAIL_SEND_KINDS = ['confirmation', 'digest', 'instant'] as const;
export const EMAIL_SEND_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * One row per message that must go out at most once: the unique (kind, user, ref) key is the
 * idempotency (ref: the digest's week `2027-W11`, or the item id of an instant email), so a
 * retried or overlapping run finds the row and never sends twice.
 */
export const emailSends = sqliteTable(
  'email_sends',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: EMAIL_SEND_KINDS }).notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ref: text('ref').notNull(),
    status: text('status', { enum: EMAIL_SEND_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** While pending: not before this time (backoff after a failure; a claim by a running job). */
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp' }).notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp' }),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    uniqueIndex('email_sends_once_idx').on(t.kind, t.userId, t.ref),
    index('email_sends_due_idx').on(t.status, t.nextAttemptAt),
    check('email_sends_kind_check', sql`${t.kind} in ('confirmation', 'digest', 'instant')`),
    check('email_sends_status_check', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

/** What an NGO did with the money: published by its managers, shown to followers and pledgers. */
export const impactReports = sqliteTable(
  'impact_reports',
  {
    id: text('id').primaryKey(),
    ngoId: text('ngo_id').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Period covered, YYYY-MM-DD, inclusive. */
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    /** ISO 4217 currency of the amounts, or null when the report gives none. */
    currency: text('currency'),
    receivedMinor: integer('received_minor'),
    spentMinor: integer('spent_minor'),
    bodyMarkdown: text('body_markdown').notNull(),
    /** Sanitised rendering of bodyMarkdown; never user HTML. */
    bodyHtml: text('body_html').notNull(),
    /** A media_objects key, or null. */
    photoKey: text('photo_key'),
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [
    index('impact_reports_ngo_idx').on(t.ngoId, t.createdAt),
    index('impact_reports_created_idx').on(t.createdAt),
  ],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

// ——— NGOs that join Jumo ("Add your NGO") ———

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;

/**
 * An organisation proposed by a signed-in person for the directory, reviewed by a site admin.
 * On approval it gets its NGO id (`ngoId`), a row in ngo_directory and the proposer as manager;
 * the export step writes every approved one into content/ngos/joined.jsonl, so this row stays
 * the source of its page (the directory sync never overwrites or drops it).
 */
export const ngoProposals = sqliteTable(
  'ngo_proposals',
  {
    id: text('id').primaryKey(),
    /** The proposer; null once their account is deleted (an approved NGO stays). */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    city: text('city'),
    /** model/registers.ts code, or null for an organisation on no register. */
    register: text('register'),
    /** Normalised (model/registers.ts), or null with no register. */
    registrationNumber: text('registration_number'),
    website: text('website'),
    /** Lower-case host without "www.", for the duplicate and email checks. */
    websiteHost: text('website_host'),
    mission: text('mission').notNull(),
    /** Cause ids separated by spaces, most specific first. */
    causes: text('causes').notNull(),
    role: text('role').notNull(),
    /** Lower-cased. */
    workEmail: text('work_email').notNull(),
    /** SHA-256 (hex) of the confirmation link's token; null once used. */
    emailTokenHash: text('email_token_hash'),
    emailTokenExpiresAt: integer('email_token_expires_at', { mode: 'timestamp' }),
    /** When the proposer opened the link sent to the work email (proof they read that mailbox). */
    emailConfirmedAt: integer('email_confirmed_at', { mode: 'timestamp' }),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
    /** The NGO id given on approval: `<register>-<number>` or `XX-JUMO-…`. */
    ngoId: text('ngo_id'),
    /** The admin's reason, shown to the proposer, when rejected. */
    decisionReason: text('decision_reason'),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
    decidedAt: integer('decided_at', { mode: 'timestamp' }),
    decidedBy: text('decided_by'),
  },
  (t) => [
    index('ngo_proposals_status_idx').on(t.status, t.createdAt),
    index('ngo_proposals_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('ngo_proposals_ngo_idx').on(t.ngoId),
    uniqueIndex('ngo_proposals_token_idx').on(t.emailTokenHash),
    check('ngo_proposals_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check('ngo_proposals_approved_has_id', sql`(${t.status} = 'approved') = (${t.ngoId} is not null)`),
  ],
);

/**
 * Confirmation links sent for proposals in the last hour, by mailbox (`name+tag@host` counted as
 * `name@host`), whoever asked: the per-mailbox limit counts sends, first links and resends
 * alike. Rows older than an hour are deleted as new ones come, so no address stays long.
 */
export const proposalMails = sqliteTable(
  'proposal_mails',
  {
    mailbox: text('mailbox').notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [index('proposal_mails_mailbox_idx').on(t.mailbox, t.sentAt), index('proposal_mails_sent_idx').on(t.sentAt)],
);
