import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { causeFollowerCounts, ngoFollowerCounts } from './schema.ts';
import { readRow, toSqlSeconds } from './read-statements.ts';
import { writeRows } from './write-statements.ts';
import { shortenName, type RecentPledge } from './social.ts';

/** Whether the call changed anything: following twice or unfollowing a stranger is a no-op. */
export type FollowChange = { changed: boolean };

// Follows are the most frequent writes: plain SQL on statements prepared once (db/write-statements.ts).
const FOLLOW_NGO_SQL =
  'INSERT INTO ngo_follows (user_id, ngo_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING ngo_id';
const UNFOLLOW_NGO_SQL = 'DELETE FROM ngo_follows WHERE user_id = ? AND ngo_id = ? RETURNING ngo_id';
const FOLLOW_CAUSE_SQL =
  'INSERT INTO cause_follows (user_id, cause, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING cause';
const UNFOLLOW_CAUSE_SQL = 'DELETE FROM cause_follows WHERE user_id = ? AND cause = ? RETURNING cause';

export async function followNgo(db: Database, userId: string, ngoId: string, now: Date): Promise<FollowChange> {
  const rows = await writeRows(db, FOLLOW_NGO_SQL, [userId, ngoId, toSqlSeconds(now)]);
  return { changed: rows.length > 0 };
}

export async function unfollowNgo(db: Database, userId: string, ngoId: string): Promise<FollowChange> {
  const rows = await writeRows(db, UNFOLLOW_NGO_SQL, [userId, ngoId]);
  return { changed: rows.length > 0 };
}

export async function followCause(db: Database, userId: string, cause: string, now: Date): Promise<FollowChange> {
  const rows = await writeRows(db, FOLLOW_CAUSE_SQL, [userId, cause, toSqlSeconds(now)]);
  return { changed: rows.length > 0 };
}

export async function unfollowCause(db: Database, userId: string, cause: string): Promise<FollowChange> {
  const rows = await writeRows(db, UNFOLLOW_CAUSE_SQL, [userId, cause]);
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
