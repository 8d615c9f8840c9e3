// The dev-only fake hh.ru behaves like hh.ru where the app depends on it.
import { beforeEach, describe, expect, it } from "vitest";
import { createSandbox, SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/app";

const CLIENT = { client_id: "otklik-sandbox", client_secret: "otklik-sandbox-secret" };
const REDIRECT = "http://localhost:8787/auth/hh/callback";
const UA = { "HH-User-Agent": "Otklik-Test/1.0 (test@otklik.example)" };
const ANNA = SANDBOX_USERS.anna;

let clock = Date.parse("2026-12-01T10:00:00Z");
let sb: ReturnType<typeof createSandbox>;

beforeEach(() => {
  clock = Date.parse("2026-12-01T10:00:00Z");
  sb = createSandbox({ now: () => clock, tokenTtlSeconds: 3600 });
});

const req = (path: string, init?: RequestInit) => sb.app.request(`http://sandbox.test${path}`, init);
const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const control = (path: string, body?: unknown, method = "POST") =>
  req(`/__sandbox${path}`, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

async function authorize(user: string = ANNA.id, state = "st4te"): Promise<string> {
  const res = await req("/oauth/authorize/decide", form({ ...CLIENT, client_secret: "", redirect_uri: REDIRECT, state, user }));
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get("Location")!);
  expect(loc.searchParams.get("state")).toBe(state);
  return loc.searchParams.get("code")!;
}

type Tokens = { access_token: string; refresh_token: string; expires_in: number; token_type: string };
async function login(user: string = ANNA.id): Promise<Tokens> {
  const code = await authorize(user);
  const res = await req("/token", form({ grant_type: "authorization_code", ...CLIENT, code, redirect_uri: REDIRECT }));
  expect(res.status).toBe(200);
  return res.json();
}

const api = (token: string, path: string, init: RequestInit = {}) =>
  req(path, { ...init, headers: { ...UA, Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

function apply(token: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return api(token, "/negotiations", { method: "POST", body, redirect: "manual" });
}

async function errorOf(res: Response): Promise<{ type: string; value?: string }> {
  const body = (await res.json()) as { errors: { type: string; value?: string }[]; request_id: string };
  expect(body.request_id).toBeTruthy();
  return body.errors[0]!;
}

describe("oauth", () => {
  it("consent page lists the test users and a refusal", async () => {
    const res = await req(`/oauth/authorize?response_type=code&client_id=otklik-sandbox&redirect_uri=${encodeURIComponent(REDIRECT)}&state=abc`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Войти как Анна Смирнова");
    expect(html).toContain("Отказать");
    expect((await req(`/oauth/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`)).status).toBe(400);
  });

  it("refusal redirects with access_denied and the state", async () => {
    const res = await req("/oauth/authorize/decide", form({ client_id: CLIENT.client_id, redirect_uri: REDIRECT, state: "s1", deny: "1" }));
    const loc = new URL(res.headers.get("Location")!);
    expect(loc.searchParams.get("error")).toBe("access_denied");
    expect(loc.searchParams.get("state")).toBe("s1");
  });

  it("code grant gives bearer tokens for 14 days by default, and /me answers", async () => {
    sb = createSandbox();
    const t = await login();
    expect(t).toMatchObject({ token_type: "bearer", expires_in: 1209600 });
    const me = await (await api(t.access_token, "/me")).json();
    expect(me).toMatchObject({ id: ANNA.id, first_name: "Анна", is_applicant: true, auth_type: "applicant" });
  });

  it("a code works once", async () => {
    const code = await authorize();
    const grant = { grant_type: "authorization_code", ...CLIENT, code, redirect_uri: REDIRECT };
    expect((await req("/token", form(grant))).status).toBe(200);
    const again = await req("/oauth/token", form(grant));
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: "invalid_grant", error_description: "code has already been used" });
  });

  it("token endpoint wants a form body, the right client and redirect_uri", async () => {
    const code = await authorize();
    const json = await req("/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ grant_type: "authorization_code", code }) });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe("invalid_request");
    const badClient = await req("/token", form({ grant_type: "authorization_code", ...CLIENT, client_secret: "x", code, redirect_uri: REDIRECT }));
    expect(((await badClient.json()) as { error: string }).error).toBe("invalid_client");
    const badRedirect = await req("/token", form({ grant_type: "authorization_code", ...CLIENT, code, redirect_uri: "http://evil.example/cb" }));
    expect(await badRedirect.json()).toEqual({ error: "invalid_request", error_description: "bad redirect url" });
  });

  it("refresh is refused before expiry, works once after, then says already refreshed", async () => {
    const t = await login();
    const refresh = form({ grant_type: "refresh_token", refresh_token: t.refresh_token });
    const early = await req("/token", refresh);
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual({ error: "invalid_grant", error_description: "token not expired" });

    clock += 3601_000;
    const expired = await api(t.access_token, "/me");
    expect(expired.status).toBe(403);
    expect(await errorOf(expired)).toEqual({ type: "oauth", value: "token_expired" });

    const ok = await req("/token", form({ grant_type: "refresh_token", refresh_token: t.refresh_token }));
    expect(ok.status).toBe(200);
    const fresh = (await ok.json()) as Tokens;
    expect((await api(fresh.access_token, "/me")).status).toBe(200);
    expect((await api(t.access_token, "/me")).status).toBe(403);

    const reuse = await req("/token", form({ grant_type: "refresh_token", refresh_token: t.refresh_token }));
    expect(await reuse.json()).toEqual({ error: "invalid_grant", error_description: "token has already been refreshed" });
  });

  it("control: expire-token, revoke and deactivate", async () => {
    const t = await login();
    await control(`/users/${ANNA.id}/expire-token`);
    expect(await errorOf(await api(t.access_token, "/me"))).toEqual({ type: "oauth", value: "token_expired" });
    await control(`/users/${ANNA.id}/revoke`);
    expect(await errorOf(await api(t.access_token, "/me"))).toEqual({ type: "oauth", value: "token_revoked" });
    const r = await req("/token", form({ grant_type: "refresh_token", refresh_token: t.refresh_token }));
    expect(await r.json()).toEqual({ error: "invalid_grant", error_description: "token was revoked" });

    const t2 = await login();
    await control(`/users/${ANNA.id}/deactivate`);
    clock += 3601_000;
    const r2 = await req("/token", form({ grant_type: "refresh_token", refresh_token: t2.refresh_token }));
    expect(await r2.json()).toEqual({ error: "invalid_grant", error_description: "token deactivated" });
  });

  it("DELETE /oauth/token revokes the token", async () => {
    const t = await login();
    expect((await api(t.access_token, "/oauth/token", { method: "DELETE" })).status).toBe(204);
    expect(await errorOf(await api(t.access_token, "/me"))).toEqual({ type: "oauth", value: "token_revoked" });
  });
});

describe("api basics", () => {
  it("requires HH-User-Agent (or a User-Agent with a contact)", async () => {
    const t = await login();
    const res = await req("/me", { headers: { Authorization: `Bearer ${t.access_token}`, "User-Agent": "node" } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ type: "bad_user_agent", value: "unset" });
    const ok = await req("/me", { headers: { Authorization: `Bearer ${t.access_token}`, "User-Agent": "Otklik/1.0 (a@b.ru)" } });
    expect(ok.status).toBe(200);
  });

  it("unknown token and missing token are 403 oauth errors", async () => {
    expect(await errorOf(await api("sbx_nope", "/me"))).toEqual({ type: "oauth", value: "bad_authorization" });
    expect(await errorOf(await req("/me", { headers: UA }))).toEqual({ type: "oauth", value: "user_auth_expected" });
  });

  it("resumes: list without skill_set, full resume with it, someone else's is 404", async () => {
    const t = await login();
    const list = (await (await api(t.access_token, "/resumes/mine")).json()) as { found: number; items: Record<string, unknown>[] };
    expect(list.found).toBe(3);
    expect(list.items[0]).not.toHaveProperty("skill_set");
    expect(list.items[0]!.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0300$/);
    const full = (await (await api(t.access_token, `/resumes/${ANNA.resumes.frontend}`)).json()) as { skill_set: string[] };
    expect(full.skill_set).toContain("React");
    const other = await api(t.access_token, `/resumes/${SANDBOX_USERS.ivan.resumes.python}`);
    expect(other.status).toBe(404);
    expect(await errorOf(other)).toEqual({ type: "not_found" });
  });

  it("bench user has exactly 20 resumes, paged by per_page", async () => {
    const t = await login(SANDBOX_USERS.bench.id);
    const p = (await (await api(t.access_token, "/resumes/mine?per_page=8&page=2")).json()) as { found: number; pages: number; items: unknown[] };
    expect(p).toMatchObject({ found: 20, pages: 3 });
    expect(p.items).toHaveLength(4);
  });

  it("touching a resume changes updated_at and title", async () => {
    const t = await login();
    const before = (await (await api(t.access_token, `/resumes/${ANNA.resumes.web}`)).json()) as { title: string; updated_at: string };
    clock += 60_000;
    expect((await control(`/resumes/${ANNA.resumes.web}/touch`)).status).toBe(200);
    const after = (await (await api(t.access_token, `/resumes/${ANNA.resumes.web}`)).json()) as { title: string; updated_at: string };
    expect(after.title).not.toBe(before.title);
    expect(after.updated_at).not.toBe(before.updated_at);
  });

  it("vacancy search filters and pages; a normal and a test-required vacancy come first", async () => {
    const all = (await (await req("/vacancies?per_page=5", { headers: UA })).json()) as { found: number; items: { id: string; has_test: boolean }[] };
    expect(all.found).toBeGreaterThanOrEqual(60);
    expect(all.items.map((v) => v.id)).toEqual(expect.arrayContaining([SPECIAL_VACANCIES.normal, SPECIAL_VACANCIES.testRequired]));
    const spb = (await (await req("/vacancies?area=2&text=аналитик&only_with_salary=true&per_page=100", { headers: UA })).json()) as {
      items: { area: { id: string }; name: string; salary: unknown }[];
    };
    expect(spb.items.length).toBeGreaterThan(0);
    for (const v of spb.items) {
      expect(v.area.id).toBe("2");
      expect(v.name.toLowerCase()).toContain("аналитик");
      expect(v.salary).not.toBeNull();
    }
    const remote = (await (await req("/vacancies?schedule=remote&per_page=100", { headers: UA })).json()) as { items: { schedule: { id: string } }[] };
    expect(remote.items.every((v) => v.schedule.id === "remote")).toBe(true);
    const deep = await req("/vacancies?per_page=100&page=20", { headers: UA });
    expect(deep.status).toBe(400);
    expect(await errorOf(deep)).toEqual({ type: "bad_argument", value: "page" });
  });

  it("vacancy details and similar vacancies for a resume", async () => {
    const v = (await (await req(`/vacancies/${SPECIAL_VACANCIES.testRequired}`, { headers: UA })).json()) as Record<string, unknown>;
    expect(v).toMatchObject({ has_test: true, test: { required: true }, archived: false, type: { id: "open" } });
    expect(v.key_skills).toEqual(expect.arrayContaining([{ name: "Python" }]));
    expect((await req("/vacancies/1", { headers: UA })).status).toBe(404);

    const t = await login();
    const sim = (await (await api(t.access_token, `/resumes/${ANNA.resumes.frontend}/similar_vacancies?per_page=3`)).json()) as {
      items: { name: string; has_test: boolean }[];
    };
    expect(sim.items[0]!.has_test).toBe(false);
    expect(sim.items.some((x) => x.has_test)).toBe(true);
    expect(sim.items[0]!.name).toMatch(/Frontend/);
    expect((await api(t.access_token, `/resumes/${SANDBOX_USERS.ivan.resumes.python}/similar_vacancies`)).status).toBe(404);
  });

  it("unknown paths are JSON 404", async () => {
    const res = await req("/nope", { headers: UA });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ type: "not_found" });
  });
});

describe("POST /negotiations", () => {
  let token: string;
  beforeEach(async () => {
    token = (await login()).access_token;
  });
  const fr = ANNA.resumes.frontend;

  it("creates a negotiation: 201, empty body, Location; it shows in the list", async () => {
    const res = await apply(token, { vacancy_id: SPECIAL_VACANCIES.normal, resume_id: fr, message: "Здравствуйте!" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Location")).toMatch(/^\/negotiations\/\d+$/);
    expect(await res.text()).toBe("");
    const list = (await (await api(token, "/negotiations")).json()) as { found: number; items: { state: { id: string }; vacancy: { id: string }; resume: { id: string } }[] };
    expect(list.found).toBe(1);
    expect(list.items[0]).toMatchObject({ state: { id: "response" }, vacancy: { id: SPECIAL_VACANCIES.normal }, resume: { id: fr } });
    const log = (await (await control("/negotiations", undefined, "GET")).json()) as { vacancy_id: string; message_length: number }[];
    expect(log).toEqual([expect.objectContaining({ vacancy_id: SPECIAL_VACANCIES.normal, message_length: 13 })]);
  });

  it("second application to the same vacancy is already_applied, even with another resume", async () => {
    await apply(token, { vacancy_id: SPECIAL_VACANCIES.normal, resume_id: fr });
    const res = await apply(token, { vacancy_id: SPECIAL_VACANCIES.normal, resume_id: ANNA.resumes.web });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ type: "negotiations", value: "already_applied" });
  });

  it.each([
    [SPECIAL_VACANCIES.testRequired, 403, "test_required"],
    [SPECIAL_VACANCIES.archived, 403, "archived"],
    [SPECIAL_VACANCIES.letterRequired, 403, "empty_message"],
    ["99999999", 400, "vacancy_not_found"],
  ])("vacancy %s → %i %s", async (vacancy_id, status, value) => {
    const res = await apply(token, { vacancy_id, resume_id: fr, message: "  " });
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toEqual({ type: "negotiations", value });
  });

  it("someone else's resume is resume_not_found; a long letter is too_long_message", async () => {
    const other = await apply(token, { vacancy_id: SPECIAL_VACANCIES.normal, resume_id: SANDBOX_USERS.ivan.resumes.python });
    expect(await errorOf(other)).toEqual({ type: "negotiations", value: "resume_not_found" });
    const long = await apply(token, { vacancy_id: SPECIAL_VACANCIES.letterRequired, resume_id: fr, message: "а".repeat(10_001) });
    expect(long.status).toBe(403);
    expect(await errorOf(long)).toEqual({ type: "negotiations", value: "too_long_message" });
  });

  it("direct vacancy answers 303 to the employer's site and creates nothing", async () => {
    const res = await apply(token, { vacancy_id: SPECIAL_VACANCIES.direct, resume_id: fr });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`https://employer.example/careers/${SPECIAL_VACANCIES.direct}`);
    expect(sb.state.negotiations).toHaveLength(0);
  });

  it("body must be multipart with vacancy_id and resume_id", async () => {
    const urlencoded = await api(token, "/negotiations", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `vacancy_id=${SPECIAL_VACANCIES.normal}&resume_id=${fr}`,
    });
    expect(urlencoded.status).toBe(400);
    expect((await errorOf(urlencoded)).type).toBe("bad_argument");
    const missing = await apply(token, { vacancy_id: SPECIAL_VACANCIES.normal });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ errors: [{ type: "bad_argument", value: "resume_id" }], bad_argument: "resume_id" });
  });

  it("daily limit → 400 limit_exceeded; a day later it works again", async () => {
    await control("/config", { negotiations_daily_limit: 2 });
    const ids = ["93000100", "93000101", "93000102"];
    expect((await apply(token, { vacancy_id: ids[0]!, resume_id: fr, message: "x" })).status).toBe(201);
    expect((await apply(token, { vacancy_id: ids[1]!, resume_id: fr, message: "x" })).status).toBe(201);
    const third = await apply(token, { vacancy_id: ids[2]!, resume_id: fr, message: "x" });
    expect(third.status).toBe(400);
    expect(await errorOf(third)).toEqual({ type: "negotiations", value: "limit_exceeded" });
    clock += 86_401_000;
    token = (await login()).access_token;
    expect((await apply(token, { vacancy_id: ids[2]!, resume_id: fr, message: "x" })).status).toBe(201);
  });
});

