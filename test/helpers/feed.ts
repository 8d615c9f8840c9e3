/** Feed and letter test helpers: a selected resume and an application, written straight to D1. */
import { env } from "cloudflare:workers";
import { loginAs, type Browser } from "./app";
import { HH_ORIGIN, type Sandbox } from "./hh";

export const userIdOf = async (hhUserId: string) =>
  (await env.DB.prepare("SELECT id FROM users WHERE hh_user_id = ?").bind(hhUserId).first<{ id: number }>())!.id;

/** Waits (bounded) until the resume sync the login started in the background has finished. */
export async function loginSyncDone(hhUserId: string) {
  for (let i = 0; i < 250; i++) {
    const row = await env.DB.prepare("SELECT synced_at, sync_error, sync_claimed_at FROM users WHERE hh_user_id = ?")
      .bind(hhUserId)
      .first<{ synced_at: number | null; sync_error: string | null; sync_claimed_at: number | null }>();
    if (row && !row.sync_claimed_at && (row.synced_at || row.sync_error)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the login sync of ${hhUserId} did not finish`);
}

/** Logged in, the login's resume sync done, and hh.ru's request log emptied: tests see only their own requests. */
export async function loginQuiet(sandbox: Sandbox, hhUserId: string): Promise<Browser> {
  const user = await loginAs(sandbox, hhUserId);
  await loginSyncDone(hhUserId);
  sandbox.sent.length = 0;
  return user;
}

/** hh.ru's full resume JSON, as the sandbox serves GET /resumes/{id} to its owner. */
export async function resumeJson(sandbox: Sandbox, hhUserId: string, resumeId: string): Promise<Record<string, unknown>> {
  const token = [...sandbox.state.tokensByAccess.values()].find((t) => t.user_id === hhUserId && t.status === "active");
  if (!token) throw new Error(`no live sandbox token for ${hhUserId}`);
  const response = await sandbox.app.request(`${HH_ORIGIN}/resumes/${resumeId}`, {
    headers: { Authorization: `Bearer ${token.access_token}`, "HH-User-Agent": "Otklik-Test/1.0 (test@otklik.example)" },
  });
  if (!response.ok) throw new Error(`sandbox resume ${resumeId}: ${response.status}`);
  return response.json();
}

/**
 * Makes `resumeId` the user's only selected resume, with its full JSON in the cache, without
 * the resume routes. Waits for the login's background sync first so it cannot overwrite us,
 * and forgets the requests made so far: tests then see only what the feed asked hh.ru.
 */
export async function selectResume(sandbox: Sandbox, hhUserId: string, resumeId: string) {
  await loginSyncDone(hhUserId);
  const userId = await userIdOf(hhUserId);
  const content = await resumeJson(sandbox, hhUserId, resumeId);
  await env.DB.batch([
    env.DB.prepare("UPDATE resumes SET selected = 0 WHERE user_id = ?").bind(userId),
    env.DB.prepare(
      `INSERT INTO resumes (user_id, hh_resume_id, title, content, updated_at, selected) VALUES (?1, ?2, ?3, ?4, ?5, 1)
       ON CONFLICT (user_id, hh_resume_id) DO UPDATE SET content = excluded.content, selected = 1`,
    ).bind(userId, resumeId, String(content.title), JSON.stringify(content), Date.now()),
  ]);
  sandbox.sent.length = 0;
  return content;
}

/** An application row as the apply code would leave it. */
export async function recordApplication(hhUserId: string, vacancyId: string) {
  const userId = await userIdOf(hhUserId);
  await env.DB.prepare(
    "INSERT INTO applications (user_id, vacancy_id, resume_id, cover_letter, status) VALUES (?, ?, 'r1', '', 'success')",
  )
    .bind(userId, vacancyId)
    .run();
}

/** hh.ru requests for vacancy details (`/vacancies/{id}`). */
export const detailCalls = (sandbox: Sandbox) => sandbox.apiCalls().filter((r) => /^\/vacancies\/\d+$/.test(r.path));
/** hh.ru requests for vacancy pages (search or similar). */
export const pageCalls = (sandbox: Sandbox) =>
  sandbox.apiCalls().filter((r) => r.path === "/vacancies" || r.path.endsWith("/similar_vacancies"));

/** Storage is per test file, not per test: start each test with no cached hh.ru answers, swipes, applications or resumes. */
export async function forgetFeedState() {
  await env.DB.batch(["hh_cache", "swipes", "applications", "resumes"].map((table) => env.DB.prepare(`DELETE FROM ${table}`)));
}
