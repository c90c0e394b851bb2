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

/** One item on a feed page: what the index says of it, and why this reader sees it. */
export type FeedRef = {
  kind: FeedEntry['kind'];
  id: string;
  createdAt: Date;
  /** Changes whenever what the feed shows of the item changes (migration 0010). */
  revision: number;
  via: FeedEntry['via'];
};

/** How a reader reaches an item, strongest first: following its NGO, pledging to it, a cause. */
const VIA_BY_RANK = { 3: 'ngo', 2: 'pledge', 1: 'cause' } as const;

/**
 * A feed page from the index alone, over feed_items (kept by triggers; see migration 0006). Every
 * source the user follows (an NGO, or a cause standing for its NGOs) is an index range of
 * feed_items_source_idx, newest first. The page is the newest `?3` entries of their union, so
 * it lies within T, the newest of the sources' `?3`-th newest entries: that source alone has
 * `?3` entries from T on. Each source is read from T on (a few index entries, never a table
 * row). Impact reports are also indexed under 'pledged:' || their NGO id, a source every user
 * with a standing (not cancelled) pledge to the NGO reads, so pledgers get its reports without
 * following it. The work grows with the sources followed, not with the posts: the scan in time
 * order this replaces tested post after post against the user's follows until it had a page.
 * The items themselves are read apart (FEED_ITEMS_SQL), and only those a reader has not kept
 * (functions/lru-cache.ts): reading them with the page cost as much again as the page.
 * ?1 user id, ?2 today (YYYY-MM-DD), ?3 page size + 1, ?4 / ?5 the cursor's time and id.
 */
function buildFeedPageSql(withCursor: boolean): string {
  const eligible = (f: string) =>
    `(${f}closes_on IS NULL OR ${f}closes_on >= ?2)${withCursor ? ` AND (${f}created_at, ${f}item_id) < (?4, ?5)` : ''}`;
  return `WITH sources(source, rank) AS (
    SELECT ngo_id, 3 FROM ngo_follows WHERE user_id = ?1
    UNION ALL SELECT cause, 1 FROM cause_follows WHERE user_id = ?1
    UNION ALL SELECT DISTINCT 'pledged:' || ngo_id, 2 FROM pledges WHERE user_id = ?1 AND status <> 'cancelled'
  ),
  floor(t) AS (
    SELECT coalesce(max((SELECT created_at FROM feed_items WHERE source = s.source AND ${eligible('')}
      ORDER BY created_at DESC, item_id DESC LIMIT 1 OFFSET ?3 - 1)), 0)
    FROM sources AS s
  )
  SELECT f.kind, f.item_id, f.created_at, max(f.revision), max(s.rank)
  FROM sources AS s JOIN feed_items AS f ON f.source = s.source
  WHERE f.created_at >= (SELECT t FROM floor) AND ${eligible('f.')}
  GROUP BY f.created_at, f.item_id, f.kind
  ORDER BY f.created_at DESC, f.item_id DESC LIMIT ?3`;
}

const FEED_PAGE_SQL = buildFeedPageSql(false);
const FEED_PAGE_AFTER_CURSOR_SQL = buildFeedPageSql(true);

/** The items of a page, ?1 a JSON array of [kind, id] pairs. */
const FEED_ITEMS_SQL = `WITH page(kind, item_id) AS (SELECT value ->> 0, value ->> 1 FROM json_each(?1))
  SELECT page.kind, page.item_id,
    CASE page.kind
      WHEN 'post' THEN json_array(p.ngo_id, p.author_id, p.title, p.link_url, p.image_url, p.hidden, p.created_at,
        p.updated_at, d.name, d.slug)
      WHEN 'opportunity' THEN json_array(o.ngo_id, o.author_id, o.title, o.place, o.remote, o.commitment, o.skills,
        o.closes_on, o.status, o.hidden, o.created_at, o.updated_at, d.name, d.slug)
      ELSE json_array(r.ngo_id, r.author_id, r.title, r.period_start, r.period_end, r.currency, r.received_minor,
        r.spent_minor, r.photo_key, r.hidden, r.created_at, r.updated_at, d.name, d.slug)
    END,
    coalesce(p.body_html, o.description, r.body_html)
  FROM page
  LEFT JOIN ngo_posts AS p ON page.kind = 'post' AND p.id = page.item_id
  LEFT JOIN volunteer_opportunities AS o ON page.kind = 'opportunity' AND o.id = page.item_id
  LEFT JOIN impact_reports AS r ON page.kind = 'report' AND r.id = page.item_id
  LEFT JOIN ngo_directory AS d ON d.id = coalesce(p.ngo_id, o.ngo_id, r.ngo_id)
  WHERE coalesce(p.id, o.id, r.id) IS NOT NULL`;

const toDate = (seconds: number) => new Date(seconds * 1000);

