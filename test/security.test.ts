/**
 * Security rules as tests: cross-site POSTs are refused on every state-changing route,
 * one user can never read or change another's resumes, applications or swipes, and no
 * token, secret or session id ever appears in a response or a log line.
 * (Cookie flags and logout's server-side end are in auth.test.ts.)
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import type { Application, ResumesResponse } from "../shared/schema";
import { APP, loginAs, type Browser } from "./helpers/app";
import { deliver, deliverBatch } from "./helpers/apply";
import { dbSnapshot, expectNothingHappened, fuzzWorld, send } from "./helpers/fuzz";
import { timePasses } from "./helpers/resume-sync";

const { anna, ivan, bench } = SANDBOX_USERS;
const V = SPECIAL_VACANCIES;
const world = fuzzWorld();

/** Every state-changing route, with a body that would be accepted from our own page. */
const STATE_CHANGING: [string, Record<string, string>][] = [
  ["/api/hh/resumes/select", { resume_id: anna.resumes.web }],
  ["/api/hh/resumes/sync", {}],
  ["/api/cover-letter", { vacancy_id: V.normal }],
  ["/api/hh/apply", { vacancy_id: "93000150", cover_letter: "Здравствуйте" }],
  ["/api/swipes", { vacancy_id: "93000150", direction: "right" }],
  ["/auth/logout", {}],
];

