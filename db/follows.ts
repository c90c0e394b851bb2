import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { causeFollowerCounts, causeFollows, ngoFollowerCounts, ngoFollows, pledges, users } from './schema.ts';
import { shortenName, type RecentPledge } from './social.ts';

/** Whether the call changed anything: following twice or unfollowing a stranger is a no-op. */
export type FollowChange = { changed: boolean };

export async function followNgo(db: Database, userId: string, ngoId: string, now: Date): Promise<FollowChange> {
  const rows = await db
    .insert(ngoFollows)
    .values({ userId, ngoId, createdAt: now })
    .onConflictDoNothing()
    .returning({ ngoId: ngoFollows.ngoId });
  return { changed: rows.length > 0 };
}

export async function unfollowNgo(db: Database, userId: string, ngoId: string): Promise<FollowChange> {
  const rows = await db
    .delete(ngoFollows)
    .where(and(eq(ngoFollows.userId, userId), eq(ngoFollows.ngoId, ngoId)))
    .returning({ ngoId: ngoFollows.ngoId });
  return { changed: rows.length > 0 };
}

export async function followCause(db: Database, userId: string, cause: string, now: Date): Promise<FollowChange> {
  const rows = await db
    .insert(causeFollows)
    .values({ userId, cause, createdAt: now })
    .onConflictDoNothing()
    .returning({ cause: causeFollows.cause });
  return { changed: rows.length > 0 };
}

export async function unfollowCause(db: Database, userId: string, cause: string): Promise<FollowChange> {
  const rows = await db
    .delete(causeFollows)
    .where(and(eq(causeFollows.userId, userId), eq(causeFollows.cause, cause)))
    .returning({ cause: causeFollows.cause });
  return { changed: rows.length > 0 };
}

export async function countNgoFollowers(db: Database, ngoId: string): Promise<number> {
  const [row] = await db
    .select({ followers: ngoFollowerCounts.followers })
    .from(ngoFollowerCounts)
    .where(eq(ngoFollowerCounts.ngoId, ngoId));
  return row?.followers ?? 0;
}

export async function countCauseFollowers(db: Database, cause: string): Promise<number> {
  const [row] = await db
    .select({ followers: causeFollowerCounts.followers })
    .from(causeFollowerCounts)
    .where(eq(causeFollowerCounts.cause, cause));
  return row?.followers ?? 0;
}

const RECENT_PLEDGES = 5;

export type PledgeTotal = { currency: string; onceMinor: number; monthlyMinor: number };

export type NgoStats = {
  followers: number;
  pledges: { count: number; totals: PledgeTotal[] };
  /** Distinct people with a standing pledge (anonymous ones included, never named). */
  supporters: number;
  /** The newest public standing pledges, the person shown as "First L." only. */
  recent: RecentPledge[];
  /** null when nobody is signed in. */
  viewerFollows: boolean | null;
};

/**
 * What an NGO page shows: followers (the exact counter), and pledges that still stand
 * (active or fulfilled, not cancelled) counted and summed per currency, one-off and monthly
 * apart because they do not add up.
 */
export async function getNgoStats(db: Database, ngoId: string, viewerId: string | null): Promise<NgoStats> {
  const [counter, totals, viewer, supporters, recent] = await db.batch([
    db
      .select({ followers: ngoFollowerCounts.followers })
      .from(ngoFollowerCounts)
      .where(eq(ngoFollowerCounts.ngoId, ngoId)),
    db
      .select({
        currency: pledges.currency,
        count: sql<number>`count(*)`,
        onceMinor: sql<number>`coalesce(sum(case when ${pledges.recurrence} = 'once' then ${pledges.amountMinor} end), 0)`,
        monthlyMinor: sql<number>`coalesce(sum(case when ${pledges.recurrence} = 'monthly' then ${pledges.amountMinor} end), 0)`,
      })
      .from(pledges)
      .where(and(eq(pledges.ngoId, ngoId), ne(pledges.status, 'cancelled')))
      .groupBy(pledges.currency)
      .orderBy(pledges.currency),
    db
      .select({ ngoId: ngoFollows.ngoId })
      .from(ngoFollows)
      .where(and(eq(ngoFollows.userId, viewerId ?? ''), eq(ngoFollows.ngoId, ngoId))),
    db
      .select({ n: sql<number>`count(distinct ${pledges.userId})` })
      .from(pledges)
      .where(and(eq(pledges.ngoId, ngoId), ne(pledges.status, 'cancelled'))),
    db
      .select({
        name: users.name,
        amountMinor: pledges.amountMinor,
        currency: pledges.currency,
        recurrence: pledges.recurrence,
        createdAt: pledges.createdAt,
      })
      .from(pledges)
      .innerJoin(users, eq(users.id, pledges.userId))
      .where(and(eq(pledges.ngoId, ngoId), eq(pledges.visibility, 'public'), ne(pledges.status, 'cancelled')))
      .orderBy(desc(pledges.createdAt), desc(pledges.id))
      .limit(RECENT_PLEDGES),
  ]);
  return {
    followers: counter[0]?.followers ?? 0,
    pledges: {
      count: totals.reduce((n, t) => n + Number(t.count), 0),
      totals: totals.map((t) => ({
        currency: t.currency,
        onceMinor: Number(t.onceMinor),
        monthlyMinor: Number(t.monthlyMinor),
      })),
    },
    supporters: Number(supporters[0]?.n ?? 0),
    recent: recent.map((r) => ({ ...r, name: shortenName(r.name) })),
    viewerFollows: viewerId === null ? null : viewer.length > 0,
  };
}