describe("control: faults, closed mode, request log", () => {
  it("next N matching requests fail with the given status; 5xx bodies are not JSON", async () => {
    await control("/faults", { count: 2, status: 502, path_prefix: "/vacancies" });
    const a = await req("/vacancies", { headers: UA });
    expect(a.status).toBe(502);
    expect(a.headers.get("Content-Type")).toContain("text/html");
    expect((await req("/vacancies", { headers: UA })).status).toBe(502);
    expect((await req("/vacancies", { headers: UA })).status).toBe(200);
    await control("/faults", { count: 1, status: 429 });
    const limited = await req("/areas", { headers: UA });
    expect(limited.status).toBe(429);
    expect(await errorOf(limited)).toEqual({ type: "too_many_requests" });
  });

  it("chaos is reproducible with a seed and clears", async () => {
    const run = async () => {
      await control("/faults", { chaos: { rate: 0.5, statuses: [429, 503], seed: 42 } });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await req("/areas", { headers: UA })).status);
      return out;
    };
    const first = await run();
    expect(first.some((s) => s !== 200)).toBe(true);
    expect(first.some((s) => s === 200)).toBe(true);
    expect(await run()).toEqual(first);
    await control("/faults", { clear: true });
    expect((await req("/areas", { headers: UA })).status).toBe(200);
  });

  it("closed mode refuses job-seeker methods but not /me", async () => {
    const t = await login();
    await control("/config", { closed: true });
    const res = await api(t.access_token, "/resumes/mine");
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ type: "forbidden" });
    expect((await apply(t.access_token, { vacancy_id: SPECIAL_VACANCIES.normal, resume_id: ANNA.resumes.frontend })).status).toBe(403);
    expect((await api(t.access_token, "/me")).status).toBe(200);
    await control("/config", { closed: "application_not_found" });
    expect(await errorOf(await api(t.access_token, "/negotiations"))).toEqual({ type: "oauth", value: "application_not_found" });
  });

  it("request log records API calls without tokens; reset clears everything", async () => {
    const t = await login();
    await apply(t.access_token, { vacancy_id: SPECIAL_VACANCIES.normal, resume_id: ANNA.resumes.frontend, message: "Добрый день" });
    const log = (await (await control("/requests", undefined, "GET")).json()) as { path: string; has_bearer: boolean; form?: Record<string, string> }[];
    const text = JSON.stringify(log);
    expect(text).not.toContain(t.access_token);
    expect(text).not.toContain(t.refresh_token);
    expect(text).not.toContain("otklik-sandbox-secret");
    expect(log.find((e) => e.path === "/negotiations")).toMatchObject({ has_bearer: true, form: { vacancy_id: SPECIAL_VACANCIES.normal, message_length: "11" } });
    await control("/reset");
    expect(sb.state.negotiations).toHaveLength(0);
    expect(await errorOf(await api(t.access_token, "/me"))).toEqual({ type: "oauth", value: "bad_authorization" });
  });
});

describe("control: fresh users", () => {
  it("POST /__sandbox/users creates a job seeker with N resumes who can log in; reset removes them", async () => {
    const res = await control("/users", { first_name: "Замер", last_name: "Первый", resumes: 20 });
    expect(res.status).toBe(201);
    const user = (await res.json()) as { id: string; name: string; resumes: string[] };
    expect(user.name).toBe("Замер Первый");
    expect(new Set(user.resumes).size).toBe(20);
    const other = (await (await control("/users", { resumes: 0 })).json()) as { id: string };
    expect(other.id).not.toBe(user.id);

    const t = await login(user.id);
    const list = (await (await api(t.access_token, "/resumes/mine")).json()) as { found: number; items: { id: string }[] };
    expect(list.found).toBe(20);
    expect(list.items.map((r) => r.id).sort()).toEqual([...user.resumes].sort());
    expect((await api(t.access_token, `/resumes/${user.resumes[0]}`)).status).toBe(200);

    expect((await control("/users", { resumes: -1 })).status).toBe(400);
    expect((await control("/users", { resumes: 1000 })).status).toBe(400);
    await control("/reset");
    expect(sb.state.users.has(user.id)).toBe(false);
  });
});
