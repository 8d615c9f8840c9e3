/**
 * The single source of truth for the database and the JSON the frontend reads.
 * Drizzle tables live here; the frontend imports types only (never values), so
 * drizzle-orm stays out of the browser bundle.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  hh_user_id: text("hh_user_id").notNull().unique(),
  first_name: text("first_name"),
  last_name: text("last_name"),
  email: text("email"),
  /** AES-GCM ciphertext ("v1.<iv>.<data>"), never the token itself. */
  hh_access_token: text("hh_access_token"),
  hh_refresh_token: text("hh_refresh_token"),
  hh_token_expires_at: timestamp("hh_token_expires_at"),
  /** Set when hh.ru revoked the tokens: the UI asks to reconnect. */
  hh_disconnected_at: timestamp("hh_disconnected_at"),
  /** Resume sync bookkeeping: the claim of a running sync, the last start, success and error. */
  sync_claimed_at: timestamp("sync_claimed_at"),
  sync_started_at: timestamp("sync_started_at"),
  synced_at: timestamp("synced_at"),
  sync_error: text("sync_error"),
  /** A word for the user about their resumes (the selected one vanished), kept until they pick another. */
  resume_notice: text("resume_notice"),
  created_at: timestamp("created_at").notNull().default(now),
  updated_at: timestamp("updated_at").notNull().default(now),
});

export const resumes = sqliteTable(
  "resumes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    user_id: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hh_resume_id: text("hh_resume_id").notNull(),
    title: text("title").notNull(),
    /** The full JSON of GET /resumes/{id}. */
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** hh.ru's own updated_at: an unchanged value means no detail request on the next sync. */
    updated_at: timestamp("updated_at").notNull(),
    synced_at: timestamp("synced_at").notNull().default(now),
    selected: integer("selected", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("resumes_user_hh_resume").on(t.user_id, t.hh_resume_id)],
);

export const APPLICATION_STATUSES = ["queued", "sending", "success", "failed"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    user_id: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vacancy_id: text("vacancy_id").notNull(),
    /** The hh resume id it was sent with. No foreign key: history outlives resumes. */
    resume_id: text("resume_id").notNull(),
    resume_title: text("resume_title"),
    vacancy_title: text("vacancy_title"),
    employer_name: text("employer_name"),
    vacancy_url: text("vacancy_url"),
    cover_letter: text("cover_letter").notNull(),
    hh_negotiation_id: text("hh_negotiation_id"),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("queued"),
    reason: text("reason"),
    /** Where to finish by hand: the employer's site (303) or hh.ru (test required). */
    external_url: text("external_url"),
    attempts: integer("attempts").notNull().default(0),
    /** When the current `sending` claim was taken; stale claims may be taken over. */
    claimed_at: timestamp("claimed_at"),
    created_at: timestamp("created_at").notNull().default(now),
    updated_at: timestamp("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("applications_user_vacancy").on(t.user_id, t.vacancy_id),
    index("applications_status").on(t.status, t.updated_at),
  ],
);

export const SWIPE_DIRECTIONS = ["left", "right"] as const;
export type SwipeDirection = (typeof SWIPE_DIRECTIONS)[number];

export const swipes = sqliteTable(
  "swipes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    user_id: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vacancy_id: text("vacancy_id").notNull(),
    direction: text("direction", { enum: SWIPE_DIRECTIONS }).notNull(),
    created_at: timestamp("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("swipes_user_vacancy").on(t.user_id, t.vacancy_id)],
);

/** Short-lived copies of hh.ru answers (vacancy pages and details, areas). */
export const hhCache = sqliteTable("hh_cache", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  expires_at: timestamp("expires_at").notNull(),
});

export type UserRow = typeof users.$inferSelect;
export type ResumeRow = typeof resumes.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type SwipeRow = typeof swipes.$inferSelect;

// ---- JSON shapes the API returns (dates as ISO strings) and the frontend reads ----

/** `GET /api/me`'s user: never any token. */
export interface User {
  id: number;
  hh_user_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

export interface SyncStatus {
  last_synced_at: string | null;
  last_error: string | null;
  running: boolean;
}

export interface MeResponse {
  user: User;
  hh: { connected: boolean };
  sync: SyncStatus;
}

export interface ResumeSummary {
  position: string | null;
  salary: string | null;
  area: string | null;
  skills: string[];
}

export interface Resume {
  id: number;
  hh_resume_id: string;
  title: string;
  status: string | null;
  alternate_url: string | null;
  updated_at: string;
  synced_at: string;
  selected: boolean;
  summary: ResumeSummary;
}

export interface ResumesResponse {
  resumes: Resume[];
  sync: SyncStatus;
  /** Why nothing was fetched now (throttled, another sync running, …), for the UI. */
  notice?: string | null;
}

export interface Application {
  id: number;
  vacancy_id: string;
  resume_id: string;
  resume_title: string | null;
  vacancy_title: string | null;
  employer_name: string | null;
  vacancy_url: string;
  external_url: string | null;
  cover_letter: string;
  hh_negotiation_id: string | null;
  status: ApplicationStatus;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface VacancyCard {
  id: string;
  name: string;
  employer: { name: string; logo_url: string | null } | null;
  salary: { from: number | null; to: number | null; currency: string | null; gross: boolean | null } | null;
  area: string | null;
  schedule: string | null;
  experience: string | null;
  requirement: string | null;
  responsibility: string | null;
  key_skills: string[];
  has_test: boolean;
  response_letter_required: boolean;
  alternate_url: string;
}

export interface VacanciesResponse {
  items: VacancyCard[];
  page: number;
  pages: number;
  /** Where the feed comes from: similar to the selected resume, or a plain search. */
  source: "similar" | "search";
}

export interface Area {
  id: string;
  name: string;
}
