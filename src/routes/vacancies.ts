import { Hono } from "hono";
import type { AppEnv } from "../context";

/** /api/vacancies, /api/areas, /api/swipes, /api/cover-letter — filled in by the feed work. */
export const vacancyRoutes = new Hono<AppEnv>();
