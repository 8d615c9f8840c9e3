/** Resume-sync test helpers: waiting for the sync a login starts, and the passing of time. */
import { env } from "cloudflare:workers";

export interface UserSyncRow {
  id: number;
  synced_at: number | null;
  sync_started_at: number | null;
  sync_claimed_at: number | null;
  sync_error: string | null;
  hh_disconnected_at: number | null;
}

export const userRow = (hhUserId: string) =>
  env.DB.prepare(
    "SELECT id, synced_at, sync_started_at, sync_claimed_at, sync_error, hh_disconnected_at FROM users WHERE hh_user_id = ?",
  )
    .bind(hhUserId)
    .first<UserSyncRow>();

/**
 * Waits (bounded) until a resume sync that started at or after `since` has
 * finished, well or not. A login starts one in the background (waitUntil);
 * `loginAs` waits for it so that no test races with its hh.ru requests.
 */
export async function resumeSyncFinished(hhUserId: string, since: number) {
  for (let i = 0; i < 250; i++) {
    const row = await userRow(hhUserId);
    if (row && !row.sync_claimed_at && (row.sync_started_at ?? 0) >= since) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the resume sync that ${hhUserId}'s login started did not finish`);
}

/** As if `ms` had passed since this user's last sync (the manual-sync throttle looks at the start). */
export async function timePasses(hhUserId: string, ms = 61_000) {
  await env.DB.prepare(
    "UPDATE users SET sync_started_at = sync_started_at - ?1, synced_at = synced_at - ?1 WHERE hh_user_id = ?2",
  )
    .bind(ms, hhUserId)
    .run();
}

/** Storage is per test file: start each test with no users and no cached resumes. */
export async function forgetAllUsers() {
  await env.DB.batch([env.DB.prepare("DELETE FROM resumes"), env.DB.prepare("DELETE FROM users")]);
}
