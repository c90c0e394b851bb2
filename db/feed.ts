import type { Database } from './client.ts';
import type { ImpactReport } from './impact-reports.ts';
import type { PostView } from './posts.ts';
import { readRows, toSqlSeconds, type Row } from './read-statements.ts';
import type { Opportunity } from './volunteering.ts';
import { toDay } from './volunteering.ts';

export type FeedCursor = { createdAt: Date; id: string };
export type FeedNgo = { id: string; name: string | null; slug: string | null };
/** An impact report as readers see it: without the Markdown source. */
export type ImpactReportView = Omit<ImpactReport, 'bodyMarkdown'>;
export type FeedEntry =
  | { kind: 'post'; post: PostView; ngo: FeedNgo; via: 'ngo' | 'cause' }
  | { kind: 'opportunity'; opportunity: Opportunity; ngo: FeedNgo; via: 'ngo' | 'cause' }
  | { kind: 'report'; report: ImpactReportView; ngo: FeedNgo; via: 'ngo' | 'pledge' | 'cause' };

/**
 * The feed in one statement, over feed_items (kept by triggers; see migration 0006). Every
 * source the user follows (an NGO, or a cause standing for its NGOs) is an index range of
 * feed_items_source_idx, newest first. The page is the newest `?3` entries of their union, so
 * it lies within T, the newest of the sources' `?3`-th newest entries: that source alone has
 * `?3` entries from T on. Each source is read from T on (a few index entries, never a table
 * row) and only the page's items are read in full. Impact reports are also indexed under
 * 'pledged:' || their NGO id, a source every user with a standing (not cancelled) pledge to the
 * NGO reads, so pledgers get its reports without following it. The work grows with the sources followed,
 * not with the posts: the scan in time order this replaces tested post after post against the
 * user's follows until it had a page (3.4 ms for a typical reader at benchmark size, the whole
 * table for someone whose follows rarely post); the per-source LIMIT before T cost ~2x more.
 * ?1 user id, ?2 today (YYYY-MM-DD), ?3 page size + 1, ?4 / ?5 the cursor's time and id.
 */
function buildFeedSql(withCursor: boolean): string {
  const eligible = (f: string) =>
    `(${f}closes_on IS NULL OR ${f}closes_on >= ?2)${withCursor ? ` AND (${f}created_at, ${f}item_id) < (?4, ?5)` : ''}`;
  return `WITH sources(source) AS (
    SELECT ngo_id FROM ngo_follows WHERE user_id = ?1
    UNION ALL SELECT cause FROM cause_follows WHERE user_id = ?1
    UNION ALL SELECT DISTINCT 'pledged:' || ngo_id FROM pledges WHERE user_id = ?1 AND status <> 'cancelled'
  ),
  floor(t) AS (
    SELECT coalesce(max((SELECT created_at FROM feed_items WHERE source = s.source AND ${eligible('')}
      ORDER BY created_at DESC, item_id DESC LIMIT 1 OFFSET ?3 - 1)), 0)
    FROM sources AS s
  ),
  page AS (
    SELECT DISTINCT f.item_id, f.kind, f.created_at
    FROM sources AS s JOIN feed_items AS f ON f.source = s.source
    WHERE f.created_at >= (SELECT t FROM floor) AND ${eligible('f.')}
    ORDER BY f.created_at DESC, f.item_id DESC LIMIT ?3
  )
  SELECT page.kind, page.item_id, page.created_at,
    CASE page.kind
      WHEN 'post' THEN json_array(p.ngo_id, p.author_id, p.title, p.link_url, p.image_url, p.hidden, p.updated_at,
        d.name, d.slug, EXISTS (SELECT 1 FROM ngo_follows WHERE user_id = ?1 AND ngo_id = p.ngo_id))
      WHEN 'opportunity' THEN json_array(o.ngo_id, o.author_id, o.title, o.place, o.remote, o.commitment, o.skills,
        o.closes_on, o.status, o.hidden, o.updated_at, d.name, d.slug,
        EXISTS (SELECT 1 FROM ngo_follows WHERE user_id = ?1 AND ngo_id = o.ngo_id))
      ELSE json_array(r.ngo_id, r.author_id, r.title, r.period_start, r.period_end, r.currency, r.received_minor,
        r.spent_minor, r.photo_key, r.hidden, r.updated_at, d.name, d.slug,
        EXISTS (SELECT 1 FROM ngo_follows WHERE user_id = ?1 AND ngo_id = r.ngo_id),
        EXISTS (SELECT 1 FROM pledges WHERE user_id = ?1 AND ngo_id = r.ngo_id AND status <> 'cancelled'))
    END,
    coalesce(p.body_html, o.description, r.body_html)
  FROM page
  LEFT JOIN ngo_posts AS p ON page.kind = 'post' AND p.id = page.item_id
  LEFT JOIN volunteer_opportunities AS o ON page.kind = 'opportunity' AND o.id = page.item_id
  LEFT JOIN impact_reports AS r ON page.kind = 'report' AND r.id = page.item_id
  LEFT JOIN ngo_directory AS d ON d.id = coalesce(p.ngo_id, o.ngo_id, r.ngo_id)`;
}

const FEED_SQL = buildFeedSql(false);
const FEED_AFTER_CURSOR_SQL = buildFeedSql(true);

