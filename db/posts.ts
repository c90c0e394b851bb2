import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { generateSecureRandomString } from './ids.ts';
import { ngoPosts } from './schema.ts';

export type Post = typeof ngoPosts.$inferSelect;
/** A post as readers see it (the feed): without the Markdown source. */
export type PostView = Omit<Post, 'bodyMarkdown'>;
export type PostContent = Pick<Post, 'title' | 'bodyMarkdown' | 'bodyHtml' | 'linkUrl' | 'imageUrl'>;

export async function createPost(
  db: Database,
  ngoId: string,
  authorId: string,
  content: PostContent,
  now: Date,
): Promise<Post> {
  const [post] = await db
    .insert(ngoPosts)
    .values({
      id: generateSecureRandomString(),
      ngoId,
      authorId,
      ...content,
      hidden: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return post!;
}

export async function getPost(db: Database, postId: string): Promise<Post | null> {
  const [post] = await db.select().from(ngoPosts).where(eq(ngoPosts.id, postId));
  return post ?? null;
}

export async function updatePost(db: Database, postId: string, content: PostContent, now: Date): Promise<Post | null> {
  const [post] = await db
    .update(ngoPosts)
    .set({ ...content, updatedAt: now })
    .where(eq(ngoPosts.id, postId))
    .returning();
  return post ?? null;
}

export async function deletePost(db: Database, postId: string): Promise<boolean> {
  const rows = await db.delete(ngoPosts).where(eq(ngoPosts.id, postId)).returning({ id: ngoPosts.id });
  return rows.length > 0;
}

/** Hiding bumps updatedAt, so the RSS feed's Last-Modified moves and caches revalidate. */
export async function setPostHidden(db: Database, postId: string, hidden: boolean, now: Date): Promise<boolean> {
  const rows = await db
    .update(ngoPosts)
    .set({ hidden, updatedAt: now })
    .where(eq(ngoPosts.id, postId))
    .returning({ id: ngoPosts.id });
  return rows.length > 0;
}

/** Visible posts of one NGO, newest first. */
export async function listNgoPosts(db: Database, ngoId: string, limit: number): Promise<Post[]> {
  return db
    .select()
    .from(ngoPosts)
    .where(and(eq(ngoPosts.ngoId, ngoId), eq(ngoPosts.hidden, false)))
    .orderBy(desc(ngoPosts.createdAt), desc(ngoPosts.id))
    .limit(limit);
}

/** Latest change to any of the NGO's posts, hidden ones included (hiding is a change). */
export async function getPostsLastModified(db: Database, ngoId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(ngoPosts.updatedAt) })
    .from(ngoPosts)
    .where(eq(ngoPosts.ngoId, ngoId));
  return row?.at ?? null;
}

export async function countNgoPosts(db: Database, ngoId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(ngoPosts)
    .where(eq(ngoPosts.ngoId, ngoId));
  return Number(row?.n ?? 0);
}
