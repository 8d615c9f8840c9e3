import { SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import { applications, hhCache, type Application } from "../shared/schema";
import { APP, browser, type Browser } from "./helpers/app";
import { applicationRow, applyFor, captureApplyQueue, clearApplying, db, setApplication } from "./helpers/apply";
import { useSandbox, type Sandbox } from "./helpers/hh";
import { loginApplicant, selectResume, userIdOf } from "./helpers/resumes";

const { anna, ivan } = SANDBOX_USERS;
const V = SPECIAL_VACANCIES;

const annaWithResume = (sandbox: Sandbox) => loginApplicant(sandbox, anna.id, anna.resumes.frontend);

const allApplications = () => db.select().from(applications);

beforeEach(clearApplying);

describe("POST /api/hh/apply", () => {
  it("records a queued application with the selected resume, enqueues it and answers 202 without calling hh.ru", async () => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await annaWithResume(sandbox);

    const response = await user.post("/api/hh/apply", { vacancy_id: V.normal, cover_letter: "Добрый день!" });
    expect(response.status).toBe(202);
    const application = await response.json<Application>();
    expect(application).toMatchObject({
      vacancy_id: V.normal,
      resume_id: anna.resumes.frontend,
      resume_title: "Frontend-разработчик (React)",
      cover_letter: "Добрый день!",
      status: "queued",
      reason: null,
      hh_negotiation_id: null,
      external_url: null,
      vacancy_title: null,
      employer_name: null,
      vacancy_url: `https://hh.ru/vacancy/${V.normal}`,
    });
    expect(new Date(application.created_at).toISOString()).toBe(application.created_at);
    expect(queue.messages).toEqual([{ application_id: application.id }]);
    expect((await applicationRow(application.id)).user_id).toBe(await userIdOf(anna.id));
    expect(sandbox.apiCalls()).toEqual([]);
  });

  it("takes the vacancy's title, employer and page from the feed's cache when it is there", async () => {
    const sandbox = useSandbox();
    captureApplyQueue();
    const user = await annaWithResume(sandbox);
    await db.insert(hhCache).values({
      key: `vacancy:${V.letterRequired}`,
      value: { id: V.letterRequired, name: "Аналитик данных", employer: { name: "Яндекс" }, alternate_url: `https://hh.ru/vacancy/${V.letterRequired}` },
      expires_at: new Date(Date.now() + 60_000),
    });
    const application = await applyFor(user, V.letterRequired);
    expect(application).toMatchObject({ vacancy_title: "Аналитик данных", employer_name: "Яндекс", vacancy_url: `https://hh.ru/vacancy/${V.letterRequired}` });
    expect(sandbox.apiCalls()).toEqual([]);
  });

  it("answers 401 without a session and stores nothing", async () => {
    const queue = captureApplyQueue();
    const response = await browser().post("/api/hh/apply", { vacancy_id: V.normal, cover_letter: "" });
    expect(response.status).toBe(401);
    expect((await response.json<any>()).error.code).toBe("unauthorized");
    expect(await allApplications()).toEqual([]);
    expect(queue.messages).toEqual([]);
  });

  it("answers 409 no_resume_selected when no resume is chosen, and stores nothing", async () => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await loginApplicant(sandbox, anna.id);
    const response = await user.post("/api/hh/apply", { vacancy_id: V.normal, cover_letter: "Здравствуйте" });
    expect(response.status).toBe(409);
    const body = await response.json<any>();
    expect(body.error.code).toBe("no_resume_selected");
    expect(body.error.message).toMatch(/резюме/);
    expect(await allApplications()).toEqual([]);
    expect(queue.messages).toEqual([]);
  });

  it("applying twice keeps one application and returns it unchanged with 200", async () => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await annaWithResume(sandbox);
    const first = await applyFor(user, V.normal, "Первое письмо");
    const again = await user.post("/api/hh/apply", { vacancy_id: V.normal, cover_letter: "Второе письмо" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(await allApplications()).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  it.each(["sending", "success"] as const)("does not re-send a %s application", async (status) => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await annaWithResume(sandbox);
    const first = await applyFor(user, V.normal);
    await setApplication(first.id, { status, hh_negotiation_id: status === "success" ? "777" : null });
    const again = await user.post("/api/hh/apply", { vacancy_id: V.normal, cover_letter: "ещё раз" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, status, cover_letter: first.cover_letter });
    expect(queue.messages).toHaveLength(1);
  });

  it("re-applying after a failure queues the same row again with the new letter and resume", async () => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await annaWithResume(sandbox);
    const first = await applyFor(user, V.normal, "Старое письмо");
    await setApplication(first.id, { status: "failed", reason: "Вакансия в архиве", external_url: "https://x.example", attempts: 5 });
    await selectResume(anna.id, anna.resumes.web);

    const response = await user.post("/api/hh/apply", { vacancy_id: V.normal, cover_letter: "Новое письмо" });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      id: first.id,
      status: "queued",
      reason: null,
      external_url: null,
      cover_letter: "Новое письмо",
      resume_id: anna.resumes.web,
      resume_title: "Веб-разработчик",
    });
    const row = await applicationRow(first.id);
    expect(row).toMatchObject({ attempts: 0, claimed_at: null });
    expect(await allApplications()).toHaveLength(1);
    expect(queue.messages).toEqual([{ application_id: first.id }, { application_id: first.id }]);
  });

  it("keeps the application when enqueueing fails: still 202 and queued, for the sweeper to pick up", async () => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    queue.send.mockRejectedValueOnce(new Error("queue unavailable"));
    const user = await annaWithResume(sandbox);
    const application = await applyFor(user, V.normal);
    expect((await applicationRow(application.id)).status).toBe("queued");
  });

  it("lets the same vacancy be applied to by two users separately", async () => {
    const sandbox = useSandbox();
    captureApplyQueue();
    const annaUser = await annaWithResume(sandbox);
    const ivanUser = await loginApplicant(sandbox, ivan.id, ivan.resumes.python);
    const a = await applyFor(annaUser, V.normal);
    const b = await applyFor(ivanUser, V.normal);
    expect(a.id).not.toBe(b.id);
    expect(b.resume_id).toBe(ivan.resumes.python);
  });

  it("accepts a letter of exactly 10,000 characters and an omitted letter", async () => {
    const sandbox = useSandbox();
    captureApplyQueue();
    const user = await annaWithResume(sandbox);
    expect((await applyFor(user, V.normal, "я".repeat(10_000))).cover_letter).toHaveLength(10_000);
    const response = await user.post("/api/hh/apply", { vacancy_id: V.direct });
    expect(response.status).toBe(202);
    expect((await response.json<Application>()).cover_letter).toBe("");
  });

  const raw = (user: Browser, body: string, contentType = "application/json") =>
    SELF.fetch(`${APP}/api/hh/apply`, {
      method: "POST",
      headers: { Cookie: user.cookie, "Content-Type": contentType, Origin: APP },
      body,
    });

  it.each([
    ["a missing vacancy_id", { cover_letter: "Здравствуйте" }],
    ["an empty vacancy_id", { vacancy_id: "", cover_letter: "" }],
    ["a 21-digit vacancy_id", { vacancy_id: "1".repeat(21), cover_letter: "" }],
    ["a vacancy_id with letters", { vacancy_id: "9300000a", cover_letter: "" }],
    ["a vacancy_id with a path", { vacancy_id: "1/../2", cover_letter: "" }],
    ["a numeric vacancy_id", { vacancy_id: 93000001, cover_letter: "" }],
    ["a letter over 10,000 characters", { vacancy_id: V.normal, cover_letter: "я".repeat(10_001) }],
    ["a letter that is not a string", { vacancy_id: V.normal, cover_letter: ["a"] }],
  ])("refuses %s with 400 and stores nothing", async (_name, body) => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await annaWithResume(sandbox);
    const response = await user.post("/api/hh/apply", body);
    expect(response.status).toBe(400);
    const error = (await response.json<any>()).error;
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/[а-я]/i);
    expect(await allApplications()).toEqual([]);
    expect(queue.messages).toEqual([]);
  });

  it.each([
    ["malformed JSON", "{\"vacancy_id\": ", "application/json"],
    ["a form body", `vacancy_id=${V.normal}`, "application/x-www-form-urlencoded"],
    ["a text body", JSON.stringify({ vacancy_id: V.normal }), "text/plain"],
  ])("refuses %s with a 4xx JSON error and stores nothing", async (_name, body, contentType) => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await annaWithResume(sandbox);
    const response = await raw(user, body, contentType);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await response.json<any>()).error.code).toEqual(expect.any(String));
    expect(await allApplications()).toEqual([]);
    expect(queue.messages).toEqual([]);
  });

  it("refuses a cross-site request", async () => {
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const user = await annaWithResume(sandbox);
    const response = await SELF.fetch(`${APP}/api/hh/apply`, {
      method: "POST",
      headers: { Cookie: user.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: `vacancy_id=${V.normal}`,
    });
    expect(response.status).toBe(403);
    expect(await allApplications()).toEqual([]);
    expect(queue.messages).toEqual([]);
  });
});

