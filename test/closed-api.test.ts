/**
 * hh.ru closes the job-seeker methods to this app (403 `forbidden`, or
 * `oauth/application_not_found`), as it did to many apps in December 2025. The user
 * sees why through the API — /api/me, the resumes, the history — nothing answers 5xx,
 * and everything works again once hh.ru reopens.
 * (The sync's and the consumer's handling alone are in resumes-sync / negotiation-errors.)
 */
import { beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import type { Application, MeResponse, ResumesResponse } from "../shared/schema";
import { APP_ACCESS_DENIED } from "../src/hh/messages";
import type { Browser } from "./helpers/app";
import { applyFor, captureApplyQueue, clearApplying, deliver } from "./helpers/apply";
import { loginAs } from "./helpers/app";
import { useSandbox } from "./helpers/hh";
import { forgetAllUsers, timePasses } from "./helpers/resume-sync";
import { selectResume } from "./helpers/resumes";

const { anna } = SANDBOX_USERS;
const V = SPECIAL_VACANCIES;

beforeEach(async () => {
  await clearApplying();
  await forgetAllUsers();
});

/** Calls the API and remembers every status, to check at the end that none was a 5xx. */
function recording(user: Browser) {
  const seen: string[] = [];
  const note = async (what: string, response: Promise<Response>) => {
    const r = await response;
    seen.push(`${r.status} ${what}`);
    expect(r.status, `${what}: ${await r.clone().text()}`).toBeLessThan(500);
    expect(r.headers.get("Content-Type"), what).toMatch(/^application\/json/);
    return r;
  };
  return {
    seen,
    get: (path: string) => note(`GET ${path}`, user.get(path)),
    post: (path: string, body?: unknown) => note(`POST ${path}`, user.post(path, body)),
  };
}

describe.each([true, "application_not_found"] as const)("hh.ru closed to the app (closed=%s)", (closed) => {
  it("login works, and sync, feed and apply say hh.ru refused this app's access, never a 5xx", async () => {
    const sandbox = useSandbox();
    captureApplyQueue();
    await sandbox.control("/config", { closed });
    const user = await loginAs(sandbox, anna.id);
    const api = recording(user);

    // The login's sync was refused: the profile says why, and the user is still connected.
    const me = await (await api.get("/api/me")).json<MeResponse>();
    expect(me.hh.connected).toBe(true);
    expect(me.sync.last_error).toBe(APP_ACCESS_DENIED);

    // A manual sync: still refused, the same words, an empty cache rather than an error page.
    await timePasses(anna.id);
    const synced = await (await api.post("/api/hh/resumes/sync")).json<ResumesResponse>();
    expect(synced.resumes).toEqual([]);
    expect(synced.sync.last_error).toBe(APP_ACCESS_DENIED);
    expect((await (await api.get("/api/hh/resumes")).json<ResumesResponse>()).sync.last_error).toBe(APP_ACCESS_DENIED);

    // Vacancy search and details are public methods: the deck and the letter still work without a resume…
    expect((await api.get("/api/vacancies")).status).toBe(200);
    expect((await api.get("/api/areas")).status).toBe(200);
    // …but with one, the deck comes from the seeker's "similar vacancies": refused, with the reason.
    await selectResume(anna.id, anna.resumes.frontend);
    const deck = await api.get("/api/vacancies");
    expect(deck.status).toBe(403);
    expect((await deck.json<{ error: { message: string } }>()).error.message).toBe(APP_ACCESS_DENIED);
    expect((await api.post("/api/cover-letter", { vacancy_id: V.normal })).status).toBe(200);

    // Applying: accepted, then refused by hh.ru; the history shows the reason.
    const application = await applyFor(user, V.normal);
    expect(await deliver(application.id)).toMatchObject({ acked: true, retried: false });
    const history = (await (await api.get("/api/applications")).json<{ applications: Application[] }>()).applications;
    expect(history).toEqual([expect.objectContaining({ id: application.id, status: "failed", reason: APP_ACCESS_DENIED, hh_negotiation_id: null })]);
    expect(await (await sandbox.control("/negotiations")).json()).toEqual([]);
    expect((await (await api.get("/api/me")).json<MeResponse>()).hh.connected).toBe(true);

    // hh.ru reopens: the next sync clears the error, and applying again goes through.
    await sandbox.control("/config", { closed: false });
    await timePasses(anna.id);
    const reopened = await (await api.post("/api/hh/resumes/sync")).json<ResumesResponse>();
    expect(reopened.sync.last_error).toBeNull();
    expect(reopened.resumes).toHaveLength(3);
    const again = await applyFor(user, V.normal);
    expect(again.id).toBe(application.id);
    await deliver(again.id);
    const after = (await (await api.get("/api/applications")).json<{ applications: Application[] }>()).applications;
    expect(after).toEqual([expect.objectContaining({ id: application.id, status: "success", reason: null, hh_negotiation_id: expect.stringMatching(/^\d+$/) })]);
    expect(api.seen.filter((s) => s.startsWith("5"))).toEqual([]);
  });
});
