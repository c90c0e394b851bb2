import type { Session, User } from '../../db/schema.ts';

/**
 * A short-lived in-process copy of validated sessions, so `/api/me` and other authenticated
 * reads skip the database on the Node entry. Only sound where one process owns the database
 * (the embedded default's local file): every change to sessions or users then passes through
 * this process and invalidates the copy. The Worker never uses it — isolates do not see each
 * other's logouts. The TTL bounds staleness should some future write path forget to invalidate.
 */
export type SessionCache = {
  get: (sessionId: string, nowMs: number) => { session: Session; user: User } | undefined;
  set: (sessionId: string, entry: { session: Session; user: User }, nowMs: number) => void;
  delete: (sessionId: string) => void;
  /** After a user changes (new name, deletion): drop all their sessions. */
  deleteUser: (userId: string) => void;
};

export function createSessionCache(options: { ttlMs: number; maxEntries: number }): SessionCache {
  const entries = new Map<string, { session: Session; user: User; cachedAtMs: number }>();
  return {
    get(sessionId, nowMs) {
      const entry = entries.get(sessionId);
      if (!entry) return undefined;
      if (nowMs - entry.cachedAtMs >= options.ttlMs || nowMs < entry.cachedAtMs) {
        entries.delete(sessionId);
        return undefined;
      }
      return { session: entry.session, user: entry.user };
    },
    set(sessionId, entry, nowMs) {
      entries.delete(sessionId);
      // Maps iterate in insertion order: the first key is the oldest entry.
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(sessionId, { ...entry, cachedAtMs: nowMs });
    },
    delete(sessionId) {
      entries.delete(sessionId);
    },
    deleteUser(userId) {
      for (const [id, entry] of entries) if (entry.user.id === userId) entries.delete(id);
    },
  };
}
