/** Cron: re-syncs the resume caches that went stale, oldest first, a bounded batch per run. */
import { and, asc, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { users } from "../../shared/schema";
import { getDb } from "../db";
import type { Env } from "../env";
import { syncResumes } from "../services/resume-sync";

/** A cache older than this is refreshed by the cron (which runs every 3 hours). */
export const RESUME_STALE_AFTER_MS = 6 * 3600_000;

/**
 * Users per cron run. An unchanged user costs one or two hh.ru requests (the list,
 * sometimes a token refresh), a changed one a few more; 20 keeps a typical run
 * within the 50 subrequests a free-plan invocation may make, and syncing one user
 * at a time keeps us far below hh.ru's ~10 requests/s. The oldest caches go first,
 * so a backlog drains over the next runs instead of overrunning this one.
 */
export const RESYNC_BATCH_SIZE = 20;

export async function resyncStaleResumes(env: Env, now = Date.now()) {
  const db = getDb(env.DB);
  const cutoff = new Date(now - RESUME_STALE_AFTER_MS);
  const due = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        isNull(users.hh_disconnected_at),
        isNotNull(users.hh_refresh_token),
        or(isNull(users.synced_at), lt(users.synced_at, cutoff)),
        // A user whose last attempt failed waits a full period too, so failing users
        // cannot take the whole batch on every run.
        or(isNull(users.sync_started_at), lt(users.sync_started_at, cutoff)),
      ),
    )
    .orderBy(asc(sql`coalesce(${users.synced_at}, 0)`), asc(users.id))
    .limit(RESYNC_BATCH_SIZE);

  for (const { id } of due) {
    try {
      await syncResumes(env, db, id, "cron");
    } catch (err) {
      // One user's bug must not stop the others; hh.ru failures are already recorded per user.
      console.error(`cron resume sync failed for user ${id}: ${err instanceof Error ? err.name : "unknown"}`);
    }
  }
  return due.length;
}
