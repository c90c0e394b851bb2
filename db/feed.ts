import { and, desc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { causeFollows, ngoDirectory, ngoFollows, ngoPosts, volunteerOpportunities } from './schema.ts';
import type { Post } from './posts.ts';
import type { Opportunity } from './volunteering.ts';
import { toDay } from './volunteering.ts';

export type FeedCursor = { createdAt: Date; id: string };
export type FeedNgo = { id: string; name: string | null; slug: string | null };
export type FeedEntry =
  | { kind: 'post'; post: Post; ngo: FeedNgo; via: 'ngo' | 'cause' }
  | { kind: 'opportunity'; opportunity: Opportunity; ngo: FeedNgo; via: 'ngo' | 'cause' };

/**
 * News and volunteer calls from the NGOs the user follows and from NGOs in the causes they
 * follow, newest first, keyset-paginated on (createdAt, id): each table gives its next
 * `limit + 1` rows after the cursor, and the merge keeps the newest `limit`.
 */
export async function getFeed(
  db: Database,
  userId: string,
  before: FeedCursor | null,
  limit: number,
  now: Date,
): Promise<{ entries: FeedEntry[]; next: FeedCursor | null }> {
  const followsNgo = (ngoId: SQL.Aliased | typeof ngoPosts.ngoId | typeof volunteerOpportunities.ngoId) =>
    sql<number>`exists (select 1 from ${ngoFollows} where ${ngoFollows.userId} = ${userId} and ${ngoFollows.ngoId} = ${ngoId})`;
  const inFollowedCause = sql`exists (select 1 from ${causeFollows} where ${causeFollows.userId} = ${userId} and instr(${ngoDirectory.causes}, ' ' || ${causeFollows.cause} || ' ') > 0)`;
  const after = (table: typeof ngoPosts | typeof volunteerOpportunities) =>
    before
      ? or(lt(table.createdAt, before.createdAt), and(eq(table.createdAt, before.createdAt), lt(table.id, before.id)))
      : undefined;

  const [posts, opportunities] = await db.batch([
    db
      .select({ post: ngoPosts, name: ngoDirectory.name, slug: ngoDirectory.slug, direct: followsNgo(ngoPosts.ngoId) })
      .from(ngoPosts)
      .leftJoin(ngoDirectory, eq(ngoDirectory.id, ngoPosts.ngoId))
      .where(and(eq(ngoPosts.hidden, false), or(followsNgo(ngoPosts.ngoId), inFollowedCause), after(ngoPosts)))
      .orderBy(desc(ngoPosts.createdAt), desc(ngoPosts.id))
      .limit(limit + 1),
    db
      .select({
        opportunity: volunteerOpportunities,
        name: ngoDirectory.name,
        slug: ngoDirectory.slug,
        direct: followsNgo(volunteerOpportunities.ngoId),
      })
      .from(volunteerOpportunities)
      .leftJoin(ngoDirectory, eq(ngoDirectory.id, volunteerOpportunities.ngoId))
      .where(
        and(
          eq(volunteerOpportunities.hidden, false),
          eq(volunteerOpportunities.status, 'open'),
          or(isNull(volunteerOpportunities.closesOn), gte(volunteerOpportunities.closesOn, toDay(now))),
          or(followsNgo(volunteerOpportunities.ngoId), inFollowedCause),
          after(volunteerOpportunities),
        ),
      )
      .orderBy(desc(volunteerOpportunities.createdAt), desc(volunteerOpportunities.id))
      .limit(limit + 1),
  ]);
  const merged: (FeedEntry & { at: number; key: string })[] = [
    ...posts.map((r) => ({
      kind: 'post' as const,
      post: r.post,
      ngo: { id: r.post.ngoId, name: r.name, slug: r.slug },
      via: Number(r.direct) ? ('ngo' as const) : ('cause' as const),
      at: r.post.createdAt.getTime(),
      key: r.post.id,
    })),
    ...opportunities.map((r) => ({
      kind: 'opportunity' as const,
      opportunity: r.opportunity,
      ngo: { id: r.opportunity.ngoId, name: r.name, slug: r.slug },
      via: Number(r.direct) ? ('ngo' as const) : ('cause' as const),
      at: r.opportunity.createdAt.getTime(),
      key: r.opportunity.id,
    })),
  ].sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  const next = merged.length > limit && last ? { createdAt: new Date(last.at), id: last.key } : null;
  return { entries: page.map(({ at: _at, key: _key, ...entry }) => entry as FeedEntry), next };
}