type PostFields = [
  ngoId: string,
  authorId: string | null,
  title: string,
  linkUrl: string | null,
  imageUrl: string | null,
  hidden: number,
  createdAt: number,
  updatedAt: number,
  name: string | null,
  slug: string | null,
];
type OpportunityFields = [
  ngoId: string,
  authorId: string | null,
  title: string,
  place: string | null,
  remote: number,
  commitment: string,
  skills: string | null,
  closesOn: string | null,
  status: Opportunity['status'],
  hidden: number,
  createdAt: number,
  updatedAt: number,
  name: string | null,
  slug: string | null,
];
type ReportFields = [
  ngoId: string,
  authorId: string | null,
  title: string,
  periodStart: string,
  periodEnd: string,
  currency: string | null,
  receivedMinor: number | null,
  spentMinor: number | null,
  photoKey: string | null,
  hidden: number,
  createdAt: number,
  updatedAt: number,
  name: string | null,
  slug: string | null,
];

/**
 * A row is the item's kind and id, its short fields as one JSON array and its long text (a
 * post's HTML, a call's description) as a plain column: the native driver spends ~1,500
 * instructions turning each column value into JS, so packing the dozen short fields into one
 * string took a quarter off the statement.
 */
function toEntry([kind, id, fields, text]: Row, via: FeedEntry['via']): FeedEntry {
  if (kind === 'post') {
    const [ngoId, authorId, title, linkUrl, imageUrl, hidden, createdAt, updatedAt, name, slug] = JSON.parse(
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
      createdAt: toDate(createdAt),
      updatedAt: toDate(updatedAt),
    };
    return { kind: 'post', post, ngo: { id: ngoId, name, slug }, via: via === 'ngo' ? 'ngo' : 'cause' };
  }
  if (kind === 'report') return toReportEntry(id as string, fields as string, text as string, via);
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
    createdAt,
    updatedAt,
    name,
    slug,
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
    createdAt: toDate(createdAt),
    updatedAt: toDate(updatedAt),
  };
  const ngo = { id: ngoId, name, slug };
  return { kind: 'opportunity', opportunity, ngo, via: via === 'ngo' ? 'ngo' : 'cause' };
}

function toReportEntry(id: string, fields: string, bodyHtml: string, via: FeedEntry['via']): FeedEntry {
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
    createdAt,
    updatedAt,
    name,
    slug,
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
  return { kind: 'report', report, ngo: { id: ngoId, name, slug }, via };
}

/**
 * The page of the feed after `before` (or the first): news, volunteer calls and impact reports
 * from the NGOs the user follows and from NGOs in the causes they follow, and impact reports of
 * the NGOs they pledged to, newest first, keyset-paginated on (createdAt, id): the newest `limit`
 * after the cursor, and the cursor of the last one when more follow.
 */
export async function getFeedPage(
  db: Database,
  userId: string,
  before: FeedCursor | null,
  limit: number,
  now: Date,
): Promise<{ refs: FeedRef[]; next: FeedCursor | null }> {
  const rows = before
    ? await readRows(db, FEED_PAGE_AFTER_CURSOR_SQL, [
        userId,
        toDay(now),
        limit + 1,
        toSqlSeconds(before.createdAt),
        before.id,
      ])
    : await readRows(db, FEED_PAGE_SQL, [userId, toDay(now), limit + 1]);
  const refs = rows.slice(0, limit).map(([kind, id, createdAt, revision, rank]): FeedRef => ({
    kind: kind as FeedRef['kind'],
    id: id as string,
    createdAt: toDate(createdAt as number),
    revision: revision as number,
    via: VIA_BY_RANK[rank as keyof typeof VIA_BY_RANK],
  }));
  const last = refs.at(-1);
  return { refs, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** The items `refs` name, in their order; an item deleted since its page was read is left out. */
export async function readFeedEntries(db: Database, refs: readonly FeedRef[]): Promise<FeedEntry[]> {
  if (refs.length === 0) return [];
  const rows = await readRows(db, FEED_ITEMS_SQL, [JSON.stringify(refs.map((r) => [r.kind, r.id]))]);
  const byKey = new Map(rows.map((row) => [`${row[0] as string}:${row[1] as string}`, row]));
  return refs.flatMap((ref) => {
    const row = byKey.get(`${ref.kind}:${ref.id}`);
    return row ? [toEntry(row, ref.via)] : [];
  });
}

/** A whole feed page with its items (getFeedPage, then readFeedEntries). */
export async function getFeed(
  db: Database,
  userId: string,
  before: FeedCursor | null,
  limit: number,
  now: Date,
): Promise<{ entries: FeedEntry[]; next: FeedCursor | null }> {
  const { refs, next } = await getFeedPage(db, userId, before, limit, now);
  return { entries: await readFeedEntries(db, refs), next };
}
