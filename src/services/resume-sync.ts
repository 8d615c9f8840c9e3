/**
 * Refreshing the resume cache from hh.ru. One sync per user at a time across
 * isolates: a run first claims the user row with a conditional UPDATE (a claim
 * expires after SYNC_CLAIM_TTL_MS, so a dead run cannot block forever). The run
 * lists /resumes/mine, fetches details only for new or changed resumes (at most
 * six at once: a Worker's outbound connection limit), and writes everything in
 * one db.batch. A failure keeps the old cache and records a Russian reason.
 */
import { and, eq, isNull, lt, lte, or, type SQL } from "drizzle-orm";
import { resumes, users, type ResumesResponse } from "../../shared/schema";
import { getDb, type Db } from "../db";
import type { Env } from "../env";
import type { HhApi } from "../hh/api";
import { parseHhDate } from "../hh/dates";
import { HhApiError, HhDisconnectedError, HhOAuthError, HhUnavailableError } from "../hh/errors";
import { explainHhError } from "../hh/messages";
import type { HhResume, HhResumeListItem } from "../hh/types";
import { cachedResumes, resumesResponse, selectedResumeGoneNotice } from "./resumes";
import { hhApiForUser } from "./tokens";
import { findUser, SYNC_CLAIM_TTL_MS } from "./users";
import { mapLimit, OUTBOUND_CONCURRENCY } from "../util/map-limit";

/** A manual sync this soon after the previous start serves the cache instead. */
export const SYNC_THROTTLE_MS = 60_000;

/** RESUME_SYNC_THROTTLE_SECONDS overrides the window (the browser tests and benchmarks set 0). */
const throttleMs = (env: Env) => {
  const seconds = Number(env.RESUME_SYNC_THROTTLE_SECONDS);
  return env.RESUME_SYNC_THROTTLE_SECONDS !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : SYNC_THROTTLE_MS;
};
export const DETAIL_CONCURRENCY = OUTBOUND_CONCURRENCY;
/** How long a manual sync waits for one already running before answering with the cache. */
const WAIT_FOR_RUNNING_MS = 5_000;
const WAIT_POLL_MS = 150;
/** hh.ru pages hold 100 resumes; nobody has more than a few, this only bounds a broken answer. */
const MAX_LIST_PAGES = 10;

export const THROTTLED_NOTICE =
  "Резюме обновлялись меньше минуты назад — показываем сохранённую копию. Повторите чуть позже.";
export const STILL_RUNNING_NOTICE = "Резюме ещё обновляются с hh.ru — показываем сохранённую копию, список обновится сам.";

export type SyncTrigger = "manual" | "login" | "cron";
export type SyncOutcome = "synced" | "failed" | "throttled" | "running";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isHhFailure = (err: unknown) =>
  err instanceof HhApiError || err instanceof HhUnavailableError || err instanceof HhDisconnectedError || err instanceof HhOAuthError;

/** Takes the user's sync claim; a manual sync also needs the previous start to be a minute old. */
async function claimSync(db: Db, userId: number, trigger: SyncTrigger, now: number, throttle: number): Promise<Date | null> {
  const claimedAt = new Date(now);
  const conditions: (SQL | undefined)[] = [
    eq(users.id, userId),
    or(isNull(users.sync_claimed_at), lt(users.sync_claimed_at, new Date(now - SYNC_CLAIM_TTL_MS))),
  ];
  if (trigger === "manual") {
    conditions.push(or(isNull(users.sync_started_at), lte(users.sync_started_at, new Date(now - throttle))));
  }
  const rows = await db
    .update(users)
    .set({ sync_claimed_at: claimedAt, sync_started_at: claimedAt })
    .where(and(...conditions))
    .returning({ id: users.id });
  return rows.length ? claimedAt : null;
}

const claimIsLive = (claimedAt: Date | null, now = Date.now()) =>
  !!claimedAt && now - claimedAt.getTime() < SYNC_CLAIM_TTL_MS;

async function listAllResumes(api: HhApi): Promise<HhResumeListItem[]> {
  const items: HhResumeListItem[] = [];
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const answer = await api.resumesPage(page);
    items.push(...answer.items);
    if (page + 1 >= answer.pages) break;
  }
  return items;
}

/** The full resume, or null when hh.ru no longer has it (deleted between the list and now). */
async function fetchDetail(api: HhApi, id: string): Promise<HhResume | null> {
  try {
    return await api.resume(id);
  } catch (err) {
    if (err instanceof HhApiError && err.status === 404) return null;
    throw err;
  }
}

