// Control API for tests, demos and benchmarks: /__sandbox/*. JSON in, JSON out; no auth,
// no latency, no faults, not logged. Dev-only, like the rest of the sandbox.
import type { Hono } from "hono";
import { CONTROL_PREFIX, type SbContext, type SbEnv } from "./http";
import { EMPLOYERS, SANDBOX_USERS, SPECIAL_VACANCIES } from "./seed";
import { MAX_ADDED_USER_RESUMES, type SandboxState } from "./state";
import type { ClosedMode, SandboxConfig } from "./types";

async function jsonBody(c: SbContext): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  const v: unknown = JSON.parse(text);
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);
const bad = (c: SbContext, message: string) => c.json({ error: message }, 400);

const PALETTE = ["#d6001c", "#0070ff", "#00a05a", "#ff8a00", "#7b4bff", "#00a3b4", "#e0457b"];

export function registerControl(app: Hono<SbEnv>, state: SandboxState): void {
  const P = CONTROL_PREFIX;

  app.get(P, (c) => c.json({ config: state.config, users: SANDBOX_USERS, special_vacancies: SPECIAL_VACANCIES, client_id: state.clientId }));

  app.post(`${P}/reset`, (c) => {
    state.reset();
    return c.json({ ok: true });
  });

  app.get(`${P}/config`, (c) => c.json(state.config));
  app.post(`${P}/config`, async (c) => {
    const b = await jsonBody(c);
    const patch: Partial<SandboxConfig> = {};
    if ("latency_ms" in b) patch.latency_ms = num(b.latency_ms) ?? 0;
    if ("token_ttl_seconds" in b) {
      const ttl = num(b.token_ttl_seconds);
      if (ttl === undefined || ttl < 1) return bad(c, "token_ttl_seconds must be a positive number");
      patch.token_ttl_seconds = ttl;
    }
    if ("negotiations_daily_limit" in b) {
      const lim = num(b.negotiations_daily_limit);
      if (lim === undefined) return bad(c, "negotiations_daily_limit must be ≥ 0");
      patch.negotiations_daily_limit = lim;
    }
    if ("closed" in b) {
      if (b.closed !== true && b.closed !== false && b.closed !== "application_not_found" && b.closed !== "forbidden") {
        return bad(c, 'closed must be true, false, "forbidden" or "application_not_found"');
      }
      patch.closed = (b.closed === "forbidden" ? true : b.closed) as ClosedMode;
    }
    return c.json(state.configure(patch));
  });

  app.post(`${P}/faults`, async (c) => {
    const b = await jsonBody(c);
    if (b.clear === true) {
      state.clearFaults();
      return c.json({ ok: true, faults: 0, chaos: null });
    }
    if (b.chaos && typeof b.chaos === "object") {
      const ch = b.chaos as Record<string, unknown>;
      const rate = typeof ch.rate === "number" ? ch.rate : NaN;
      if (!(rate >= 0 && rate <= 1)) return bad(c, "chaos.rate must be within 0..1");
      const statuses = Array.isArray(ch.statuses) ? ch.statuses.filter((s): s is number => typeof s === "number") : undefined;
      state.setChaos({ rate, statuses, latency_spike_ms: num(ch.latency_spike_ms), seed: num(ch.seed), path_prefix: typeof ch.path_prefix === "string" ? ch.path_prefix : undefined });
    }
    if (b.status !== undefined) {
      const status = typeof b.status === "number" ? b.status : NaN;
      if (!(Number.isInteger(status) && status >= 200 && status <= 599)) return bad(c, "status must be an HTTP status");
      state.addFault({
        count: num(b.count) ?? 1,
        status,
        body: b.body,
        path_prefix: typeof b.path_prefix === "string" ? b.path_prefix : undefined,
        method: typeof b.method === "string" ? b.method : undefined,
      });
    }
    return c.json({ ok: true, faults: state.faults.map((f) => ({ ...f })), chaos: state.chaos ? { ...state.chaos, rng: undefined } : null });
  });

  app.post(`${P}/users`, async (c) => {
    const b = await jsonBody(c);
    const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 100) : undefined);
    const count = b.resumes === undefined ? 0 : num(b.resumes);
    if (count === undefined || !Number.isInteger(count) || count > MAX_ADDED_USER_RESUMES) {
      return bad(c, `resumes must be an integer within 0..${MAX_ADDED_USER_RESUMES}`);
    }
    const { user, resumes } = state.addUser({ first_name: str(b.first_name), last_name: str(b.last_name), resumes: count });
    return c.json({ id: user.id, name: `${user.first_name} ${user.last_name}`, resumes: resumes.map((r) => r.id) }, 201);
  });

  const userAction = (fn: (id: string) => number) => (c: SbContext) => {
    const id = c.req.param("id") ?? "";
    if (!state.users.has(id)) return c.json({ error: "user not found" }, 404);
    return c.json({ ok: true, tokens: fn(id) });
  };
  app.post(`${P}/users/:id/expire-token`, userAction((id) => state.expireTokens(id)));
  app.post(`${P}/users/:id/revoke`, userAction((id) => state.revokeUser(id)));
  app.post(`${P}/users/:id/deactivate`, userAction((id) => state.deactivateUser(id)));

  app.post(`${P}/users/:id/resumes`, async (c) => {
    const b = await jsonBody(c);
    const r = state.addResume(c.req.param("id"), {
      base_title: typeof b.title === "string" ? b.title : undefined,
      skill_set: Array.isArray(b.skill_set) ? b.skill_set.filter((s): s is string => typeof s === "string") : undefined,
      skills: typeof b.skills === "string" ? b.skills : undefined,
      area_id: typeof b.area_id === "string" ? b.area_id : undefined,
      status: b.status === "not_published" ? "not_published" : undefined,
    });
    return r ? c.json({ id: r.id, title: r.title }, 201) : c.json({ error: "user not found" }, 404);
  });

  app.post(`${P}/resumes/:id/touch`, (c) => {
    const r = state.touchResume(c.req.param("id"));
    return r ? c.json({ id: r.id, title: r.title, updated_at: new Date(r.updated_at).toISOString() }) : c.json({ error: "resume not found" }, 404);
  });
  app.delete(`${P}/resumes/:id`, (c) =>
    state.deleteResume(c.req.param("id")) ? c.json({ ok: true }) : c.json({ error: "resume not found" }, 404),
  );

  app.get(`${P}/requests`, (c) => c.json(state.requests));
  app.delete(`${P}/requests`, (c) => {
    state.requests = [];
    return c.json({ ok: true });
  });

  app.get(`${P}/negotiations`, (c) =>
    c.json(
      state.negotiations.map((n) => ({
        id: n.id,
        user_id: n.user_id,
        vacancy_id: n.vacancy_id,
        resume_id: n.resume_id,
        message_length: n.message_length,
        created_at: new Date(n.created_at).toISOString(),
      })),
    ),
  );

  // Employer logos, so logo_urls point at something that renders.
  app.get(`${P}/logos/:file`, (c) => {
    const id = c.req.param("file").replace(/\.svg$/, "");
    const e = EMPLOYERS.find((x) => x.id === id);
    if (!e) return c.json({ error: "not found" }, 404);
    const color = PALETTE[Number(id) % PALETTE.length]!;
    const initials = e.name.split(/\s+/).map((w) => w[0] ?? "").join("").slice(0, 2).toUpperCase();
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240"><rect width="240" height="240" rx="48" fill="${color}"/><text x="120" y="150" font-family="Arial,sans-serif" font-size="96" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
    return c.body(svg, 200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" });
  });
}
