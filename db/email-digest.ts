import type { Database } from './client.ts';

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
 * One person's digest in one statement. News and volunteer calls come from feed_items (one
 * index range per followed NGO or cause, as the feed reads them, so the cost follows the
 * person's follows, not the site's posts); impact reports from the NGOs they follow, their
 * causes' NGOs and the NGOs they pledged to (pledges not cancelled), read from the week's reports.
 * ?1 user, ?2 / ?3 the window (after, up to), ?4 the most items to return.
 */
const DIGEST_SQL = `WITH sources(source) AS (
    SELECT ngo_id FROM ngo_follows WHERE user_id = ?1
    UNION SELECT cause FROM cause_follows WHERE user_id = ?1
  ),
  fresh AS (
    SELECT DISTINCT f.kind, f.item_id FROM sources AS s JOIN feed_items AS f ON f.source = s.source
    WHERE f.created_at > ?2 AND f.created_at <= ?3 AND f.kind IN ('post', 'opportunity')
  )
  SELECT fresh.kind, fresh.item_id AS id, coalesce(p.title, o.title) AS title, coalesce(p.ngo_id, o.ngo_id) AS ngo_id,
    coalesce(p.created_at, o.created_at) AS created_at, d.name, d.slug
  FROM fresh
  LEFT JOIN ngo_posts AS p ON fresh.kind = 'post' AND p.id = fresh.item_id AND p.hidden = 0
  LEFT JOIN volunteer_opportunities AS o ON fresh.kind = 'opportunity' AND o.id = fresh.item_id AND o.hidden = 0
  LEFT JOIN ngo_directory AS d ON d.id = coalesce(p.ngo_id, o.ngo_id)
  WHERE coalesce(p.id, o.id) IS NOT NULL
  UNION ALL
  SELECT 'report', r.id, r.title, r.ngo_id, r.created_at, d.name, d.slug
  FROM impact_reports AS r LEFT JOIN ngo_directory AS d ON d.id = r.ngo_id
  WHERE r.created_at > ?2 AND r.created_at <= ?3 AND r.hidden = 0 AND (
    r.ngo_id IN (SELECT ngo_id FROM ngo_follows WHERE user_id = ?1)
    OR r.ngo_id IN (SELECT ngo_id FROM pledges WHERE user_id = ?1 AND status <> 'cancelled')
    OR EXISTS (SELECT 1 FROM cause_follows AS c WHERE c.user_id = ?1 AND instr(d.causes, ' ' || c.cause || ' ') > 0)
  )
  ORDER BY created_at DESC, id DESC
  LIMIT ?4`;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function toItem(row: Record<string, unknown>): EmailItem {
  return {
    kind: row.kind as EmailItem['kind'],
    id: String(row.id),
    title: String(row.title),
    ngoId: String(row.ngo_id),
    ngoName: row.name === null || row.name === undefined ? String(row.ngo_id) : String(row.name),
    ngoSlug: row.slug === null || row.slug === undefined ? null : String(row.slug),
    createdAt: new Date(Number(row.created_at) * 1000),
  };
}

/** The person's new items in (after, upTo], newest first, at most `limit`. */
export async function listDigestItems(
  db: Database,
  userId: string,
  window: { after: Date; upTo: Date },
  limit: number,
): Promise<EmailItem[]> {
  const result = await db.$client.execute({
    sql: DIGEST_SQL,
    args: [userId, seconds(window.after), seconds(window.upTo), limit],
  });
  return result.rows.map((row) => toItem(row as unknown as Record<string, unknown>));
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
  return row ? toItem(row as unknown as Record<string, unknown>) : null;
}