/** One run with the claim held: read hh.ru, then write the new cache in one batch. */
async function runSync(env: Env, db: Db, userId: number, claimedAt: Date) {
  const api = hhApiForUser(env, db, userId);
  const [listed, cached] = await Promise.all([listAllResumes(api), cachedResumes(db, userId)]);
  const cachedById = new Map(cached.map((row) => [row.hh_resume_id, row]));

  const stale = listed.filter((item) => {
    const known = cachedById.get(item.id);
    const updatedAt = parseHhDate(item.updated_at);
    return !known || !updatedAt || known.updated_at.getTime() !== updatedAt.getTime();
  });
  const details = await mapLimit(stale, DETAIL_CONCURRENCY, (item) => fetchDetail(api, item.id));

  const now = new Date();
  const present = new Set(listed.map((item) => item.id));
  const fetched = details.filter((d): d is HhResume => d !== null && typeof d.id === "string");
  for (let i = 0; i < stale.length; i++) if (details[i] === null) present.delete(stale[i]!.id);
  const gone = cached.filter((row) => !present.has(row.hh_resume_id));

  const listedById = new Map(listed.map((item) => [item.id, item]));
  const upserts = fetched.map((detail) => {
    const listedItem = listedById.get(detail.id);
    const values = {
      title: detail.title ?? listedItem?.title ?? "Без названия",
      content: detail as Record<string, unknown>,
      updated_at: parseHhDate(detail.updated_at) ?? parseHhDate(listedItem?.updated_at) ?? now,
      synced_at: now,
    };
    return db
      .insert(resumes)
      .values({ user_id: userId, hh_resume_id: detail.id, ...values })
      .onConflictDoUpdate({ target: [resumes.user_id, resumes.hh_resume_id], set: values });
  });
  const deletes = gone.map((row) =>
    db.delete(resumes).where(and(eq(resumes.user_id, userId), eq(resumes.hh_resume_id, row.hh_resume_id))),
  );
  const lostSelected = gone.find((row) => row.selected);
  await db.batch([
    db.update(users)
      .set({
        synced_at: now,
        sync_error: null,
        sync_claimed_at: null,
        updated_at: now,
        // Told on every resumes response until another resume is picked: the sync may run in the background.
        ...(lostSelected ? { resume_notice: selectedResumeGoneNotice(lostSelected.title) } : {}),
      })
      .where(and(eq(users.id, userId), eq(users.sync_claimed_at, claimedAt))),
    ...upserts,
    ...deletes,
    db.update(resumes).set({ synced_at: now }).where(eq(resumes.user_id, userId)),
  ]);
}

async function recordFailure(db: Db, userId: number, claimedAt: Date, message: string) {
  await db
    .update(users)
    .set({ sync_error: message, sync_claimed_at: null, updated_at: new Date() })
    .where(and(eq(users.id, userId), eq(users.sync_claimed_at, claimedAt)));
}

const releaseClaim = (db: Db, userId: number, claimedAt: Date) =>
  db.update(users).set({ sync_claimed_at: null }).where(and(eq(users.id, userId), eq(users.sync_claimed_at, claimedAt)));

/**
 * Syncs one user's resumes unless a sync is already running (or, for a manual
 * one, started less than a minute ago). hh.ru failures are recorded, not thrown.
 */
export async function syncResumes(env: Env, db: Db, userId: number, trigger: SyncTrigger): Promise<SyncOutcome> {
  const now = Date.now();
  const claimedAt = await claimSync(db, userId, trigger, now, throttleMs(env));
  if (!claimedAt) {
    const user = await findUser(db, userId);
    return user && claimIsLive(user.sync_claimed_at, now) ? "running" : "throttled";
  }
  try {
    await runSync(env, db, userId, claimedAt);
    return "synced";
  } catch (err) {
    if (!isHhFailure(err)) {
      await releaseClaim(db, userId, claimedAt).catch(() => {});
      throw err;
    }
    await recordFailure(db, userId, claimedAt, explainHhError(err));
    return "failed";
  }
}

/** Waits a little for another run to finish; true when it did. */
async function waitForRunningSync(db: Db, userId: number): Promise<boolean> {
  const deadline = Date.now() + WAIT_FOR_RUNNING_MS;
  while (Date.now() < deadline) {
    await sleep(WAIT_POLL_MS);
    const user = await findUser(db, userId);
    if (!user || !claimIsLive(user.sync_claimed_at)) return true;
  }
  return false;
}

/** GET|POST /api/hh/resumes/sync: sync now, or explain why the cache is served instead. */
export async function requestResumeSync(env: Env, db: Db, userId: number): Promise<ResumesResponse> {
  const outcome = await syncResumes(env, db, userId, "manual");
  let notice: string | null = null;
  if (outcome === "throttled") notice = THROTTLED_NOTICE;
  if (outcome === "running" && !(await waitForRunningSync(db, userId))) notice = STILL_RUNNING_NOTICE;
  return resumesResponse(db, userId, notice);
}

/** Starts a sync that outlives the response (right after login); never makes the caller wait. */
export function syncInBackground(env: Env, ctx: ExecutionContext | null, userId: number) {
  if (!ctx) return;
  const run = syncResumes(env, getDb(env.DB), userId, "login").catch((err: unknown) => {
    // Name only: messages of unexpected errors may carry request details.
    console.error(`background resume sync failed: ${err instanceof Error ? err.name : "unknown"}`);
  });
  ctx.waitUntil(run);
}
