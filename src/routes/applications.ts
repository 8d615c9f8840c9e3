/** /api/hh/apply (record + enqueue an application) and /api/applications (the history). */
import { createInsertSchema } from "drizzle-zod";
import { Hono } from "hono";
import { z } from "zod";
import { applications } from "../../shared/schema";
import type { AppEnv } from "../context";
import { applyToVacancy, listApplications } from "../services/applications";
import { validate, vacancyId } from "../validation";

/** hh.ru's own limit for a cover letter. */
export const MAX_COVER_LETTER = 10_000;

/** Derived from the applications table; a client sends only the vacancy and the letter. */
const applyBody = createInsertSchema(applications, {
  vacancy_id: () => vacancyId,
  cover_letter: () =>
    z.string().max(MAX_COVER_LETTER, `сопроводительное письмо длиннее ${MAX_COVER_LETTER} символов`).default(""),
}).pick({ vacancy_id: true, cover_letter: true });

export const applyRoutes = new Hono<AppEnv>().post("/", validate("json", applyBody), async (c) => {
  const { kind, application } = await applyToVacancy(c.env, c.var.db, c.var.userId, c.req.valid("json"));
  return c.json(application, kind === "queued" ? 202 : 200);
});

export const applicationRoutes = new Hono<AppEnv>().get("/", async (c) =>
  c.json({ applications: await listApplications(c.var.db, c.var.userId) }),
);