/** What a cross-site page can send without a CORS preflight. */
const SIMPLE_BODIES: [string, (fields: Record<string, string>) => string][] = [
  ["application/x-www-form-urlencoded", (f) => new URLSearchParams(f).toString()],
  ["multipart/form-data; boundary=xx", (f) => Object.entries(f).map(([k, v]) => `--xx\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + "--xx--\r\n"],
  ["text/plain", (f) => JSON.stringify(f)], // the classic JSON-in-text/plain forgery
  ["text/plain;charset=UTF-8", (f) => JSON.stringify(f)],
];

const FOREIGN_ORIGINS: { origin: string | null; headers?: Record<string, string> }[] = [
  { origin: "https://evil.example" },
  { origin: "null" }, // sandboxed iframe, data: URL
  { origin: `${APP}.evil.example` },
  { origin: APP.replace("http:", "https:") },
  { origin: null, headers: { "Sec-Fetch-Site": "cross-site" } },
];

describe("cross-site requests", () => {
  it("are refused with 403 on every state-changing route, for every simple content type and foreign origin; nothing changes", async () => {
    const before = await dbSnapshot();
    let attempts = 0;
    for (const [path, fields] of STATE_CHANGING) {
      for (const [contentType, encode] of SIMPLE_BODIES) {
        for (const { origin, headers } of FOREIGN_ORIGINS) {
          const response = await send({ method: "POST", path, cookie: world.anna.cookie, contentType, body: encode(fields), origin, headers });
          const what = `${path} ${contentType} from ${origin}`;
          expect(response.status, what).toBe(403);
          expect(await response.json(), what).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/[А-Яа-я]/) } });
          attempts++;
        }
      }
    }
    expect(attempts).toBe(STATE_CHANGING.length * SIMPLE_BODIES.length * FOREIGN_ORIGINS.length);
    await expectNothingHappened(world, before, "after the cross-site attempts");
    expect((await world.anna.get("/api/me")).status).toBe(200);
  });

  it("from our own page the same form post is let through the CSRF check (and refused only as a bad body)", async () => {
    const response = await send({ method: "POST", path: "/api/swipes", cookie: world.anna.cookie, contentType: "text/plain", body: '{"vacancy_id":"93000150","direction":"right"}' });
    expect(response.status).toBe(400);
  });
});

describe("one user and another's data", () => {
  const ivanRow = async () => (await env.DB.prepare("SELECT * FROM applications WHERE vacancy_id = '93000101'").all()).results;

  it("Anna cannot select Ivan's resume, nor see his resumes, applications or swipes", async () => {
    const before = await dbSnapshot();
    for (const id of Object.values(ivan.resumes)) {
      const response = await world.anna.post("/api/hh/resumes/select", { resume_id: id });
      expect(response.status).toBe(404);
      expect((await response.json<{ error: { code: string } }>()).error.code).toBe("not_found");
    }
    await expectNothingHappened(world, before, "selecting Ivan's resumes");

    const resumes = await (await world.anna.get("/api/hh/resumes")).json<ResumesResponse>();
    expect(resumes.resumes.map((r) => r.hh_resume_id).sort()).toEqual(Object.values(anna.resumes).sort());
    const history = await (await world.anna.get("/api/applications")).json<{ applications: Application[] }>();
    expect(history.applications.map((a) => a.vacancy_id)).toEqual(["93000100"]);
    const ivanHistory = await (await world.ivan.get("/api/applications")).json<{ applications: Application[] }>();
    expect(ivanHistory.applications.map((a) => a.vacancy_id)).toEqual(["93000101"]);
    const me = await (await world.anna.get("/api/me")).json<{ user: { hh_user_id: string } }>();
    expect(me.user.hh_user_id).toBe(anna.id);
  });

  it("Anna applying to and swiping Ivan's vacancy gets her own rows; Ivan's stay as they were", async () => {
    const ivansBefore = await ivanRow();
    const ivanSwipe = await env.DB.prepare("SELECT * FROM swipes WHERE vacancy_id = '93000101'").all();
    const applied = await world.anna.post("/api/hh/apply", { vacancy_id: "93000101", cover_letter: "Анна" });
    expect(applied.status).toBe(202);
    const own = await applied.json<Application>();
    expect(own).toMatchObject({ vacancy_id: "93000101", resume_id: anna.resumes.frontend, status: "queued", cover_letter: "Анна" });
    const swiped = await world.anna.post("/api/swipes", { vacancy_id: "93000101", direction: "right" });
    expect(swiped.status).toBe(201);
    expect(await swiped.json()).toMatchObject({ direction: "right" });

    const rows = await ivanRow();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.id !== own.id)).toEqual(ivansBefore);
    const swipes = (await env.DB.prepare("SELECT * FROM swipes WHERE vacancy_id = '93000101'").all()).results;
    expect(swipes).toHaveLength(2);
    expect(swipes).toContainEqual(ivanSwipe.results[0]);
    // Ivan's view is unchanged: his one application, with his own resume.
    const ivanHistory = await (await world.ivan.get("/api/applications")).json<{ applications: Application[] }>();
    expect(ivanHistory.applications).toEqual([expect.objectContaining({ vacancy_id: "93000101", resume_id: "r1", status: "success" })]);
  });
});

describe("secrets", () => {
  it("no token, client secret, encryption key or session id in any response or log line, from login to revocation", { timeout: 30_000 }, async () => {
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(`${level}: ${args.map((a) => (a instanceof Error ? `${a.name} ${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`);
      });
    }
    const responses: string[] = [];
    const record = async (what: string, response: Response) => {
      const headers = [...response.headers].filter(([name]) => name.toLowerCase() !== "set-cookie");
      responses.push(`${what} ${response.status} ${JSON.stringify(headers)} ${await response.clone().text()}`);
      return response;
    };
    const sandbox = world.sandbox;

    const user: Browser = await loginAs(sandbox, bench.id);
    const get = async (path: string) => record(`GET ${path}`, await user.get(path));
    const post = async (path: string, body?: unknown) => record(`POST ${path}`, await user.post(path, body));
    const consume = async (id: number) => deliver(id);

    await get("/api/me");
    await timePasses(bench.id);
    await post("/api/hh/resumes/sync");
    await post("/api/hh/resumes/select", { resume_id: bench.resumes.r1 });
    await get("/api/hh/resumes");
    await get("/api/vacancies");
    await get("/api/areas");
    await post("/api/cover-letter", { vacancy_id: V.normal });
    await post("/api/swipes", { vacancy_id: "93000120", direction: "left" });
    for (const vacancy of [V.normal, V.testRequired, V.direct]) {
      const application = await (await post("/api/hh/apply", { vacancy_id: vacancy, cover_letter: "Здравствуйте" })).json<Application>();
      await consume(application.id);
    }
    // Failures: hh.ru down for the feed, a 5xx on applying (retried), an odd error body, a malformed message.
    await sandbox.control("/faults", { status: 503, path_prefix: "/resumes" });
    await get("/api/vacancies?page=1");
    await sandbox.control("/faults", { status: 500, path_prefix: "/negotiations", method: "POST" });
    const retried = await (await post("/api/hh/apply", { vacancy_id: "93000121" })).json<Application>();
    await consume(retried.id);
    await consume(retried.id);
    await sandbox.control("/faults", { status: 400, body: { errors: [{ type: "bad_argument", value: "resume_id" }] }, path_prefix: "/negotiations" });
    await consume((await (await post("/api/hh/apply", { vacancy_id: "93000122" })).json<Application>()).id);
    await deliverBatch([{ body: { nonsense: true } }]);
    // The token expires and is refreshed on the way.
    await sandbox.control(`/users/${bench.id}/expire-token`, {});
    await get("/api/vacancies?page=2");
    await consume((await (await post("/api/hh/apply", { vacancy_id: "93000123" })).json<Application>()).id);
    // hh.ru closes to the app, then the user revokes access.
    await sandbox.control("/config", { closed: true });
    await timePasses(bench.id);
    await post("/api/hh/resumes/sync");
    await sandbox.control("/config", { closed: false });
    await sandbox.control(`/users/${bench.id}/revoke`, {});
    await get("/api/vacancies?page=3");
    await consume((await (await post("/api/hh/apply", { vacancy_id: "93000124" })).json<Application>()).id);
    await timePasses(bench.id);
    await post("/api/hh/resumes/sync");
    const history = await (await get("/api/applications")).json<{ applications: Application[] }>();
    expect(history.applications.map((a) => a.status).sort()).toEqual(["failed", "failed", "failed", "failed", "success", "success", "success"]);
    await get("/api/me");
    await post("/auth/logout");

    const state = sandbox.state;
    const tokens = [...state.tokensByAccess.keys(), ...state.tokensByRefresh.keys()];
    expect(tokens.some((t) => t.startsWith("sbx_")) && tokens.some((t) => t.startsWith("sbxr_"))).toBe(true);
    const sessionIds = [user, world.anna, world.ivan].map((b) => b.cookie.split("=")[1]!);
    const secrets = [...tokens, env.HH_CLIENT_SECRET!, env.TOKEN_ENCRYPTION_KEY!, ...sessionIds];
    expect(lines.some((l) => l.includes("dropped")), "the Worker's log lines are captured").toBe(true);
    expect(responses.length).toBeGreaterThan(20);
    for (const text of [...lines, ...responses]) {
      for (const secret of secrets) expect(text.includes(secret), `${secret.slice(0, 6)}… in: ${text.slice(0, 300)}`).toBe(false);
      expect(text).not.toMatch(/\bsbx[rc]?_[A-Za-z0-9]/);
    }
  });
});
