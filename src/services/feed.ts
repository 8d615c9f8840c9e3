/**
 * The swipe deck: a page of hh.ru vacancies (similar to the selected resume, or a
 * plain search), minus what the user already swiped or applied to, as cards with
 * key skills from each vacancy's detail. hh.ru pages, details and areas are cached
 * in D1 (hh-cache.ts), so a warm page costs hh.ru nothing.
 */
import { and, eq, inArray } from "drizzle-orm";
import { applications, swipes, type Area, type VacanciesResponse, type VacancyCard } from "../../shared/schema";
import type { Db } from "../db";
import type { Env } from "../env";
import { AppError } from "../errors";
import type { HhApi } from "../hh/api";
import { HhApiError } from "../hh/errors";
import type { HhArea, HhPage, HhVacancy, HhVacancyDetail, HhVacancySearch } from "../hh/types";
import {
  AREAS_TTL_MS,
  cached,
  cacheGetMany,
  cachePutMany,
  VACANCY_DETAIL_TTL_MS,
  VACANCY_PAGE_TTL_MS,
  vacancyKey,
} from "./hh-cache";
import { mapLimit, OUTBOUND_CONCURRENCY } from "../util/map-limit";
import { findSelectedResume } from "./resumes";
import { hhApiForUser } from "./tokens";

export const FEED_PER_PAGE = 20;
/** hh.ru serves at most 2000 results of a search: page × per_page must stay within it. */
export const HH_SEARCH_DEPTH = 2000;
export const FEED_MAX_PAGES = HH_SEARCH_DEPTH / FEED_PER_PAGE;
const RUSSIA_ID = "113";
/** Listed first in the region filter: where most vacancies are. */
const TOP_AREAS = ["1", "2"];

export const EXPERIENCE_IDS = ["noExperience", "between1And3", "between3And6", "moreThan6"] as const;
export const SCHEDULE_IDS = ["fullDay", "shift", "flexible", "remote", "flyInFlyOut"] as const;

export interface FeedFilters {
  text?: string;
  area?: string[];
  salary?: number;
  only_with_salary?: boolean;
  experience?: (typeof EXPERIENCE_IDS)[number];
  schedule?: (typeof SCHEDULE_IDS)[number];
  page: number;
}


/** hh.ru's detail of one vacancy, cached; hh.ru's errors propagate. */
export async function vacancyDetail(api: HhApi, db: Db, vacancyId: string): Promise<HhVacancyDetail> {
  return cached(db, vacancyKey(vacancyId), VACANCY_DETAIL_TTL_MS, () => api.vacancy(vacancyId));
}

/** Details for a page's vacancies: cached ones from D1, the rest from hh.ru (≤ 6 at a time).
 *  A detail hh.ru does not give is null: the card loses its key skills, the feed goes on. */
async function vacancyDetails(api: HhApi, db: Db, ids: string[]): Promise<Map<string, HhVacancyDetail | null>> {
  const hits = await cacheGetMany<HhVacancyDetail>(db, ids.map(vacancyKey));
  const details = new Map<string, HhVacancyDetail | null>(ids.map((id) => [id, hits.get(vacancyKey(id)) ?? null]));
  const missing = ids.filter((id) => !details.get(id));
  const fetched = await mapLimit(missing, OUTBOUND_CONCURRENCY, (id) => api.vacancy(id).catch(() => null));
  const fresh = missing.flatMap((id, i) => (fetched[i] ? [{ id, detail: fetched[i] }] : []));
  for (const { id, detail } of fresh) details.set(id, detail);
  await cachePutMany(db, fresh.map(({ id, detail }) => ({ key: vacancyKey(id), value: detail })), VACANCY_DETAIL_TTL_MS);
  return details;
}

/** Ids among `ids` the user has swiped or applied to. */
async function seenVacancyIds(db: Db, userId: number, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const [swiped, applied] = await Promise.all([
    db.select({ id: swipes.vacancy_id }).from(swipes).where(and(eq(swipes.user_id, userId), inArray(swipes.vacancy_id, ids))),
    db
      .select({ id: applications.vacancy_id })
      .from(applications)
      .where(and(eq(applications.user_id, userId), inArray(applications.vacancy_id, ids))),
  ]);
  return new Set([...swiped, ...applied].map((row) => row.id));
}

