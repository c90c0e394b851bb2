import { and, desc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Database } from './client.ts';
import { causeFollowerCounts, causeFollows, ngoFollows, pledges, userFriends, users } from './schema.ts';

/** What My Jumo lists: ids only (names live in the static site), newest first. */
export type UserFollows = {
  ngos: { id: string; followedAt: Date }[];
  causes: { id: string; followedAt: Date }[];
};

export async function listUserFollows(db: Database, userId: string): Promise<UserFollows> {
  const [ngos, causes] = await db.batch([
    db
      .select({ id: ngoFollows.ngoId, followedAt: ngoFollows.createdAt })
      .from(ngoFollows)
      .where(eq(ngoFollows.userId, userId))
      .orderBy(desc(ngoFollows.createdAt), ngoFollows.ngoId),
    db
      .select({ id: causeFollows.cause, followedAt: causeFollows.createdAt })
      .from(causeFollows)
      .where(eq(causeFollows.userId, userId))
      .orderBy(desc(causeFollows.createdAt), causeFollows.cause),
  ]);
  return { ngos, causes };
}

export type CauseStats = { followers: number; viewerFollows: boolean | null };

export async function getCauseStats(db: Database, cause: string, viewerId: string | null): Promise<CauseStats> {
  const [counter, viewer] = await db.batch([
    db
      .select({ followers: causeFollowerCounts.followers })
      .from(causeFollowerCounts)
      .where(eq(causeFollowerCounts.cause, cause)),
    db
      .select({ cause: causeFollows.cause })
      .from(causeFollows)
      .where(and(eq(causeFollows.userId, viewerId ?? ''), eq(causeFollows.cause, cause))),
  ]);
  return { followers: counter[0]?.followers ?? 0, viewerFollows: viewerId === null ? null : viewer.length > 0 };
}

/**
 * "Ada Lovelace" → "Ada L.": public lists never show more of a person than this. A single
 * name stays as it is; nothing else about the person (id, picture) leaves the server.
 */
export function shortenName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return 'Someone';
  const first = parts[0]!;
  const last = parts.length > 1 ? parts[parts.length - 1]! : '';
  return last ? `${first} ${[...last][0]!.toUpperCase()}.` : first;
}

export type RecentPledge = {
  name: string;
  amountMinor: number;
  currency: string;
  recurrence: 'once' | 'monthly';
  createdAt: Date;
};

/**
 * Store the user's Facebook friends who use Jumo (their app-scoped ids, as Graph returns
 * them), or forget them all when `friendFacebookIds` is null (permission not granted).
 * Friendship is mutual and this list is the freshest word on every pair involving the user,
 * so pairs are replaced in both directions, atomically.
 */
export async function replaceUserFriends(
  db: Database,
  userId: string,
  friendFacebookIds: readonly string[] | null,
  now: Date,
): Promise<{ friends: number }> {
  const friendIds =
    friendFacebookIds && friendFacebookIds.length > 0
      ? (
          await db
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.provider, 'facebook'), inArray(users.providerUserId, [...friendFacebookIds])))
        )
          .map((r) => r.id)
          .filter((id) => id !== userId)
      : [];
  const pairs = friendIds.flatMap((friendId) => [
    { userId, friendUserId: friendId },
    { userId: friendId, friendUserId: userId },
  ]);
  const clear = db.delete(userFriends).where(or(eq(userFriends.userId, userId), eq(userFriends.friendUserId, userId)));
  const mark = db
    .update(users)
    .set({ friendsSyncedAt: friendFacebookIds ? now : null })
    .where(eq(users.id, userId));
  if (pairs.length === 0) await db.batch([clear, mark]);
  else await db.batch([clear, db.insert(userFriends).values(pairs).onConflictDoNothing(), mark]);
  return { friends: friendIds.length };
}

export type FriendsFollowing = {
  /** Whether the viewer granted user_friends (otherwise the list is empty by necessity). */
  enabled: boolean;
  friends: { name: string; pictureUrl: string | null }[];
};

/** The viewer's Facebook friends on Jumo who follow the NGO. */
export async function listFriendsFollowingNgo(
  db: Database,
  viewerId: string,
  ngoId: string,
  limit: number,
): Promise<FriendsFollowing> {
  const [viewer, friends] = await db.batch([
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, viewerId), isNotNull(users.friendsSyncedAt))),
    db
      .select({ name: users.name, pictureUrl: users.pictureUrl })
      .from(userFriends)
      .innerJoin(ngoFollows, and(eq(ngoFollows.userId, userFriends.friendUserId), eq(ngoFollows.ngoId, ngoId)))
      .innerJoin(users, eq(users.id, userFriends.friendUserId))
      .where(eq(userFriends.userId, viewerId))
      .orderBy(users.name)
      .limit(limit),
  ]);
  return { enabled: viewer.length > 0, friends: viewer.length > 0 ? friends : [] };
}

/** Everything Jumo holds about a person, for GET /api/me/export. */
export async function exportUserData(db: Database, userId: string) {
  const [user, ngoRows, causeRows, pledgeRows, friendRows] = await db.batch([
    db.select().from(users).where(eq(users.id, userId)),
    db.select().from(ngoFollows).where(eq(ngoFollows.userId, userId)).orderBy(ngoFollows.createdAt),
    db.select().from(causeFollows).where(eq(causeFollows.userId, userId)).orderBy(causeFollows.createdAt),
    db.select().from(pledges).where(eq(pledges.userId, userId)).orderBy(pledges.createdAt),
    db
      .select({ name: users.name })
      .from(userFriends)
      .innerJoin(users, eq(users.id, userFriends.friendUserId))
      .where(eq(userFriends.userId, userId))
      .orderBy(users.name),
  ]);
  return {
    user: user[0] ?? null,
    ngoFollows: ngoRows,
    causeFollows: causeRows,
    pledges: pledgeRows,
    friends: friendRows,
  };
}
