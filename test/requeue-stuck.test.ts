/** The cron sweeper: applications a lost enqueue or a dead attempt left behind go back on the queue. */
import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import { applications, users, type ApplicationRow } from "../shared/schema";
import worker from "../src/index";
import { LOST_QUEUED_MS, MAX_REQUEUE_PER_RUN } from "../src/jobs/requeue-stuck";
import { STALE_CLAIM_MS } from "../src/services/send-application";
import { applicationRow, applyFor, captureApplyQueue, clearApplying, db, deliver, setApplication } from "./helpers/apply";
import { useSandbox } from "./helpers/hh";
import { loginApplicant } from "./helpers/resumes";

beforeEach(clearApplying);

async function sweep() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "*/10 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function someUser() {
  const [user] = await db
    .insert(users)
    .values({ hh_user_id: "sweeper-test" })
    .onConflictDoUpdate({ target: users.hh_user_id, set: { updated_at: new Date() } })
    .returning();
  return user!.id;
}

let vacancySeq = 1;
async function insertApplication(userId: number, set: Partial<ApplicationRow>) {
  const [row] = await db
    .insert(applications)
    .values({ user_id: userId, vacancy_id: String(80_000_000 + vacancySeq++), resume_id: "r1", cover_letter: "", ...set })
    .returning();
  return row!.id;
}

const ago = (ms: number) => new Date(Date.now() - ms);

describe("requeueStuckApplications", () => {
  it("re-enqueues queued applications whose message was lost and sending ones whose attempt died, nothing else", async () => {
    const queue = captureApplyQueue();
    const userId = await someUser();
    const old = ago(LOST_QUEUED_MS + 60_000);
    const lostQueued = await insertApplication(userId, { status: "queued", updated_at: old });
    await insertApplication(userId, { status: "queued", updated_at: ago(30_000) });
    const deadSending = await insertApplication(userId, { status: "sending", claimed_at: ago(STALE_CLAIM_MS + 60_000), updated_at: old });
    await insertApplication(userId, { status: "sending", claimed_at: ago(20_000), updated_at: old });
    await insertApplication(userId, { status: "success", hh_negotiation_id: "1", updated_at: old });
    await insertApplication(userId, { status: "failed", reason: "нет", updated_at: old });

    await sweep();
    expect(queue.messages.map((m) => m.application_id).sort()).toEqual([lostQueued, deadSending].sort());
    expect(queue.send).not.toHaveBeenCalled();
    // The dead attempt's claim is left for the consumer to take over.
    expect(await applicationRow(deadSending)).toMatchObject({ status: "sending" });
  });

  it("sends at most 100 messages per sendBatch call and a bounded number per run; the next run takes the rest", async () => {
    const queue = captureApplyQueue();
    const userId = await someUser();
    const total = MAX_REQUEUE_PER_RUN + 20;
    const old = ago(LOST_QUEUED_MS + 60_000);
    const inserts = Array.from({ length: total }, (_, i) =>
      db.insert(applications).values({ user_id: userId, vacancy_id: String(70_000_000 + i), resume_id: "r1", cover_letter: "", updated_at: old }),
    );
    await db.batch(inserts as [(typeof inserts)[number], ...typeof inserts]);

    await sweep();
    expect(queue.messages).toHaveLength(MAX_REQUEUE_PER_RUN);
    expect(Math.max(...queue.batchSizes)).toBeLessThanOrEqual(100);

    await sweep();
    expect(queue.messages).toHaveLength(total);
    expect(new Set(queue.messages.map((m) => m.application_id)).size).toBe(total);
  });

  it("when sending to the queue fails, the next run tries again", async () => {
    const queue = captureApplyQueue();
    vi.spyOn(console, "error").mockImplementation(() => {});
    queue.sendBatch.mockRejectedValueOnce(new Error("queue unavailable"));
    const userId = await someUser();
    const id = await insertApplication(userId, { status: "queued", updated_at: ago(LOST_QUEUED_MS + 60_000) });
    await sweep();
    expect(queue.messages).toEqual([]);
    await sweep();
    expect(queue.messages).toEqual([{ application_id: id }]);
  });

  it("an application whose enqueue failed at apply time is sent after the sweeper finds it", async () => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    queue.send.mockRejectedValueOnce(new Error("queue unavailable"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const user = await loginApplicant(sandbox, SANDBOX_USERS.anna.id, SANDBOX_USERS.anna.resumes.frontend);
    const application = await applyFor(user, SPECIAL_VACANCIES.normal);
    expect(queue.messages).toEqual([]);

    await sweep();
    expect(queue.messages).toEqual([]);
    await setApplication(application.id, { updated_at: ago(LOST_QUEUED_MS + 1000) });
    await sweep();
    expect(queue.messages).toEqual([{ application_id: application.id }]);

    await deliver(application.id);
    expect((await applicationRow(application.id)).status).toBe("success");
    expect((await (await sandbox.control("/negotiations")).json<unknown[]>()).length).toBe(1);
  });
});
