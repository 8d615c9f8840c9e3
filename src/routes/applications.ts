/** /api/hh/apply (record + enqueue an application) and /api/applications (the history). */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { applyToVacancy, listApplications } from "../services/applications";
import { validate, vacancyId } from "../validation";

/** hh.ru's own limit for a cover letter. */
export const MAX_COVER_LETTER = 10_000;

const applyBody = z.object({
  vacancy_id: vacancyId,
  cover_letter: z
    .string()
    .max(MAX_COVER_LETTER, `сопроводительное письмо длиннее ${MAX_COVER_LETTER} символов`)
    .default(""),
});

export const applyRoutes = new Hono<AppEnv>().post("/", validate("json", applyBody), async (c) => {
  const { kind, application } = await applyToVacancy(c.env, c.var.db, c.var.userId, c.req.valid("json"));
  return c.json(application, kind === "queued" ? 202 : 200);
});

export const applicationRoutes = new Hono<AppEnv>().get("/", async (c) =>
  c.json({ applications: await listApplications(c.var.db, c.var.userId) }),
);
