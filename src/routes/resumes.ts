import { Hono } from "hono";
import type { AppEnv } from "../context";

/** /api/hh/resumes — filled in by the resumes work. */
export const resumeRoutes = new Hono<AppEnv>();
