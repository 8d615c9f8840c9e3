/** scheduled(): which job each cron expression of wrangler.toml runs. */
import type { Env } from "../env";
import { requeueStuckApplications } from "./requeue-stuck";
import { resyncStaleResumes } from "./resync-resumes";

export const RESYNC_CRON = "0 */3 * * *";

export async function runScheduled(cron: string, env: Env) {
  if (cron === RESYNC_CRON) await resyncStaleResumes(env);
  else await requeueStuckApplications(env);
}
