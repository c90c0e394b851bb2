import { and, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { causeFollowerCounts, causeFollows, ngoFollowerCounts, ngoFollows } from './schema.ts';
import { readRow } from './read-statements.ts';
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
 * One statement (a consistent snapshot, and one prepare on the Node entry) for everything an
 * NGO page shows: the follower counter, the pledge totals and supporters counters (exact:
 * triggers keep them with every pledge written; see migration 0006), the newest public
 * standing pledges (five entries of pledges_ngo_public_recent_idx) and whether the viewer
 * follows. Reading counters instead of summing pledges keeps it flat with the NGO's size:
 * the five queries this replaces took ~35 ms for a popular NGO at benchmark size.
 */
const NGO_STATS_SQL = `SELECT
  (SELECT followers FROM ngo_follower_counts WHERE ngo_id = ?1),
  (SELECT json_group_array(json_array(currency, pledges, once_minor, monthly_minor) ORDER BY currency)
     FROM ngo_pledge_totals WHERE ngo_id = ?1 AND pledges > 0),
  (SELECT supporters FROM ngo_supporter_counts WHERE ngo_id = ?1),
  (SELECT json_group_array(json_array(u.name, r.amount_minor, r.currency, r.recurrence, r.created_at)
       ORDER BY r.created_at DESC, r.id DESC)
     FROM (SELECT id, user_id, amount_minor, currency, recurrence, created_at FROM pledges
           WHERE ngo_id = ?1 AND visibility = 'public' AND status <> 'cancelled'
           ORDER BY created_at DESC, id DESC LIMIT ${RECENT_PLEDGES}) AS r
     JOIN users AS u ON u.id = r.user_id),
  EXISTS (SELECT 1 FROM ngo_follows WHERE user_id = ?2 AND ngo_id = ?1)`;

/**
 * What an NGO page shows: followers, and pledges that still stand (active or fulfilled, not
 * cancelled) counted and summed per currency, one-off and monthly apart because they do not
 * add up.
 */
export async function getNgoStats(db: Database, ngoId: string, viewerId: string | null): Promise<NgoStats> {
  const row = await readRow(db, NGO_STATS_SQL, [ngoId, viewerId]);
  const [followers, totalsJson, supporters, recentJson, viewerFollows] = row ?? [];
  const totals = JSON.parse(String(totalsJson ?? '[]')) as [string, number, number, number][];
  const recent = JSON.parse(String(recentJson ?? '[]')) as [
    string,
    number,
    string,
    RecentPledge['recurrence'],
    number,
  ][];
  return {
    followers: Number(followers ?? 0),
    pledges: {
      count: totals.reduce((n, [, count]) => n + count, 0),
      totals: totals.map(([currency, , onceMinor, monthlyMinor]) => ({ currency, onceMinor, monthlyMinor })),
    },
    supporters: Number(supporters ?? 0),
    recent: recent.map(([name, amountMinor, currency, recurrence, createdAt]) => ({
      name: shortenName(name),
      amountMinor,
      currency,
      recurrence,
      createdAt: new Date(createdAt * 1000),
    })),
    viewerFollows: viewerId === null ? null : Number(viewerFollows) === 1,
  };
}
