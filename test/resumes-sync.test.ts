import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { MeResponse, ResumesResponse } from "../shared/schema";
import { SANDBOX_USERS } from "../sandbox/seed";
import { parseHhDate } from "../src/hh/dates";
import { APP_ACCESS_DENIED, HH_RATE_LIMITED, HH_UNAVAILABLE, RECONNECT_REQUIRED } from "../src/hh/messages";
import { THROTTLED_NOTICE } from "../src/services/resume-sync";
import { useSandbox, type Sandbox } from "./helpers/hh";
import { loginAs } from "./helpers/app";
import { forgetAllUsers, resumeSyncFinished, timePasses, userRow } from "./helpers/resume-sync";

const anna = SANDBOX_USERS.anna;
const bench = SANDBOX_USERS.bench;
const isDetail = (path: string) => /^\/resumes\/(?!mine$)[^/]+$/.test(path);
const detailCalls = (sandbox: Sandbox) => sandbox.apiCalls().filter((r) => isDetail(r.path)).map((r) => r.path.slice("/resumes/".length));
const listCalls = (sandbox: Sandbox) => sandbox.apiCalls().filter((r) => r.path === "/resumes/mine");

async function syncNow(user: { post(path: string): Promise<Response> }) {
  const response = await user.post("/api/hh/resumes/sync");
  expect(response.status).toBe(200);
  return response.json<ResumesResponse>();
}

beforeEach(forgetAllUsers);

