import { Hono } from "hono";
import type { AppEnv } from "../context";

/** /api/hh/apply and /api/applications — filled in by the applying work. */
export const applyRoutes = new Hono<AppEnv>();
export const applicationRoutes = new Hono<AppEnv>();