const toDate = (seconds: number) => new Date(seconds * 1000);

type PostFields = [
  string,
  string | null,
  string,
  string | null,
  string | null,
  number,
  number,
  string | null,
  string | null,
  number,
];
type OpportunityFields = [
  string,
  string | null,
  string,
  string | null,
  number,
  string,
  string | null,
  string | null,
  Opportunity['status'],
  number,
  number,
  string | null,
  string | null,
  number,
];

type ReportFields = [
  string,
  string | null,
  string,
  string,
  string,
  string | null,
  number | null,
  number | null,
  string | null,
  number,
  number,
  string | null,
  string | null,
  number,
  number,
];

/**
 * A row is the item's kind, id and time, its short fields as one JSON array and its long text
 * (a post's HTML, a call's description) as a plain column: the native driver spends ~1,500 instructions turning each column value
 * into JS, so packing the dozen short fields into one string took a quarter off the statement.
 */
function toEntry([kind, id, createdAt, fields, text]: Row): FeedEntry {
  if (kind === 'post') {
    const [ngoId, authorId, title, linkUrl, imageUrl, hidden, updatedAt, name, slug, direct] = JSON.parse(
      fields as string,
    ) as PostFields;
    const post: PostView = {
      id: id as string,
      ngoId,
      authorId,
      title,
      bodyHtml: text as string,
      linkUrl,
      imageUrl,
      hidden: hidden === 1,
      createdAt: toDate(createdAt as number),
      updatedAt: toDate(updatedAt),
    };
    return { kind: 'post', post, ngo: { id: ngoId, name, slug }, via: direct === 1 ? 'ngo' : 'cause' };
  }
  if (kind === 'report') return toReportEntry(id as string, createdAt as number, fields as string, text as string);
  const [
    ngoId,
    authorId,
    title,
    place,
    remote,
    commitment,
    skills,
    closesOn,
    status,
    hidden,
    updatedAt,
    name,
    slug,
    direct,
  ] = JSON.parse(fields as string) as OpportunityFields;
  const opportunity: Opportunity = {
    id: id as string,
    ngoId,
    authorId,
    title,
    description: text as string,
    place,
    remote: remote === 1,
    commitment,
    skills,
    closesOn,
    status,
    hidden: hidden === 1,
    createdAt: toDate(createdAt as number),
    updatedAt: toDate(updatedAt),
  };
  return { kind: 'opportunity', opportunity, ngo: { id: ngoId, name, slug }, via: direct === 1 ? 'ngo' : 'cause' };
}

function toReportEntry(id: string, createdAt: number, fields: string, bodyHtml: string): FeedEntry {
  const [
    ngoId,
    authorId,
    title,
    periodStart,
    periodEnd,
    currency,
    receivedMinor,
    spentMinor,
    photoKey,
    hidden,
    updatedAt,
    name,
    slug,
    follows,
    pledged,
  ] = JSON.parse(fields) as ReportFields;
  const report: ImpactReportView = {
    id,
    ngoId,
    authorId,
    title,
    periodStart,
    periodEnd,
    currency,
    receivedMinor,
    spentMinor,
    bodyHtml,
    photoKey,
    hidden: hidden === 1,
    createdAt: toDate(createdAt),
    updatedAt: toDate(updatedAt),
  };
  // Following says more than pledging (it was asked for), pledging more than a cause.
  const via = follows === 1 ? 'ngo' : pledged === 1 ? 'pledge' : 'cause';
  return { kind: 'report', report, ngo: { id: ngoId, name, slug }, via };
}

/** By time, newest first, then by id, largest first: the order the cursor pages through. */
function compareNewestFirst(a: Row, b: Row): number {
  const [, idA, timeA] = a as [unknown, string, number];
  const [, idB, timeB] = b as [unknown, string, number];
  return timeB - timeA || (idA < idB ? 1 : idA > idB ? -1 : 0);
}

/**
 * News, volunteer calls and impact reports from the NGOs the user follows and from NGOs in the
 * causes they follow, and impact reports of the NGOs they pledged to, newest first, keyset-paginated on (createdAt, id): the newest `limit` after the
 * cursor, and the cursor of the last one when more follow.
 */
export async function getFeed(
  db: Database,
  userId: string,
  before: FeedCursor | null,
  limit: number,
  now: Date,
): Promise<{ entries: FeedEntry[]; next: FeedCursor | null }> {
  const rows = before
    ? await readRows(db, FEED_AFTER_CURSOR_SQL, [
        userId,
        toDay(now),
        limit + 1,
        toSqlSeconds(before.createdAt),
        before.id,
      ])
    : await readRows(db, FEED_SQL, [userId, toDay(now), limit + 1]);
  // The page's order, restored here: an ORDER BY on the joined rows made SQLite copy every body
  // through a sorter (7% of the statement); sorting 21 short rows in JS is nothing.
  rows.sort(compareNewestFirst);
  const entries = rows.slice(0, limit).map(toEntry);
  const last = entries.at(-1);
  const lastItem =
    last && (last.kind === 'post' ? last.post : last.kind === 'opportunity' ? last.opportunity : last.report);
  const next = rows.length > limit && lastItem ? { createdAt: lastItem.createdAt, id: lastItem.id } : null;
  return { entries, next };
}