describe("sync right after login", () => {
  it("fills the cache without any request from the UI: list once, then each resume's details", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    expect(listCalls(sandbox)).toHaveLength(1);
    expect(detailCalls(sandbox).sort()).toEqual(Object.values(anna.resumes).sort());

    const me = await (await user.get("/api/me")).json<MeResponse>();
    expect(me.sync.running).toBe(false);
    expect(me.sync.last_error).toBeNull();
    expect(Date.parse(me.sync.last_synced_at!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("keeps the full hh.ru resume (skill_set, experience, education) and serves a short summary", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const row = await env.DB.prepare("SELECT content, updated_at FROM resumes WHERE hh_resume_id = ?")
      .bind(anna.resumes.frontend)
      .first<{ content: string; updated_at: number }>();
    const content = JSON.parse(row!.content);
    expect(content.skill_set).toEqual(["React", "TypeScript", "Redux", "Next.js", "Jest", "Webpack", "CSS3", "REST API"]);
    expect(content.experience[0].company).toBe("Медиаплатформа Волна");
    expect(content.education.primary[0].name).toContain("Баумана");
    // hh.ru's "2026-11-20T11:15:00+0300" is the seed's 08:15 UTC.
    expect(row!.updated_at).toBe(Date.parse("2026-11-20T08:15:00Z"));

    const list = await (await user.get("/api/hh/resumes")).json<ResumesResponse>();
    const frontend = list.resumes.find((r) => r.hh_resume_id === anna.resumes.frontend)!;
    expect(frontend).toMatchObject({
      title: "Frontend-разработчик (React)",
      status: "published",
      alternate_url: `https://hh.ru/resume/${anna.resumes.frontend}`,
      updated_at: "2026-11-20T08:15:00.000Z",
      selected: false,
      summary: {
        position: "Ведущий frontend-разработчик",
        salary: "250\u202f000\u00a0₽",
        area: "Москва",
        skills: ["React", "TypeScript", "Redux", "Next.js", "Jest"],
      },
    });
    const draft = list.resumes.find((r) => r.hh_resume_id === anna.resumes.draft)!;
    expect(draft.status).toBe("not_published");
    expect(draft.summary.salary).toBeNull();
  });

  it("does not make the login wait: the user is in while the sync still runs", async () => {
    const sandbox = useSandbox();
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const handle = sandbox.app.fetch;
    sandbox.app.fetch = async (request, ...rest) => {
      if (new URL(request.url).pathname === "/resumes/mine") await gate;
      return handle(request, ...rest);
    };
    const since = Date.now();
    const user = await loginAs(sandbox, anna.id, { waitForSync: false });

    const during = await (await user.get("/api/hh/resumes")).json<ResumesResponse>();
    expect(during.resumes).toEqual([]);
    expect(during.sync.running).toBe(true);
    expect((await (await user.get("/api/me")).json<MeResponse>()).sync.running).toBe(true);

    openGate();
    await resumeSyncFinished(anna.id, since);
    const after = await (await user.get("/api/hh/resumes")).json<ResumesResponse>();
    expect(after.resumes).toHaveLength(3);
    expect(after.sync.running).toBe(false);
  });

  it("lets the login finish even when hh.ru then fails the sync, and records why", async () => {
    const sandbox = useSandbox();
    await sandbox.control("/faults", { count: 1, status: 503, path_prefix: "/resumes/mine" });
    const user = await loginAs(sandbox, anna.id);
    const me = await (await user.get("/api/me")).json<MeResponse>();
    expect(me.sync).toEqual({ last_synced_at: null, last_error: HH_UNAVAILABLE, running: false });
  });
});

describe("GET|POST /api/hh/resumes/sync", () => {
  it("asks hh.ru only for the list when nothing changed", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    await timePasses(anna.id);
    sandbox.sent.length = 0;
    const body = await syncNow(user);
    expect(sandbox.apiCalls().map((r) => r.path)).toEqual(["/resumes/mine"]);
    expect(body.resumes).toHaveLength(3);
    expect(body.notice).toBeNull();
  });

  it("fetches a resume changed on hh.ru again, and only that one", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    await sandbox.control(`/resumes/${anna.resumes.web}/touch`, {});
    await timePasses(anna.id);
    sandbox.sent.length = 0;
    const body = await syncNow(user);
    expect(detailCalls(sandbox)).toEqual([anna.resumes.web]);
    expect(body.resumes.find((r) => r.hh_resume_id === anna.resumes.web)!.title).toBe("Веб-разработчик · правка 1");
    expect(body.resumes.find((r) => r.hh_resume_id === anna.resumes.frontend)!.title).toBe("Frontend-разработчик (React)");
  });

  it("drops resumes deleted on hh.ru; losing the selected one unselects it and tells the user until they pick another", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    expect((await user.post("/api/hh/resumes/select", { resume_id: anna.resumes.web })).status).toBe(200);

    await sandbox.control(`/resumes/${anna.resumes.draft}`, undefined, "DELETE");
    await timePasses(anna.id);
    const afterDraft = await syncNow(user);
    expect(afterDraft.resumes.map((r) => r.hh_resume_id)).not.toContain(anna.resumes.draft);
    expect(afterDraft.resumes.find((r) => r.selected)?.hh_resume_id).toBe(anna.resumes.web);
    expect(afterDraft.notice).toBeNull();

    await sandbox.control(`/resumes/${anna.resumes.web}`, undefined, "DELETE");
    await timePasses(anna.id);
    const afterWeb = await syncNow(user);
    expect(afterWeb.resumes.map((r) => r.hh_resume_id)).toEqual([anna.resumes.frontend]);
    expect(afterWeb.resumes.some((r) => r.selected)).toBe(false);
    expect(afterWeb.notice).toContain("«Веб-разработчик»");
    expect(afterWeb.notice).toMatch(/Выберите другое резюме/);

    // The word stays for a later visit (the sync may have run in the background) …
    const later = await (await user.get("/api/hh/resumes")).json<ResumesResponse>();
    expect(later.notice).toBe(afterWeb.notice);
    // … until another resume is chosen.
    const chosen = await (await user.post("/api/hh/resumes/select", { resume_id: anna.resumes.frontend })).json<ResumesResponse>();
    expect(chosen.notice).toBeNull();
    expect((await userRow(anna.id))!.sync_error).toBeNull();
  });

  it("fetches details in parallel but never more than six at a time", async () => {
    const sandbox = useSandbox({ latencyMs: 40 });
    let inFlight = 0;
    let maxInFlight = 0;
    const handle = sandbox.app.fetch;
    sandbox.app.fetch = async (request, ...rest) => {
      const detail = isDetail(new URL(request.url).pathname);
      if (detail) maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await handle(request, ...rest);
      } finally {
        if (detail) inFlight--;
      }
    };
    const user = await loginAs(sandbox, bench.id);
    expect(detailCalls(sandbox)).toHaveLength(20);
    expect(maxInFlight).toBe(6);
    const list = await (await user.get("/api/hh/resumes")).json<ResumesResponse>();
    expect(list.resumes).toHaveLength(20);
  });

  it("serves the cache, saying so, when asked again within a minute of the last sync", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    sandbox.sent.length = 0;
    const viaPost = await syncNow(user);
    const viaGet = await (await user.get("/api/hh/resumes/sync")).json<ResumesResponse>();
    expect(sandbox.apiCalls()).toHaveLength(0);
    for (const body of [viaPost, viaGet]) {
      expect(body.notice).toBe(THROTTLED_NOTICE);
      expect(body.resumes).toHaveLength(3);
      expect(body.sync.running).toBe(false);
    }
  });

  it("runs one sync when two are asked for at once; the second waits and returns its result", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    await sandbox.control(`/resumes/${anna.resumes.frontend}/touch`, {});
    await sandbox.control("/config", { latency_ms: 100 });
    await timePasses(anna.id);
    sandbox.sent.length = 0;
    const [first, second] = await Promise.all([syncNow(user), syncNow(user)]);
    expect(listCalls(sandbox)).toHaveLength(1);
    expect(detailCalls(sandbox)).toEqual([anna.resumes.frontend]);
    for (const body of [first, second]) {
      expect(body.resumes.find((r) => r.hh_resume_id === anna.resumes.frontend)!.title).toMatch(/правка 1$/);
      expect(body.sync.running).toBe(false);
      expect(body.notice).toBeNull();
    }
  });

  it("takes over a claim left by a sync that died more than a minute ago", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    await timePasses(anna.id, 120_000);
    await env.DB.prepare("UPDATE users SET sync_claimed_at = ? WHERE hh_user_id = ?").bind(Date.now() - 61_000, anna.id).run();
    sandbox.sent.length = 0;
    const body = await syncNow(user);
    expect(listCalls(sandbox)).toHaveLength(1);
    expect(body.sync.running).toBe(false);
    expect((await userRow(anna.id))!.sync_claimed_at).toBeNull();
  });
});

