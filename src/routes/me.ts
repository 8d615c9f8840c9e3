import { Hono } from "hono";
import type { AppEnv } from "../context";
import { unauthorized } from "../errors";
import { findUser, toMeResponse } from "../services/users";

export const meRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const user = await findUser(c.var.db, c.var.userId);
  // The session outlived its user (deleted account): treat as logged out.
  if (!user) throw unauthorized();
  return c.json(toMeResponse(user));
});
