import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, appErrorForHh, onError } from "../src/errors";
import { HhApiError, HhDisconnectedError, HhUnavailableError } from "../src/hh/errors";
import { APP_ACCESS_DENIED, HH_UNAVAILABLE, RECONNECT_REQUIRED } from "../src/hh/messages";
import { validate } from "../src/validation";
import { browser } from "./helpers/app";

function tinyApp() {
  const app = new Hono();
  app.onError(onError);
  app.get("/conflict", () => {
    throw new AppError(409, "no_resume_selected", "Сначала выберите резюме.");
  });
  app.get("/hono", () => {
    throw new HTTPException(413);
  });
  app.get("/bug", () => {
    throw new Error("secret token sbx_123 leaked?");
  });
  app.post("/json", validate("json", z.object({ n: z.number() })), (c) => c.json(c.req.valid("json")));
  return app;
}

describe("onError", () => {
  it("turns our own errors into their status and { error: { code, message } }", async () => {
    const response = await tinyApp().request("/conflict");
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: "no_resume_selected", message: "Сначала выберите резюме." } });
  });

  it("keeps the status of Hono's HTTPExceptions", async () => {
    const response = await tinyApp().request("/hono");
    expect(response.status).toBe(413);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe("too_large");
  });

  it("answers malformed JSON and invalid fields with 400 and a Russian message", async () => {
    const app = tinyApp();
    const malformed = await app.request("/json", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
    const invalid = await app.request("/json", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ n: "1" }),
    });
    expect(invalid.status).toBe(400);
    const body = await invalid.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toMatch(/Некорректное поле «n»/);
  });

  it("hides an unknown error behind a generic 500 and logs no detail beyond its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await tinyApp().request("/bug");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("sbx_");
    expect(JSON.parse(text).error.code).toBe("internal");
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe("hh.ru failures that reach a route", () => {
  it.each([
    ["hh.ru down", new HhUnavailableError(503, "status 503"), 502, "hh_unavailable", HH_UNAVAILABLE],
    ["API closed to the app", new HhApiError(403, "forbidden", null), 403, "hh_forbidden", APP_ACCESS_DENIED],
    ["application not found", new HhApiError(403, "oauth", "application_not_found"), 403, "hh_forbidden", APP_ACCESS_DENIED],
    ["revoked login", new HhDisconnectedError("token_revoked"), 401, "hh_disconnected", RECONNECT_REQUIRED],
    ["rate limit", new HhApiError(429, "too_many_requests", null), 429, "hh_rate_limited", undefined],
  ])("%s → %i %s with the Russian reason, never a 500", (_name, err, status, code, message) => {
    const mapped = appErrorForHh(err)!;
    expect(mapped.status).toBe(status);
    expect(mapped.code).toBe(code);
    if (message) expect(mapped.message).toBe(message);
  });

  it("leaves other errors alone", () => {
    expect(appErrorForHh(new Error("bug"))).toBeNull();
  });
});

describe("the Worker's unknown routes", () => {
  it("answer 404 JSON under /api and /auth, not the app's HTML", async () => {
    for (const path of ["/auth/nope", "/api/nope"]) {
      const response = await browser().get(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get("Content-Type"), path).toContain("application/json");
    }
  });
});