describe("a failed sync keeps the cache and says why", () => {
  it.each([
    ["hh.ru answers 503", (s: Sandbox) => s.control("/faults", { status: 503, count: 5, path_prefix: "/resumes" }), HH_UNAVAILABLE, true],
    ["hh.ru rate-limits (429)", (s: Sandbox) => s.control("/faults", { status: 429, count: 5, path_prefix: "/resumes" }), HH_RATE_LIMITED, true],
    ["hh.ru closed the API to the app (403 forbidden)", (s: Sandbox) => s.control("/config", { closed: true }), APP_ACCESS_DENIED, true],
    ["hh.ru does not know the app any more", (s: Sandbox) => s.control("/config", { closed: "application_not_found" }), APP_ACCESS_DENIED, true],
    ["the user revoked the app's access", (s: Sandbox) => s.control(`/users/${anna.id}/revoke`, {}), RECONNECT_REQUIRED, false],
  ])("when %s", async (_name, breakHh, message, connected) => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const before = await userRow(anna.id);
    await sandbox.control(`/resumes/${anna.resumes.frontend}/touch`, {});
    await breakHh(sandbox);
    await timePasses(anna.id);

    const body = await syncNow(user);
    expect(body.resumes).toHaveLength(3);
    expect(body.resumes.find((r) => r.hh_resume_id === anna.resumes.frontend)!.title).toBe("Frontend-разработчик (React)");
    expect(body.sync.last_error).toBe(message);
    expect(body.sync.running).toBe(false);
    expect(Date.parse(body.sync.last_synced_at!)).toBe(before!.synced_at! - 61_000);

    const me = await (await user.get("/api/me")).json<MeResponse>();
    expect(me.sync.last_error).toBe(message);
    expect(me.hh.connected).toBe(connected);
  });

  it("keeps the old copy when a changed resume's details fail, and the next good sync clears the error", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    await sandbox.control(`/resumes/${anna.resumes.frontend}/touch`, {});
    await sandbox.control("/faults", { status: 502, count: 1, path_prefix: `/resumes/${anna.resumes.frontend}` });
    await timePasses(anna.id);
    const failed = await syncNow(user);
    expect(failed.sync.last_error).toBe(HH_UNAVAILABLE);
    expect(failed.resumes.find((r) => r.hh_resume_id === anna.resumes.frontend)!.title).toBe("Frontend-разработчик (React)");

    await timePasses(anna.id);
    const fixed = await syncNow(user);
    expect(fixed.sync.last_error).toBeNull();
    expect(fixed.resumes.find((r) => r.hh_resume_id === anna.resumes.frontend)!.title).toMatch(/правка 1$/);
    const me = await (await user.get("/api/me")).json<MeResponse>();
    expect(me.sync.last_error).toBeNull();
  });
});

describe("parseHhDate", () => {
  it.each([
    ["2024-05-01T12:00:00+0300", "2024-05-01T09:00:00.000Z"],
    ["2024-05-01T12:00:00+03:00", "2024-05-01T09:00:00.000Z"],
    ["2024-05-01T12:00:00-0130", "2024-05-01T13:30:00.000Z"],
    ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01T12:00:00.123456+0300", "2024-05-01T09:00:00.123Z"],
    ["2024-05-01T12:00+0300", "2024-05-01T09:00:00.000Z"],
    ["2024-05-01T12:00:00", "2024-05-01T09:00:00.000Z"],
  ])("reads %s", (input, iso) => {
    expect(parseHhDate(input)?.toISOString()).toBe(iso);
  });

  it.each([[""], ["вчера"], ["2024-02-31T12:00:00+0300"], ["2024-05-01T25:00:00+0300"], [null], [1714550400]])(
    "refuses %s",
    (input) => {
      expect(parseHhDate(input)).toBeNull();
    },
  );
});
