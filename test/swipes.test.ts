import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import { APP, browser } from "./helpers/app";
import { forgetFeedState, loginQuiet, userIdOf } from "./helpers/feed";
import { useSandbox } from "./helpers/hh";

const anna = SANDBOX_USERS.anna;
const ivan = SANDBOX_USERS.ivan;
const vacancy = SPECIAL_VACANCIES.normal;

interface SwipeRowJson {
  user_id: number;
  vacancy_id: string;
  direction: string;
}
const swipeRows = async () =>
  (await env.DB.prepare("SELECT user_id, vacancy_id, direction FROM swipes ORDER BY id").all<SwipeRowJson>()).results;

beforeEach(forgetFeedState);

describe("POST /api/swipes", () => {
  it("remembers a swipe and answers 201 with it, without asking hh.ru", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    const response = await user.post("/api/swipes", { vacancy_id: vacancy, direction: "right" });
    expect(response.status).toBe(201);
    const body = await response.json<Record<string, unknown>>();
    expect(body).toEqual({ vacancy_id: vacancy, direction: "right", created_at: expect.any(String) });
    expect(Date.parse(body.created_at as string)).not.toBeNaN();
    expect(await swipeRows()).toEqual([{ user_id: await userIdOf(anna.id), vacancy_id: vacancy, direction: "right" }]);
    expect(sandbox.apiCalls()).toEqual([]);
  });

  it("answers a repeat with 200 and the stored swipe: no second row, the first direction stands", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    const first = await (await user.post("/api/swipes", { vacancy_id: vacancy, direction: "left" })).json();
    const again = await user.post("/api/swipes", { vacancy_id: vacancy, direction: "left" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    const changed = await user.post("/api/swipes", { vacancy_id: vacancy, direction: "right" });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual(first);
    expect(await swipeRows()).toHaveLength(1);
  });

  it("keeps each user's swipes apart", async () => {
    const sandbox = useSandbox();
    const annaBrowser = await loginQuiet(sandbox, anna.id);
    const ivanBrowser = await loginQuiet(sandbox, ivan.id);
    expect((await annaBrowser.post("/api/swipes", { vacancy_id: vacancy, direction: "left" })).status).toBe(201);
    const ivans = await ivanBrowser.post("/api/swipes", { vacancy_id: vacancy, direction: "right" });
    expect(ivans.status).toBe(201);
    expect(await ivans.json()).toMatchObject({ direction: "right" });
    expect(await swipeRows()).toEqual([
      { user_id: await userIdOf(anna.id), vacancy_id: vacancy, direction: "left" },
      { user_id: await userIdOf(ivan.id), vacancy_id: vacancy, direction: "right" },
    ]);
  });

  it.each([
    ["a vacancy id with letters", { vacancy_id: "93a", direction: "left" }],
    ["an empty vacancy id", { vacancy_id: "", direction: "left" }],
    ["a vacancy id of 21 digits", { vacancy_id: "1".repeat(21), direction: "left" }],
    ["a vacancy id as a number", { vacancy_id: 93000001, direction: "left" }],
    ["no vacancy id", { direction: "left" }],
    ["an unknown direction", { vacancy_id: vacancy, direction: "up" }],
    ["no direction", { vacancy_id: vacancy }],
    ["no body at all", undefined],
  ])("refuses %s with 400 and records nothing", async (_name, body) => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    const response = await user.post("/api/swipes", body);
    expect(response.status).toBe(400);
    const json = await response.json<{ error: { code: string; message: string } }>();
    expect(json.error.code).toMatch(/^(invalid_input|bad_request)$/);
    expect(json.error.message).toMatch(/[а-яё]/i);
    expect(await swipeRows()).toEqual([]);
  });

  it("refuses broken JSON with 400", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    const response = await SELF.fetch(`${APP}/api/swipes`, {
      method: "POST",
      headers: { Cookie: user.cookie, "Content-Type": "application/json", Origin: APP },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await swipeRows()).toEqual([]);
  });

  it("needs a session and a same-origin request", async () => {
    const sandbox = useSandbox();
    expect((await browser().post("/api/swipes", { vacancy_id: vacancy, direction: "left" })).status).toBe(401);
    const user = await loginQuiet(sandbox, anna.id);
    // What a page on another site can send without a preflight: a "simple" text/plain POST.
    const crossSite = await SELF.fetch(`${APP}/api/swipes`, {
      method: "POST",
      headers: { Cookie: user.cookie, "Content-Type": "text/plain", Origin: "https://evil.example" },
      body: JSON.stringify({ vacancy_id: vacancy, direction: "left" }),
    });
    expect(crossSite.status).toBe(403);
    expect(await swipeRows()).toEqual([]);
  });
});
