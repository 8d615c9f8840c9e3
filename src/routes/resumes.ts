/** /api/hh/resumes: the cached list, its sync from hh.ru, and the choice of the active resume. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { requestResumeSync } from "../services/resume-sync";
import { resumesResponse, selectResume } from "../services/resumes";
import { hhResumeId, validate } from "../validation";

const selectBody = z.object({ resume_id: hhResumeId });

export const resumeRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await resumesResponse(c.var.db, c.var.userId)))
  .on(["GET", "POST"], "/sync", async (c) => c.json(await requestResumeSync(c.env, c.var.db, c.var.userId)))
  .post("/select", validate("json", selectBody), async (c) =>
    c.json(await selectResume(c.var.db, c.var.userId, c.req.valid("json").resume_id)),
  );
