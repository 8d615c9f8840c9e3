// The sandbox: a dev-only fake hh.ru (OAuth pages, token endpoint and API on one origin).
// Pure Hono + Web APIs, so it runs in workerd (tests) and under Node (sandbox/server.ts).
import { Hono } from "hono";
import { registerApi } from "./api";
import { registerControl } from "./control";
import { apiGate, requestLog, type SbEnv } from "./http";
import { registerNegotiations } from "./negotiations";
import { registerOAuth } from "./oauth";
import { type SandboxOptions, SandboxState } from "./state";
import { errorBody } from "./util";

export { SANDBOX_USERS, SPECIAL_VACANCIES } from "./seed";
export { SandboxState, type SandboxOptions } from "./state";

export function createSandbox(options: SandboxOptions = {}): { app: Hono<SbEnv>; state: SandboxState } {
  const state = new SandboxState(options);
  const app = new Hono<SbEnv>();
  app.use("*", requestLog(state));
  app.use("*", apiGate(state));
  registerControl(app, state);
  registerOAuth(app, state);
  registerApi(app, state);
  registerNegotiations(app, state);
  app.notFound((c) => c.json(errorBody(c.get("requestId"), [{ type: "not_found" }], { description: "Not Found" }), 404));
  app.onError((err, c) => {
    if (err instanceof SyntaxError) return c.json({ error: "invalid JSON body" }, 400);
    console.error("sandbox error:", err.message);
    return c.body("<html><body><h1>500 Internal Server Error</h1></body></html>", 500, { "Content-Type": "text/html" });
  });
  return { app, state };
}
