/** /api/vacancies (the swipe deck), /api/areas, /api/swipes and /api/cover-letter. */
import { createInsertSchema } from "drizzle-zod";
import { Hono } from "hono";
import { z } from "zod";
import { SWIPE_DIRECTIONS, swipes } from "../../shared/schema";
import type { AppEnv } from "../context";
import { EXPERIENCE_IDS, feedAreas, SCHEDULE_IDS, vacancyFeed } from "../services/feed";
import { coverLetterFor } from "../services/letters";
import { recordSwipe } from "../services/swipes";
import { validate, vacancyId } from "../validation";

/** Empty form fields (`?salary=`) mean "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
/** A parameter given once, not repeated. */
const single = z.string({ error: "укажите параметр один раз" });

/** zod's own words for an unknown parameter are English. */
const unknownParameter = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === "unrecognized_keys" ? `неизвестный параметр ${issue.keys.map((key) => `«${key}»`).join(", ")}` : undefined,
};

const feedQuery = z.strictObject({
  text: optional(single.trim().max(200, "не длиннее 200 символов")),
  area: optional(
    z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : [v]).filter((id) => id !== ""))
      .pipe(z.array(z.string().regex(/^\d{1,10}$/, "регион — это число из справочника регионов")).max(20, "не больше 20 регионов")),
  ),
  salary: optional(single.regex(/^\d{1,9}$/, "зарплата — целое число рублей").transform(Number)),
  only_with_salary: optional(z.enum(["true", "false"], { error: "ожидается true или false" }).transform((v) => v === "true")),
  experience: optional(z.enum(EXPERIENCE_IDS, { error: `допустимо: ${EXPERIENCE_IDS.join(", ")}` })),
  schedule: optional(z.enum(SCHEDULE_IDS, { error: `допустимо: ${SCHEDULE_IDS.join(", ")}` })),
  page: optional(single.regex(/^\d{1,9}$/, "номер страницы — целое число от 0").transform(Number)).transform((v) => v ?? 0),
}, unknownParameter);

/** The swipes table is the source of truth; the API narrows its columns to what a client may send. */
const swipeBody = createInsertSchema(swipes, {
  vacancy_id: () => vacancyId,
  direction: () => z.enum(SWIPE_DIRECTIONS, { error: "ожидается left или right" }),
}).pick({ vacancy_id: true, direction: true });

const coverLetterBody = z.object({ vacancy_id: vacancyId });

export const vacancyRoutes = new Hono<AppEnv>()
  .get("/vacancies", validate("query", feedQuery), async (c) =>
    c.json(await vacancyFeed(c.env, c.var.db, c.var.userId, c.req.valid("query"))),
  )
  .get("/areas", async (c) => c.json(await feedAreas(c.env, c.var.db, c.var.userId)))
  .post("/swipes", validate("json", swipeBody), async (c) => {
    const { vacancy_id, direction } = c.req.valid("json");
    const { created, swipe } = await recordSwipe(c.var.db, c.var.userId, vacancy_id, direction);
    return c.json(swipe, created ? 201 : 200);
  })
  .post("/cover-letter", validate("json", coverLetterBody), async (c) => {
    const cover_letter = await coverLetterFor(c.env, c.var.db, c.var.userId, c.req.valid("json").vacancy_id);
    return c.json({ cover_letter });
  });
