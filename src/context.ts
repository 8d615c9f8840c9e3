import { createMiddleware } from "hono/factory";
import type { Db } from "./db";
import type { Env } from "./env";
import { unauthorized } from "./errors";
import { readSession } from "./services/session";

/** Hono's type parameter for every route: bindings plus what middleware puts on `c`. */
export interface AppEnv {
  Bindings: Env;
  Variables: { db: Db; userId: number };
}

/** 401 unless the request carries a live session; puts its user id on `c`. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const session = await readSession(c);
  if (!session) throw unauthorized();
  c.set("userId", session.user_id);
  await next();
});
