/**
 * Applications as the user sees them: recording one (queued for the consumer),
 * re-queueing a failed one, and the history. Never calls hh.ru: what we know of
 * the vacancy comes from the feed's cache; the consumer fills in the rest.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { applications, type Application, type ApplicationRow } from "../../shared/schema";
import type { Db } from "../db";
import type { Env } from "../env";
import { conflict } from "../errors";
import { cacheGetEvenExpired, vacancyKey } from "./hh-cache";
import { findSelectedResume } from "./resumes";

export const NO_RESUME_SELECTED = "Сначала выберите резюме в профиле: отклик отправляется с выбранным резюме.";

/** The history shows at most this many of the newest applications. */
const HISTORY_LIMIT = 1000;

export const vacancyPageUrl = (vacancyId: string) => `https://hh.ru/vacancy/${vacancyId}`;

const iso = (date: Date) => date.toISOString();

export function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    vacancy_id: row.vacancy_id,
    resume_id: row.resume_id,
    resume_title: row.resume_title,
    vacancy_title: row.vacancy_title,
    employer_name: row.employer_name,
    vacancy_url: row.vacancy_url ?? vacancyPageUrl(row.vacancy_id),
    external_url: row.external_url,
    cover_letter: row.cover_letter,
    hh_negotiation_id: row.hh_negotiation_id,
    status: row.status,
    reason: row.reason,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** The vacancy's fields an application shows. */
export interface VacancyInfo {
  vacancy_title: string | null;
  employer_name: string | null;
  vacancy_url: string | null;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : null);

/** Reads title, employer and page from hh.ru's vacancy JSON (cached or fresh), tolerating odd shapes. */
export function vacancyInfoFrom(vacancy: unknown): VacancyInfo | null {
  if (!vacancy || typeof vacancy !== "object") return null;
  const v = vacancy as { name?: unknown; employer?: { name?: unknown } | null; alternate_url?: unknown };
  const info = {
    vacancy_title: str(v.name),
    employer_name: str(v.employer?.name),
    vacancy_url: str(v.alternate_url),
  };
  return info.vacancy_title || info.employer_name || info.vacancy_url ? info : null;
}

/** What the feed cached about a vacancy (`vacancy:<id>`), even if past its expiry: titles rarely change. */
export async function cachedVacancyInfo(db: Db, vacancyId: string): Promise<VacancyInfo | null> {
  return vacancyInfoFrom(await cacheGetEvenExpired(db, vacancyKey(vacancyId)));
}

/**
 * Hands the application to the consumer. A lost message loses nothing: the row
 * stays `queued` and the sweeper (src/jobs/requeue-stuck.ts) enqueues it again.
 */
async function enqueue(env: Env, applicationId: number) {
  try {
    await env.APPLY_QUEUE.send({ application_id: applicationId });
  } catch (err) {
    console.error(`apply enqueue failed for application ${applicationId}: ${err instanceof Error ? err.message : err}`);
  }
}

export interface ApplyInput {
  vacancy_id: string;
  cover_letter: string;
}

/** `queued`: a new or re-queued application (202); `existing`: the one already there, unchanged (200). */
export type ApplyResult = { kind: "queued" | "existing"; application: Application };

export async function applyToVacancy(env: Env, db: Db, userId: number, input: ApplyInput): Promise<ApplyResult> {
  const resume = await findSelectedResume(db, userId);
  if (!resume) throw conflict("no_resume_selected", NO_RESUME_SELECTED);
  const vacancy = await cachedVacancyInfo(db, input.vacancy_id);
  const now = new Date();
  const fresh = {
    resume_id: resume.hh_resume_id,
    resume_title: resume.title,
    cover_letter: input.cover_letter,
  };

  const [created] = await db
    .insert(applications)
    .values({ user_id: userId, vacancy_id: input.vacancy_id, ...fresh, ...vacancy, status: "queued", created_at: now, updated_at: now })
    .onConflictDoNothing({ target: [applications.user_id, applications.vacancy_id] })
    .returning();
  if (created) {
    await enqueue(env, created.id);
    return { kind: "queued", application: toApplication(created) };
  }

  // Only a failed application is sent again; the conditional update makes a race with the consumer harmless.
  const [requeued] = await db
    .update(applications)
    .set({
      ...fresh,
      status: "queued",
      reason: null,
      external_url: null,
      hh_negotiation_id: null,
      attempts: 0,
      claimed_at: null,
      updated_at: now,
      vacancy_title: sql`coalesce(${applications.vacancy_title}, ${vacancy?.vacancy_title ?? null})`,
      employer_name: sql`coalesce(${applications.employer_name}, ${vacancy?.employer_name ?? null})`,
      vacancy_url: sql`coalesce(${applications.vacancy_url}, ${vacancy?.vacancy_url ?? null})`,
    })
    .where(and(eq(applications.user_id, userId), eq(applications.vacancy_id, input.vacancy_id), eq(applications.status, "failed")))
    .returning();
  if (requeued) {
    await enqueue(env, requeued.id);
    return { kind: "queued", application: toApplication(requeued) };
  }

  const [existing] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.user_id, userId), eq(applications.vacancy_id, input.vacancy_id)))
    .limit(1);
  if (!existing) throw new Error("application vanished between insert and read");
  return { kind: "existing", application: toApplication(existing) };
}

/** The user's applications, newest first. */
export async function listApplications(db: Db, userId: number): Promise<Application[]> {
  const rows = await db
    .select()
    .from(applications)
    .where(eq(applications.user_id, userId))
    .orderBy(desc(applications.created_at), desc(applications.id))
    .limit(HISTORY_LIMIT);
  return rows.map(toApplication);
}
