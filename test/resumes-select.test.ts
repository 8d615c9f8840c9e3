import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { ResumesResponse } from "../shared/schema";
import { SANDBOX_USERS } from "../sandbox/seed";
import { browser, loginAs, type Browser } from "./helpers/app";
import { useSandbox } from "./helpers/hh";
import { forgetAllUsers } from "./helpers/resume-sync";

const anna = SANDBOX_USERS.anna;
const ivan = SANDBOX_USERS.ivan;

/** Every user's selected hh resume ids, straight from D1. */
async function selectedInDb() {
  const { results } = await env.DB.prepare(
    "SELECT u.hh_user_id AS user, r.hh_resume_id AS resume FROM resumes r JOIN users u ON u.id = r.user_id WHERE r.selected = 1 ORDER BY u.hh_user_id",
  ).all<{ user: string; resume: string }>();
  return results;
}

async function select(user: Browser, resumeId: unknown) {
  return user.post("/api/hh/resumes/select", { resume_id: resumeId });
}

beforeEach(forgetAllUsers);

describe("GET /api/hh/resumes", () => {
  it("serves the cached list from D1 without asking hh.ru", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    sandbox.sent.length = 0;
    const response = await user.get("/api/hh/resumes");
    expect(response.status).toBe(200);
    const body = await response.json<ResumesResponse>();
    expect(sandbox.sent).toHaveLength(0);
    expect(body.resumes.map((r) => r.hh_resume_id).sort()).toEqual(Object.values(anna.resumes).sort());
    // Newest on hh.ru first.
    expect(body.resumes.map((r) => r.hh_resume_id)).toEqual([anna.resumes.frontend, anna.resumes.web, anna.resumes.draft]);
    expect(body.resumes.every((r) => r.selected === false)).toBe(true);
    expect(body.sync).toMatchObject({ last_error: null, running: false });
    expect(body.notice).toBeNull();
  });

  it("answers 401 without a session", async () => {
    expect((await browser().get("/api/hh/resumes")).status).toBe(401);
    expect((await browser().post("/api/hh/resumes/select", { resume_id: anna.resumes.web })).status).toBe(401);
    expect((await browser().post("/api/hh/resumes/sync")).status).toBe(401);
  });
});

describe("POST /api/hh/resumes/select", () => {
  it("marks exactly one resume selected, replacing the previous choice", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    sandbox.sent.length = 0;

    const first = await select(user, anna.resumes.web);
    expect(first.status).toBe(200);
    const firstBody = await first.json<ResumesResponse>();
    expect(firstBody.resumes.filter((r) => r.selected).map((r) => r.hh_resume_id)).toEqual([anna.resumes.web]);
    expect(firstBody.resumes).toHaveLength(3);

    const second = await (await select(user, anna.resumes.frontend)).json<ResumesResponse>();
    expect(second.resumes.filter((r) => r.selected).map((r) => r.hh_resume_id)).toEqual([anna.resumes.frontend]);
    expect(await selectedInDb()).toEqual([{ user: anna.id, resume: anna.resumes.frontend }]);
    expect(sandbox.sent).toHaveLength(0);
  });

  it("keeps each user's choice to themselves", async () => {
    const sandbox = useSandbox();
    const annaBrowser = await loginAs(sandbox, anna.id);
    const ivanBrowser = await loginAs(sandbox, ivan.id);
    expect((await select(ivanBrowser, ivan.resumes.python)).status).toBe(200);
    expect((await select(annaBrowser, anna.resumes.draft)).status).toBe(200);
    expect(await selectedInDb()).toEqual([
      { user: anna.id, resume: anna.resumes.draft },
      { user: ivan.id, resume: ivan.resumes.python },
    ]);
    const ivanList = await (await ivanBrowser.get("/api/hh/resumes")).json<ResumesResponse>();
    expect(ivanList.resumes.map((r) => r.hh_resume_id).sort()).toEqual(Object.values(ivan.resumes).sort());
  });

  it.each([
    ["another user's resume", ivan.resumes.analyst],
    ["a resume id nobody has", "0123456789abcdef"],
  ])("answers 404 for %s and changes nothing", async (_name, resumeId) => {
    const sandbox = useSandbox();
    const annaBrowser = await loginAs(sandbox, anna.id);
    const ivanBrowser = await loginAs(sandbox, ivan.id);
    await select(annaBrowser, anna.resumes.web);
    await select(ivanBrowser, ivan.resumes.python);
    const before = await selectedInDb();

    const response = await select(annaBrowser, resumeId);
    expect(response.status).toBe(404);
    expect((await response.json<{ error: { code: string; message: string } }>()).error).toMatchObject({ code: "not_found" });
    expect(await selectedInDb()).toEqual(before);
  });

  it.each([
    ["no resume_id", {}],
    ["a number", { resume_id: 42 }],
    ["an empty id", { resume_id: "" }],
    ["a path in the id", { resume_id: "../me" }],
    ["an id longer than 64", { resume_id: "a".repeat(65) }],
    ["a list", [anna.resumes.web]],
  ])("answers 400 for %s and changes nothing", async (_name, body) => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    await select(user, anna.resumes.web);
    const response = await user.post("/api/hh/resumes/select", body);
    expect(response.status).toBe(400);
    const error = (await response.json<{ error: { code: string; message: string } }>()).error;
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/[а-я]/i);
    expect(await selectedInDb()).toEqual([{ user: anna.id, resume: anna.resumes.web }]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const response = await SELF.fetch(`${env.APP_ORIGIN}/api/hh/resumes/select`, {
      method: "POST",
      headers: { Cookie: user.cookie, Origin: env.APP_ORIGIN!, "Content-Type": "application/json" },
      body: "{resume_id:",
    });
    expect(response.status).toBe(400);
    expect(await selectedInDb()).toEqual([]);
  });
});
