/** The Hono app: middleware, route groups and the one error handler. */
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { requireUser, type AppEnv } from "./context";
import { getDb } from "./db";
import { notFound, onError } from "./errors";
import { authRoutes } from "./routes/auth";
import { applicationRoutes, applyRoutes } from "./routes/applications";
import { meRoutes } from "./routes/me";
import { resumeRoutes } from "./routes/resumes";
import { vacancyRoutes } from "./routes/vacancies";

export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use("*", async (c, next) => {
    c.set("db", getDb(c.env.DB));
    await next();
  });
  // State-changing requests only from our own pages.
  app.use(
    "*",
    csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === c.env.APP_ORIGIN }),
  );
  app.route("/auth", authRoutes);
  app.use("/api/*", requireUser);
  app.route("/api/me", meRoutes);
  app.route("/api/hh/resumes", resumeRoutes);
  app.route("/api/hh/apply", applyRoutes);
  app.route("/api/applications", applicationRoutes);
  app.route("/api", vacancyRoutes);
  app.notFound(() => {
    throw notFound("Такого адреса нет.");
  });
  return app;
}
