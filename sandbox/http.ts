// Shared request plumbing: request ids, the request log, latency, faults, User-Agent and
// Bearer checks. hh.ru answers auth failures with 403 `oauth/<value>`.
import type { Context, MiddlewareHandler } from "hono";
import type { SandboxState } from "./state";
import type { SandboxUser } from "./types";
import { badArgumentBody, errorBody, type HhError, randomHex, sleep } from "./util";

export type SbEnv = {
  Variables: {
    requestId: string;
    user: SandboxUser;
    /** Form fields to show in the request log (tokens and secrets already removed). */
    logForm: Record<string, string> | undefined;
  };
};
export type SbContext = Context<SbEnv>;

export const CONTROL_PREFIX = "/__sandbox";
const isControl = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
const isConsentPage = (path: string) => path.startsWith("/oauth/authorize");
const isTokenEndpoint = (path: string) => path === "/token" || path === "/oauth/token";

export function hhError(c: SbContext, status: number, errors: HhError[], extra: Record<string, unknown> = {}) {
  return c.json(errorBody(c.get("requestId"), errors, extra), status as 400);
}

export function badArgument(c: SbContext, name: string, description?: string) {
  return c.json(badArgumentBody(c.get("requestId"), name, description), 400);
}

const SECRET_FIELDS = new Set(["client_secret", "code", "refresh_token", "access_token"]);
export function loggableForm(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** Outermost: request id, and the log entry for every non-control request. */
export function requestLog(state: SandboxState): MiddlewareHandler<SbEnv> {
  return async (c, next) => {
    const requestId = randomHex(16);
    c.set("requestId", requestId);
    await next();
    c.header("X-Request-Id", requestId);
    const path = c.req.path;
    if (isControl(path)) return;
    const query = Object.fromEntries(
      Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0]! : v] as const),
    ) as Record<string, string | string[]>;
    state.requests.push({
      at: new Date(state.now()).toISOString(),
      method: c.req.method,
      path,
      query,
      status: c.res.status,
      has_bearer: /^Bearer\s+\S/i.test(c.req.header("Authorization") ?? ""),
      ...(c.var.user ? { user_id: c.var.user.id } : {}),
      ...(c.var.logForm ? { form: c.var.logForm } : {}),
    });
  };
}

function defaultFaultBody(status: number): { json?: unknown; text?: string } {
  if (status === 429) return { json: { errors: [{ type: "too_many_requests" }] } };
  if (status === 403) return { json: { errors: [{ type: "forbidden" }], description: "Forbidden" } };
  if (status === 404) return { json: { errors: [{ type: "not_found" }] } };
  if (status >= 500) {
    // hh.ru's front proxies answer 5xx with an HTML page, not JSON.
    return { text: `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>\n` };
  }
  return { json: { errors: [{ type: "bad_argument", value: "sandbox_fault" }] } };
}

/** Latency, injected faults and the User-Agent check for API and token requests. */
export function apiGate(state: SandboxState): MiddlewareHandler<SbEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (isControl(path) || isConsentPage(path)) return next();
    if (state.config.latency_ms > 0) await sleep(state.config.latency_ms);
    const fault = state.takeFault(c.req.method, path);
    if (fault) {
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.status > 0) {
        const rid = c.get("requestId");
        if (fault.body !== undefined) {
          return typeof fault.body === "string"
            ? c.body(fault.body, fault.status as 500, { "Content-Type": "text/html; charset=utf-8" })
            : c.json(fault.body, fault.status as 500);
        }
        const d = defaultFaultBody(fault.status);
        if (d.text !== undefined) return c.body(d.text, fault.status as 500, { "Content-Type": "text/html; charset=utf-8" });
        return c.json({ ...(d.json as object), request_id: rid }, fault.status as 500);
      }
    }
    if (isTokenEndpoint(path)) return next();
    if (!hasAcceptableUserAgent(c.req.header("HH-User-Agent"), c.req.header("User-Agent"))) {
      return hhError(c, 400, [{ type: "bad_user_agent", value: "unset" }]);
    }
    return next();
  };
}

/** hh.ru wants `App/1.0 (contact@example.com)`; runtimes add their own generic User-Agent, so
 *  a plain User-Agent only counts when it carries a contact like hh.ru asks. */
export function hasAcceptableUserAgent(hhUa: string | undefined, ua: string | undefined): boolean {
  if (hhUa && hhUa.trim() !== "") return true;
  return !!ua && /\(.+@.+\)/.test(ua);
}

export type AuthMode = "required" | "optional";

/** Bearer check. Optional mode (vacancies, areas) still rejects a bad token, like hh.ru. */
export function authenticate(state: SandboxState, mode: AuthMode): MiddlewareHandler<SbEnv> {
  return async (c, next) => {
    const header = c.req.header("Authorization");
    if (!header) {
      if (mode === "optional") return next();
      return hhError(c, 403, [{ type: "oauth", value: "user_auth_expected" }], { description: "Forbidden" });
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const rec = m ? state.tokensByAccess.get(m[1]!) : undefined;
    if (!rec) return hhError(c, 403, [{ type: "oauth", value: "bad_authorization" }], { description: "Forbidden" });
    if (rec.status === "revoked" || rec.status === "deactivated") {
      return hhError(c, 403, [{ type: "oauth", value: "token_revoked" }], { description: "Forbidden", oauth_error: "token-revoked" });
    }
    if (rec.status === "refreshed" || state.now() >= rec.expires_at) {
      return hhError(c, 403, [{ type: "oauth", value: "token_expired" }], { description: "Forbidden", oauth_error: "token-expired" });
    }
    const user = state.users.get(rec.user_id);
    if (!user) return hhError(c, 403, [{ type: "oauth", value: "bad_authorization" }], { description: "Forbidden" });
    c.set("user", user);
    return next();
  };
}

/** Job-seeker methods that hh.ru may refuse to an app (since December 2025). */
export function seekerGate(state: SandboxState): MiddlewareHandler<SbEnv> {
  return async (c, next) => {
    const closed = state.config.closed;
    if (closed === "application_not_found") {
      return hhError(c, 403, [{ type: "oauth", value: "application_not_found" }], { description: "Forbidden" });
    }
    if (closed) return hhError(c, 403, [{ type: "forbidden" }], { description: "Forbidden" });
    return next();
  };
}
