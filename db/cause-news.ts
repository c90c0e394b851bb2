import type { Database } from './client.ts';
import { readRows } from './read-statements.ts';

/** A news post as a cause's RSS feed shows it, with the name and page of the NGO that posted it. */
export type CausePost = {
  id: string;
  ngoId: string;
  ngoName: string;
  ngoSlug: string;
  title: string;
  bodyHtml: string;
  linkUrl: string | null;
  imageUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The newest visible posts of the NGOs in a cause, from the feed index: feed_items already holds
 * every visible post once per cause of its NGO (source = the cause id, kept by the triggers of
 * migration 0006), so this reads one index range instead of every post of the cause's NGOs.
 * `hidden = 0` again because the index is the triggers' word; a hidden post must never leak.
 * ?1 cause id, ?2 limit.
 */
const CAUSE_POSTS_SQL = `SELECT p.id, p.ngo_id, d.name, d.slug, p.title, p.body_html, p.link_url, p.image_url,
    p.created_at, p.updated_at
  FROM feed_items AS f
  JOIN ngo_posts AS p ON p.id = f.item_id
  JOIN ngo_directory AS d ON d.id = p.ngo_id
  WHERE f.source = ?1 AND f.kind = 'post' AND p.hidden = 0
  ORDER BY f.created_at DESC, f.item_id DESC
  LIMIT ?2`;

export async function listCausePosts(db: Database, cause: string, limit: number): Promise<CausePost[]> {
  const rows = await readRows(db, CAUSE_POSTS_SQL, [cause, limit]);
  return rows.map((row) => {
    const [id, ngoId, ngoName, ngoSlug, title, bodyHtml, linkUrl, imageUrl, createdAt, updatedAt] = row as [
      string,
      string,
      string,
      string,
      string,
      string,
      string | null,
      string | null,
      number,
      number,
    ];
    return {
      id,
      ngoId,
      ngoName,
      ngoSlug,
      title,
      bodyHtml,
      linkUrl,
      imageUrl,
      createdAt: new Date(createdAt * 1000),
      updatedAt: new Date(updatedAt * 1000),
    };
  });
}
