/**
 * A logged-in applicant with a selected resume, without going through the
 * resumes routes: the row the sync would write, inserted directly, with the
 * sandbox's seeded id and title.
 */
import { env } from "cloudflare:workers";
import { and, eq, ne } from "drizzle-orm";
import { seedResumes } from "../../sandbox/seed";
import { resumes, users } from "../../shared/schema";
import { getDb } from "../../src/db";
import { loginAs, type Browser } from "./app";
import type { Sandbox } from "./hh";

const db = getDb(env.DB);
const seeded = new Map(seedResumes().map((r) => [r.id, r]));

async function userRow(hhUserId: string) {
  const [user] = await db.select().from(users).where(eq(users.hh_user_id, hhUserId));
  return user ?? null;
}

/** The local user id of a logged-in hh.ru user. */
export async function userIdOf(hhUserId: string): Promise<number> {
  const user = await userRow(hhUserId);
  if (!user) throw new Error(`user ${hhUserId} has not logged in`);
  return user.id;
}

/** Makes `hhResumeId` the user's only selected resume (the user must have logged in). */
export async function selectResume(hhUserId: string, hhResumeId: string) {
  const userId = await userIdOf(hhUserId);
  const title = seeded.get(hhResumeId)?.title ?? "Резюме";
  await db
    .insert(resumes)
    .values({ user_id: userId, hh_resume_id: hhResumeId, title, content: { id: hhResumeId, title }, updated_at: new Date(), selected: true })
    .onConflictDoUpdate({ target: [resumes.user_id, resumes.hh_resume_id], set: { selected: true } });
  await db.update(resumes).set({ selected: false }).where(and(eq(resumes.user_id, userId), ne(resumes.hh_resume_id, hhResumeId)));
  return { hh_resume_id: hhResumeId, title };
}

/** Login starts a resume sync in the background; wait (bounded) until it is over so it cannot interleave. */
async function loginSyncOver(hhUserId: string) {
  for (let i = 0; i < 250; i++) {
    const user = await userRow(hhUserId);
    if (user && !user.sync_claimed_at && (user.synced_at || user.sync_error)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the login resume sync of ${hhUserId} did not finish`);
}

/** Logs in (sync settled), optionally selects a resume, and forgets the requests hh.ru saw so far. */
export async function loginApplicant(sandbox: Sandbox, hhUserId: string, hhResumeId?: string): Promise<Browser> {
  const user = await loginAs(sandbox, hhUserId);
  await loginSyncOver(hhUserId);
  if (hhResumeId) await selectResume(hhUserId, hhResumeId);
  sandbox.sent.length = 0;
  return user;
}
