/**
 * Cron sweeper: applications an enqueue or an attempt left behind go back on
 * APPLY_QUEUE — `queued` ones whose message was lost, and `sending` ones whose
 * attempt died (a stale claim). Duplicate messages are harmless: the consumer
 * claims before it sends.
 */
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { applications } from "../../shared/schema";
import { getDb, type Db } from "../db";
import type { Env } from "../env";
import { STALE_CLAIM_MS } from "../services/send-application";

/** A `queued` application waits at most a minute for its delayed retry; older means its message is gone. */
export const LOST_QUEUED_MS = 5 * 60_000;
/** Bounds one run; the next run, 10 minutes later, takes the rest. */
export const MAX_REQUEUE_PER_RUN = 500;
/** Queue.sendBatch takes at most 100 messages per call. */
const SEND_BATCH = 100;

export async function requeueStuckApplications(env: Env, now = Date.now()) {
  const db = getDb(env.DB);
  const lost = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.status, "queued"), lt(applications.updated_at, new Date(now - LOST_QUEUED_MS))))
    .orderBy(asc(applications.updated_at))
    .limit(MAX_REQUEUE_PER_RUN);
  const dead = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.status, "sending"), lt(applications.claimed_at, new Date(now - STALE_CLAIM_MS))))
    .orderBy(asc(applications.claimed_at))
    .limit(MAX_REQUEUE_PER_RUN - lost.length);
  const ids = [...lost, ...dead].map((r) => r.id);
  let sent = 0;
  for (let i = 0; i < ids.length; i += SEND_BATCH) {
    const chunk = ids.slice(i, i + SEND_BATCH);
    try {
      await env.APPLY_QUEUE.sendBatch(chunk.map((id) => ({ body: { application_id: id } })));
    } catch (err) {
      console.error(`requeue of stuck applications failed: ${err instanceof Error ? err.message : err}`);
      break;
    }
    await markRequeued(db, chunk, now);
    sent += chunk.length;
  }
  if (ids.length) console.log(`requeued ${sent} of ${ids.length} stuck applications`);
  return { requeued: sent };
}

/** Restarts the "lost" clock of the queued ones, so a slow queue is not flooded with copies every run. */
async function markRequeued(db: Db, ids: number[], now: number) {
  // ≤ 100 bound parameters per D1 query: the ids plus the status.
  for (let i = 0; i < ids.length; i += 90) {
    await db
      .update(applications)
      .set({ updated_at: new Date(now) })
      .where(and(inArray(applications.id, ids.slice(i, i + 90)), eq(applications.status, "queued")));
  }
}
