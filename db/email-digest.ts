import type { Database } from './client.ts';
import { readRows, toSqlSeconds, type Row } from './read-statements.ts';

/** What a digest or an instant email lists: an item by title, with its NGO. */
export type EmailItem = {
  kind: 'post' | 'opportunity' | 'report';
  id: string;
  title: string;
  ngoId: string;
  ngoName: string;
  ngoSlug: string | null;
  createdAt: Date;
};

/**
 * One person's digest in one statement, over feed_items (kept by triggers, migrations 0006 and
 * 0009), as the feed reads it: one index range per source the person follows — each followed
 * NGO, each followed cause, and `pledged:<ngo>` for each standing pledge (impact reports only) —
 * so the cost follows the person's follows, not the site's posts. Closed-by-date volunteer
 * calls are left out; hidden items by the join. Only the newest `?4` are read in full; the
 * others are counted from the index (a digest lists a few and links to the feed for the rest:
 * reading every item cost 10 ms a person at benchmark size, the page and a count ~2 ms).
 * ?1 user, ?2 / ?3 the window (after, up to), ?4 the most items to list, ?5 today (YYYY-MM-DD).
 */
const DIGEST_SQL = `WITH sources(source) AS (
    SELECT ngo_id FROM ngo_follows WHERE user_id = ?1
    UNION SELECT cause FROM cause_follows WHERE user_id = ?1
    UNION SELECT 'pledged:' || ngo_id FROM pledges WHERE user_id = ?1 AND status <> 'cancelled'
  ),
  fresh AS MATERIALIZED (
    SELECT DISTINCT f.kind, f.item_id, f.created_at FROM sources AS s JOIN feed_items AS f ON f.source = s.source
    WHERE f.created_at > ?2 AND f.created_at <= ?3 AND (f.closes_on IS NULL OR f.closes_on >= ?5)
  ),
  page AS (SELECT * FROM fresh ORDER BY created_at DESC, item_id DESC LIMIT ?4)
  SELECT page.kind, page.item_id AS id, coalesce(p.title, o.title, r.title) AS title,
    coalesce(p.ngo_id, o.ngo_id, r.ngo_id) AS ngo_id, page.created_at, d.name, d.slug,
    (SELECT count(*) FROM fresh) AS total
  FROM page
  LEFT JOIN ngo_posts AS p ON page.kind = 'post' AND p.id = page.item_id AND p.hidden = 0
  LEFT JOIN volunteer_opportunities AS o ON page.kind = 'opportunity' AND o.id = page.item_id AND o.hidden = 0
  LEFT JOIN impact_reports AS r ON page.kind = 'report' AND r.id = page.item_id AND r.hidden = 0
  LEFT JOIN ngo_directory AS d ON d.id = coalesce(p.ngo_id, o.ngo_id, r.ngo_id)
  WHERE coalesce(p.id, o.id, r.id) IS NOT NULL
  ORDER BY page.created_at DESC, page.item_id DESC`;

function toItem(row: Row): EmailItem {
  const [kind, id, title, ngoId, createdAt, name, slug] = row as [
    EmailItem['kind'],
    string,
    string,
    string,
    number,
    string | null,
    string | null,
  ];
  return {
    kind,
    id: String(id),
    title: String(title),
    ngoId: String(ngoId),
    ngoName: name ?? String(ngoId),
    ngoSlug: slug ?? null,
    createdAt: new Date(Number(createdAt) * 1000),
  };
}

/** The person's newest items in (after, upTo], at most `limit`, and how many there are in all. */
export async function listDigestItems(
  db: Database,
  userId: string,
  window: { after: Date; upTo: Date },
  limit: number,
): Promise<{ items: EmailItem[]; total: number }> {
  // On the statements prepared once when the process has them (npm start, npm run digest):
  // through the client every call prepares the statement again, and its native memory grew by
  // ~26 KB a call (a 65,000-subscriber run peaked at 450 MB RSS).
  const rows = await readRows(db, DIGEST_SQL, [
    userId,
    toSqlSeconds(window.after),
    toSqlSeconds(window.upTo),
    limit,
    window.upTo.toISOString().slice(0, 10),
  ]);
  return { items: rows.map(toItem), total: rows.length === 0 ? 0 : Number(rows[0]![7]) };
}

/** The item an instant email is about (`post:<id>`, `opportunity:<id>`, `report:<id>`), if still visible. */
export async function getInstantItem(db: Database, ref: string): Promise<EmailItem | null> {
  const [kind, id] = ref.split(':');
  const table =
    kind === 'post'
      ? 'ngo_posts'
      : kind === 'opportunity'
        ? 'volunteer_opportunities'
        : kind === 'report'
          ? 'impact_reports'
          : null;
  if (!table || !id) return null;
  const result = await db.$client.execute({
    sql: `SELECT ?1 AS kind, t.id, t.title, t.ngo_id, t.created_at, d.name, d.slug FROM ${table} AS t
      LEFT JOIN ngo_directory AS d ON d.id = t.ngo_id WHERE t.id = ?2 AND t.hidden = 0`,
    args: [kind!, id],
  });
  const row = result.rows[0];
  return row ? toItem(Array.from(row)) : null;
}
