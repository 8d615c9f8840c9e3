/** OAuth login with hh.ru: start → hh.ru consent → callback → session. */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../context";
import { hhConfig } from "../hh/config";
import { authorizeUrl } from "../hh/oauth";
import { finishLogin, LoginError, startLogin } from "../services/login";
import { endSession } from "../services/session";

const STATE_COOKIE = "otklik_oauth_state";

const callbackQuery = z.object({
  code: z.string().min(1).max(512).optional(),
  state: z.string().min(1).max(128).optional(),
  error: z.string().max(128).optional(),
});

/** Back into the app with a reason the profile page can show. */
const backToApp = (reason?: string) => (reason ? `/profile?login_error=${encodeURIComponent(reason)}` : "/profile");

export const authRoutes = new Hono<AppEnv>()
  .get("/hh/start", async (c) => {
    const config = hhConfig(c.env, new URL(c.req.url).origin);
    const state = await startLogin(c.env);
    setCookie(c, STATE_COOKIE, state, {
      path: "/auth/hh",
      httpOnly: true,
      // Lax: the cookie must come back on hh.ru's top-level redirect to the callback.
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
      maxAge: 600,
    });
    return c.redirect(authorizeUrl(config, state), 302);
  })
  .get("/hh/callback", async (c) => {
    const parsed = callbackQuery.safeParse(c.req.query());
    const browserState = getCookie(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: "/auth/hh" });
    if (!parsed.success) return c.redirect(backToApp("bad_request"), 302);
    try {
      await finishLogin(c, { ...parsed.data, browserState });
      return c.redirect("/profile", 302);
    } catch (err) {
      if (err instanceof LoginError) return c.redirect(backToApp(err.code), 302);
      throw err;
    }
  })
  .post("/logout", async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  });
