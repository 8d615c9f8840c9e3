import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_USERS } from "../sandbox/seed";
import worker from "../src/index";
import { RESYNC_CRON } from "../src/jobs/cron";
import { RESUME_STALE_AFTER_MS } from "../src/jobs/resync-resumes";
import { useSandbox, type Sandbox } from "./helpers/hh";
import { loginAs } from "./helpers/app";
import { forgetAllUsers, userRow } from "./helpers/resume-sync";

const { anna, ivan, bench, olga } = SANDBOX_USERS;
const HOUR = 3600_000;

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: RESYNC_CRON, scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Moves a user's last sync (and its start) `ago` into the past. */
async function lastSyncedAgo(hhUserId: string, ago: number, startedAgo = ago) {
  await env.DB.prepare("UPDATE users SET synced_at = ?, sync_started_at = ? WHERE hh_user_id = ?")
    .bind(Date.now() - ago, Date.now() - startedAgo, hhUserId)
    .run();
}

/** hh.ru users whose resume list hh.ru served (refused requests carry no user). */
const listedFor = (sandbox: Sandbox) =>
  sandbox.state.requests.filter((r) => r.path === "/resumes/mine" && r.user_id).map((r) => r.user_id);

beforeEach(forgetAllUsers);

describe("cron: re-sync of stale resume caches", () => {
  it("re-syncs only stale, connected users, refreshing an expired token on the way", async () => {
    const sandbox = useSandbox();
    await loginAs(sandbox, anna.id);
    await loginAs(sandbox, ivan.id);
    await loginAs(sandbox, olga.id);
    await lastSyncedAgo(ivan.id, RESUME_STALE_AFTER_MS + HOUR);
    await lastSyncedAgo(olga.id, RESUME_STALE_AFTER_MS + HOUR);
    await env.DB.prepare("UPDATE users SET hh_disconnected_at = ? WHERE hh_user_id = ?").bind(Date.now(), olga.id).run();
    await lastSyncedAgo(anna.id, RESUME_STALE_AFTER_MS - HOUR);
    await sandbox.control(`/users/${ivan.id}/expire-token`, {});
    await sandbox.control(`/resumes/${ivan.resumes.python}/touch`, {});
    const olgaBefore = await userRow(olga.id);
    const annaBefore = await userRow(anna.id);
    sandbox.state.requests = [];
    sandbox.sent.length = 0;

    await runCron();

    // Neither the fresh nor the disconnected user was even attempted.
    expect(await userRow(olga.id)).toEqual(olgaBefore);
    expect(await userRow(anna.id)).toEqual(annaBefore);
    expect(listedFor(sandbox)).toEqual([ivan.id]);
    const refresh = sandbox.sent.filter((r) => r.path === "/token").map((r) => new URLSearchParams(r.body).get("grant_type"));
    expect(refresh).toEqual(["refresh_token"]);
    expect(sandbox.apiCalls().filter((r) => r.path === `/resumes/${ivan.resumes.python}`)).toHaveLength(1);
    const ivanRow = await userRow(ivan.id);
    expect(ivanRow!.synced_at).toBeGreaterThan(Date.now() - 60_000);
    expect(ivanRow!.sync_error).toBeNull();
    const title = await env.DB.prepare("SELECT title FROM resumes WHERE hh_resume_id = ?").bind(ivan.resumes.python).first<string>("title");
    expect(title).toBe("Python-разработчик · правка 1");
  });

  it("does not retry a user whose sync was attempted within the period, even if it failed", async () => {
    const sandbox = useSandbox();
    await loginAs(sandbox, bench.id);
    await loginAs(sandbox, ivan.id);
    // bench's last success is old, but an attempt (which failed) started an hour ago.
    await lastSyncedAgo(bench.id, RESUME_STALE_AFTER_MS * 2, HOUR);
    await lastSyncedAgo(ivan.id, RESUME_STALE_AFTER_MS * 2);
    sandbox.state.requests = [];

    await runCron();
    expect(listedFor(sandbox)).toEqual([ivan.id]);
  });

  it("records a failure per user and carries on with the next one", async () => {
    const sandbox = useSandbox();
    await loginAs(sandbox, anna.id);
    await loginAs(sandbox, ivan.id);
    await lastSyncedAgo(anna.id, RESUME_STALE_AFTER_MS * 3);
    await lastSyncedAgo(ivan.id, RESUME_STALE_AFTER_MS * 2);
    // The oldest cache goes first: anna's list request fails, ivan's succeeds.
    await sandbox.control("/faults", { status: 503, count: 1, path_prefix: "/resumes/mine" });
    sandbox.state.requests = [];

    await runCron();
    expect(sandbox.state.requests.filter((r) => r.path === "/resumes/mine")).toHaveLength(2);
    expect(listedFor(sandbox)).toEqual([ivan.id]);
    expect((await userRow(anna.id))!.sync_error).toMatch(/hh\.ru/);
    expect((await userRow(ivan.id))!.sync_error).toBeNull();
    expect((await userRow(ivan.id))!.synced_at).toBeGreaterThan(Date.now() - 60_000);
    const annaResumes = await env.DB.prepare("SELECT count(*) AS n FROM resumes r JOIN users u ON u.id = r.user_id WHERE u.hh_user_id = ?")
      .bind(anna.id)
      .first<number>("n");
    expect(annaResumes).toBe(3);
  });

  it("drops hh.ru copies that expired more than a day ago, keeping fresher ones", async () => {
    useSandbox();
    const day = 24 * 3600_000;
    await env.DB.batch(
      [
        ["vacancy:1", Date.now() - 2 * day],
        ["vacancy:2", Date.now() - 3600_000],
        ["vacancy:3", Date.now() + 600_000],
      ].map(([key, expires]) => env.DB.prepare("INSERT OR REPLACE INTO hh_cache (key, value, expires_at) VALUES (?, '{}', ?)").bind(key, expires)),
    );
    await runCron();
    const keys = (await env.DB.prepare("SELECT key FROM hh_cache WHERE key LIKE 'vacancy:%' ORDER BY key").all<{ key: string }>()).results;
    expect(keys.map((row) => row.key)).toEqual(["vacancy:2", "vacancy:3"]);
  });
});
