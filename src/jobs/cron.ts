/** scheduled(): which job each cron expression of wrangler.toml runs. */
import { getDb } from "../db";
import type { Env } from "../env";
import { deleteExpired } from "../services/hh-cache";
import { requeueStuckApplications } from "./requeue-stuck";
import { resyncStaleResumes } from "./resync-resumes";

export const RESYNC_CRON = "0 */3 * * *";
/** Expired hh.ru copies are still handy for a day: the history fills in vacancy titles from them. */
const CACHE_GRACE_MS = 24 * 3600_000;

export async function runScheduled(cron: string, env: Env) {
  if (cron === RESYNC_CRON) {
    await resyncStaleResumes(env);
    await deleteExpired(getDb(env.DB), Date.now() - CACHE_GRACE_MS);
  } else {
    await requeueStuckApplications(env);
  }
}
