/**
 * The resume cache as the app serves it: the list with `selected` and a short
 * summary, the choice of the active resume, and the sync status. Nothing here
 * calls hh.ru (the refresh lives in resume-sync.ts).
 */
import { and, desc, eq, exists, sql } from "drizzle-orm";
import { resumes, users, type Resume, type ResumeRow, type ResumeSummary, type ResumesResponse } from "../../shared/schema";
import type { Db } from "../db";
import { notFound, unauthorized } from "../errors";
import { findUser, toMeResponse } from "./users";

const TOP_SKILLS = 5;
const CURRENCY_SIGNS: Record<string, string> = { RUR: "₽", RUB: "₽", USD: "$", EUR: "€", KZT: "₸", BYR: "Br", UAH: "₴" };

const record = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** 250000 RUR → "250 000 ₽" (narrow no-break spaces, as Russian typography wants). */
function formatSalary(salary: unknown): string | null {
  const s = record(salary);
  const amount = s?.amount;
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount <= 0) return null;
  const digits = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  const currency = text(s?.currency);
  return currency ? `${digits}\u00a0${CURRENCY_SIGNS[currency] ?? currency}` : digits;
}

/** What the profile card shows: the latest job's position, desired salary, city, first skills. */
export function summarize(content: Record<string, unknown>): ResumeSummary {
  const experience = Array.isArray(content.experience) ? content.experience : [];
  const skills = Array.isArray(content.skill_set) ? content.skill_set : [];
  return {
    position: text(record(experience[0])?.position),
    salary: formatSalary(content.salary),
    area: text(record(content.area)?.name),
    skills: skills.filter((s): s is string => typeof s === "string" && s.trim() !== "").slice(0, TOP_SKILLS),
  };
}

export function toResume(row: ResumeRow): Resume {
  const content = row.content ?? {};
  return {
    id: row.id,
    hh_resume_id: row.hh_resume_id,
    title: row.title,
    status: text(record(content.status)?.id),
    alternate_url: text(content.alternate_url),
    updated_at: row.updated_at.toISOString(),
    synced_at: row.synced_at.toISOString(),
    selected: row.selected,
    summary: summarize(content),
  };
}

/** The user's active resume (its hh id and title), or null when none is selected. */
export async function findSelectedResume(db: Db, userId: number) {
  const [row] = await db
    .select({ hh_resume_id: resumes.hh_resume_id, title: resumes.title })
    .from(resumes)
    .where(and(eq(resumes.user_id, userId), eq(resumes.selected, true)))
    .limit(1);
  return row ?? null;
}

export const cachedResumes = (db: Db, userId: number) =>
  db.select().from(resumes).where(eq(resumes.user_id, userId)).orderBy(desc(resumes.updated_at), resumes.id);

export const selectedResumeGoneNotice = (title: string) =>
  `Выбранное резюме «${title}» больше не доступно на hh.ru (удалено или скрыто), поэтому оно снято с выбора. Выберите другое резюме.`;

/** The cache and the sync status; `notice` joins this request's word with the stored one. */
export async function resumesResponse(db: Db, userId: number, notice: string | null = null): Promise<ResumesResponse> {
  const [user, rows] = await Promise.all([findUser(db, userId), cachedResumes(db, userId)]);
  if (!user) throw unauthorized();
  return {
    resumes: rows.map(toResume),
    sync: toMeResponse(user).sync,
    notice: [notice, user.resume_notice].filter(Boolean).join(" ") || null,
  };
}

/**
 * Marks `hhResumeId` the only selected resume of the user, in one UPDATE that
 * applies only if the user owns that resume — so an unknown or foreign id
 * changes nothing, and no moment exists with two resumes selected.
 */
export async function selectResume(db: Db, userId: number, hhResumeId: string) {
  const owned = db
    .select({ one: sql`1` })
    .from(resumes)
    .where(and(eq(resumes.user_id, userId), eq(resumes.hh_resume_id, hhResumeId)));
  const updated = await db
    .update(resumes)
    .set({ selected: sql`(${resumes.hh_resume_id} = ${hhResumeId})` })
    .where(and(eq(resumes.user_id, userId), exists(owned)))
    .returning({ id: resumes.id });
  if (updated.length === 0) throw notFound("Такого резюме нет среди ваших. Обновите список резюме.");
  // A resume is chosen again: the word about the vanished one has done its job.
  await db.update(users).set({ resume_notice: null }).where(eq(users.id, userId));
  return resumesResponse(db, userId);
}