/** The search as hh.ru's query parameters, in a fixed order so equal searches share a cache key. */
function hhSearch(filters: FeedFilters): HhVacancySearch {
  return {
    text: filters.text || undefined,
    area: filters.area?.length ? [...new Set(filters.area)].sort() : undefined,
    salary: filters.salary,
    only_with_salary: filters.only_with_salary || undefined,
    experience: filters.experience,
    schedule: filters.schedule,
    page: filters.page,
    per_page: FEED_PER_PAGE,
  };
}

const pageKey = (resumeId: string | null, search: HhVacancySearch) =>
  resumeId ? `similar:${resumeId}:${JSON.stringify(search)}` : `vacancies:${JSON.stringify(search)}`;

/** hh.ru highlights search words with `<highlighttext>`; cards show plain text. */
const plainText = (html: string | null | undefined) => {
  const text = html?.replace(/<[^>]*>/g, "").trim();
  return text ? text : null;
};

export function toCard(v: HhVacancy, detail: HhVacancyDetail | null): VacancyCard {
  const logos = v.employer?.logo_urls;
  return {
    id: v.id,
    name: v.name,
    employer: v.employer ? { name: v.employer.name, logo_url: logos?.["240"] ?? logos?.["90"] ?? logos?.original ?? null } : null,
    salary: v.salary
      ? { from: v.salary.from ?? null, to: v.salary.to ?? null, currency: v.salary.currency ?? null, gross: v.salary.gross ?? null }
      : null,
    area: v.area?.name ?? null,
    schedule: v.schedule?.name ?? null,
    experience: v.experience?.name ?? null,
    requirement: plainText(v.snippet?.requirement),
    responsibility: plainText(v.snippet?.responsibility),
    key_skills: detail?.key_skills?.map((skill) => skill.name).filter(Boolean) ?? [],
    has_test: Boolean(v.has_test || detail?.test?.required),
    response_letter_required: Boolean(v.response_letter_required ?? detail?.response_letter_required),
    alternate_url: v.alternate_url ?? `https://hh.ru/vacancy/${v.id}`,
  };
}

export async function vacancyFeed(env: Env, db: Db, userId: number, filters: FeedFilters): Promise<VacanciesResponse> {
  const resumeId = (await findSelectedResume(db, userId))?.hh_resume_id ?? null;
  const source = resumeId ? "similar" : "search";
  // Past hh.ru's depth there is nothing to show; asking would only earn a 400.
  if (filters.page >= FEED_MAX_PAGES) return { items: [], page: filters.page, pages: FEED_MAX_PAGES, source };

  const api = hhApiForUser(env, db, userId);
  const search = hhSearch(filters);
  const found = await cached<HhPage<HhVacancy>>(db, pageKey(resumeId, search), VACANCY_PAGE_TTL_MS, () =>
    resumeId ? api.similarVacancies(resumeId, search) : api.vacancies(search),
  ).catch((err) => {
    // similar_vacancies of a resume hh.ru no longer has: say so, not "not found".
    if (resumeId && err instanceof HhApiError && err.status === 404) {
      throw new AppError(409, "resume_not_found", "Выбранное резюме не найдено на hh.ru. Обновите резюме в профиле и выберите другое.");
    }
    throw err;
  });

  const items = (found.items ?? []).filter((v) => !v.archived);
  const seen = await seenVacancyIds(db, userId, items.map((v) => v.id));
  const unseen = items.filter((v) => !seen.has(v.id));
  const details = await vacancyDetails(api, db, unseen.map((v) => v.id));
  return {
    items: unseen.map((v) => toCard(v, details.get(v.id) ?? null)),
    page: filters.page,
    pages: Math.min(found.pages ?? 0, FEED_MAX_PAGES),
    source,
  };
}

/** Russia and its top-level regions (Москва and Санкт-Петербург first), for the region filter. */
export function regionsForFilter(tree: HhArea[]): Area[] {
  const russia = tree.find((area) => area.id === RUSSIA_ID);
  if (!russia) return tree.map(({ id, name }) => ({ id, name }));
  const rank = (area: HhArea) => (TOP_AREAS.includes(area.id) ? TOP_AREAS.indexOf(area.id) : TOP_AREAS.length);
  const regions = [...(russia.areas ?? [])].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "ru"));
  return [russia, ...regions].map(({ id, name }) => ({ id, name }));
}

export async function feedAreas(env: Env, db: Db, userId: number): Promise<Area[]> {
  const api = hhApiForUser(env, db, userId);
  return cached(db, "areas:regions", AREAS_TTL_MS, async () => regionsForFilter(await api.areas()));
}