describe("GET /api/applications", () => {
  it("answers 401 without a session", async () => {
    expect((await browser().get("/api/applications")).status).toBe(401);
  });

  it("lists only the user's own applications, newest first, with ISO times", async () => {
    const sandbox = useSandbox();
    captureApplyQueue();
    const annaUser = await annaWithResume(sandbox);
    const ivanUser = await loginApplicant(sandbox, ivan.id, ivan.resumes.analyst);
    const older = await applyFor(annaUser, V.normal);
    const theirs = await applyFor(ivanUser, V.archived);
    const newer = await applyFor(annaUser, V.direct);
    // Same-millisecond inserts must not decide the order: make it explicit.
    await setApplication(older.id, { created_at: new Date(Date.now() - 60_000) });
    await setApplication(newer.id, {
      status: "success",
      hh_negotiation_id: "4242",
      vacancy_title: "Fullstack-разработчик",
      employer_name: "Тинькофф",
    });

    const response = await annaUser.get("/api/applications");
    expect(response.status).toBe(200);
    const { applications: list } = await response.json<{ applications: Application[] }>();
    expect(list.map((a) => a.id)).toEqual([newer.id, older.id]);
    expect(list[0]).toMatchObject({
      vacancy_id: V.direct,
      status: "success",
      hh_negotiation_id: "4242",
      vacancy_title: "Fullstack-разработчик",
      employer_name: "Тинькофф",
      vacancy_url: `https://hh.ru/vacancy/${V.direct}`,
      external_url: null,
      reason: null,
    });
    expect(list[1]!.created_at).toBe(new Date(list[1]!.created_at).toISOString());

    const ivans = await (await ivanUser.get("/api/applications")).json<{ applications: Application[] }>();
    expect(ivans.applications.map((a) => a.id)).toEqual([theirs.id]);
  });

  it("is empty for a user who never applied", async () => {
    const sandbox = useSandbox();
    const user = await loginApplicant(sandbox, anna.id);
    expect(await (await user.get("/api/applications")).json()).toEqual({ applications: [] });
  });
});
