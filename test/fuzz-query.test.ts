/**
 * Fuzzing the query-parameter routes (the vacancy feed, the OAuth callback), logout,
 * and the session cookie itself: no 5xx, refusals in Russian JSON (or, for the
 * callback, a redirect with a reason), and nothing stored, enqueued or asked of hh.ru.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SANDBOX_USERS } from "../sandbox/seed";
import { EXPERIENCE_IDS, SCHEDULE_IDS } from "../src/services/feed";
import {
  anyValue,
  cookieText,
  dbSnapshot,
  expectNothingHappened,
  expectRefusal,
  FUZZ_TIMEOUT,
  fuzzWorld,
  oddString,
  RUNS,
  send,
  wrongContentType,
} from "./helpers/fuzz";

const world = fuzzWorld();

type Pair = [string, string];
const KNOWN = ["text", "area", "salary", "only_with_salary", "experience", "schedule", "page"];
const SINGLE = KNOWN.filter((k) => k !== "area");
const short = (s: string) => s.slice(0, 3_000);

/** Filters the feed accepts. */
const validFilters = fc.record(
  {
    text: fc.string({ maxLength: 30 }),
    area: fc.array(fc.constantFrom("1", "2", "113", ""), { maxLength: 3 }),
    salary: fc.oneof(fc.stringMatching(/^\d{1,9}$/), fc.constant("")),
    only_with_salary: fc.constantFrom("true", "false", ""),
    experience: fc.constantFrom(...EXPERIENCE_IDS, ""),
    schedule: fc.constantFrom(...SCHEDULE_IDS, ""),
    page: fc.oneof(fc.stringMatching(/^\d{1,3}$/), fc.constant("")),
  },
  { requiredKeys: [] },
);

const not = (re: RegExp) => oddString.filter((s) => s !== "" && !re.test(s)).map(short);
const notIn = (values: readonly string[]) => oddString.filter((s) => s !== "" && !values.includes(s)).map(short);

/** One thing that makes a feed query invalid, and the key it owns (removed from the valid part). */
const invalidPart: fc.Arbitrary<{ owns: string | null; pairs: Pair[] }> = fc.oneof(
  fc.tuple(oddString.filter((k) => k !== "" && k !== "__proto__" && !KNOWN.includes(k)), oddString).map(([k, v]) => ({ owns: null, pairs: [[short(k), short(v)]] as Pair[] })),
  fc.tuple(fc.constantFrom(...SINGLE), oddString, oddString).map(([k, a, b]) => ({ owns: k, pairs: [[k, short(a)], [k, short(b)]] as Pair[] })),
  fc.integer({ min: 201, max: 5_000 }).map((n) => ({ owns: "text", pairs: [["text", `я${"x".repeat(n)}`]] as Pair[] })),
  not(/^\d{1,10}$/).map((v) => ({ owns: null, pairs: [["area", v]] as Pair[] })),
  fc.integer({ min: 21, max: 40 }).map((n) => ({ owns: "area", pairs: Array.from({ length: n }, (_, i) => ["area", String(i + 1)] as Pair) })),
  not(/^\d{1,9}$/).map((v) => ({ owns: "salary", pairs: [["salary", v]] as Pair[] })),
  notIn(["true", "false"]).map((v) => ({ owns: "only_with_salary", pairs: [["only_with_salary", v]] as Pair[] })),
  notIn(EXPERIENCE_IDS).map((v) => ({ owns: "experience", pairs: [["experience", v]] as Pair[] })),
  notIn(SCHEDULE_IDS).map((v) => ({ owns: "schedule", pairs: [["schedule", v]] as Pair[] })),
  not(/^\d{1,9}$/).map((v) => ({ owns: "page", pairs: [["page", v]] as Pair[] })),
);

describe("GET /api/vacancies with bad filters", () => {
  it(`refuses ${RUNS} bad queries with 400 in Russian, without asking hh.ru`, FUZZ_TIMEOUT, async () => {
    const before = await dbSnapshot();
    const query = fc.tuple(validFilters, fc.array(invalidPart, { minLength: 1, maxLength: 3 })).chain(([valid, bad]) => {
      const owned = new Set(bad.map((b) => b.owns));
      const pairs: Pair[] = Object.entries(valid)
        .filter(([k]) => !owned.has(k))
        .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as Pair) : [[k, v as string] as Pair]));
      return fc.shuffledSubarray([...pairs, ...bad.flatMap((b) => b.pairs)], { minLength: pairs.length + bad.flatMap((b) => b.pairs).length });
    });
    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        const response = await send({ path: `/api/vacancies?${search}`, cookie: world.anna.cookie });
        const body = await expectRefusal(response, [400]);
        expect(body.error.code).toBe("invalid_input");
        await expectNothingHappened(world, before, search.slice(0, 300));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("GET /auth/hh/callback with odd queries", () => {
  it(`sends ${RUNS} odd callbacks back to the profile with a reason: no session, no user, no token request`, FUZZ_TIMEOUT, async () => {
    const before = await dbSnapshot();
    const field = fc.oneof(oddString.map(short), fc.constantFrom("access_denied", "", "x".repeat(513)));
    const callback = fc.record({
      pairs: fc.array(fc.tuple(fc.constantFrom("code", "state", "error", "error_description", "x"), field), { maxLength: 5 }),
      /** The state cookie: none, garbage, or the query's own state (unknown to the server). */
      cookie: fc.constantFrom("none", "garbage", "echo"),
      /** Start a real login first and use its state and cookie (the code stays forged). */
      realState: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(callback, async ({ pairs, cookie, realState }) => {
        const query = new URLSearchParams(pairs.filter(([k]) => !(realState && k === "state")));
        let stateCookie = cookie === "garbage" ? "otklik_oauth_state=%zz;%;=" : cookie === "echo" ? `otklik_oauth_state=${encodeURIComponent(query.get("state") ?? "")}` : "";
        if (realState) {
          const start = await send({ path: "/auth/hh/start" });
          const state = new URL(start.headers.get("Location")!).searchParams.get("state")!;
          query.set("state", state);
          stateCookie = `otklik_oauth_state=${state}`;
        }
        const response = await send({ path: `/auth/hh/callback?${query}`, cookie: stateCookie });
        const what = `${query.toString().slice(0, 300)} cookie=${cookie} real=${realState}`;
        expect(response.status, what).toBe(302);
        expect(response.headers.get("Location"), what).toMatch(/^\/profile\?login_error=(bad_state|bad_request|access_denied|hh_refused|hh_unavailable)$/);
        expect(response.headers.getSetCookie().filter((c) => c.startsWith("otklik_session=")), what).toEqual([]);
        // A forged code may reach hh.ru's token endpoint (which refuses it); nothing else may.
        expect(world.sandbox.sent.filter((r) => r.path !== "/token").map((r) => r.path), what).toEqual([]);
        if (!realState) expect(world.sandbox.sent, what).toEqual([]);
        world.sandbox.sent.length = 0;
        await expectNothingHappened(world, before, what);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("POST /auth/logout with odd input", () => {
  it(`answers ${RUNS} odd logouts without a 5xx and ends no one else's session`, FUZZ_TIMEOUT, async () => {
    const annaId = world.anna.cookie.split("=")[1]!;
    const before = await dbSnapshot();
    const logout = fc.record({
      cookie: fc.oneof(
        cookieText.map((s) => `otklik_session=${s}`),
        cookieText,
        fc.constantFrom(`otklik_session=${annaId}x`, `otklik_session=${annaId.slice(0, -1)}`, `otklik_session=${annaId.toUpperCase()}`, `otklik_session="${annaId}`, `otklik_session=%${annaId}`),
      ),
      contentType: wrongContentType,
      body: fc.option(anyValue.map((v) => short(JSON.stringify(v) ?? "")), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(logout, async (r) => {
        const response = await send({ method: "POST", path: "/auth/logout", ...r });
        const text = await response.text();
        expect(response.status, text).toBe(200);
        expect(JSON.parse(text)).toEqual({ ok: true });
        await expectNothingHappened(world, before, JSON.stringify(r).slice(0, 300));
      }),
      { numRuns: RUNS },
    );
    expect((await world.anna.get("/api/me")).status).toBe(200);
  });
});

describe("the session cookie", () => {
  it(`a forged, garbled or absent session is 401 on every /api route, ${RUNS} times`, FUZZ_TIMEOUT, async () => {
    const annaId = world.anna.cookie.split("=")[1]!;
    const before = await dbSnapshot();
    const routes = [
      ["GET", "/api/me"],
      ["GET", "/api/hh/resumes"],
      ["POST", "/api/hh/resumes/sync"],
      ["POST", "/api/hh/resumes/select"],
      ["POST", "/api/cover-letter"],
      ["POST", "/api/hh/apply"],
      ["GET", "/api/applications"],
      ["GET", "/api/vacancies"],
      ["POST", "/api/swipes"],
    ] as const;
    const cookie = fc.oneof(
      fc.constant(""),
      cookieText.map((s) => `otklik_session=${s}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{32}$/).map((s) => `otklik_session=${s}`),
      fc.constantFrom(`otklik_session=${annaId}x`, `otklik_session=${annaId.slice(1)}`, `otklik_session=${encodeURIComponent(annaId + " ")}`, `OTKLIK_SESSION=${annaId}`, `otklik-session=${annaId}`, `session=${annaId}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), cookie, async ([method, path], c) => {
        const response = await send({
          method,
          path,
          cookie: c,
          contentType: "application/json",
          body: method === "POST" ? JSON.stringify({ vacancy_id: "93000001", resume_id: SANDBOX_USERS.anna.resumes.web, direction: "left" }) : undefined,
        });
        const body = await expectRefusal(response, [401]);
        expect(body.error.code).toBe("unauthorized");
        await expectNothingHappened(world, before, `${method} ${path} ${c.slice(0, 200)}`);
      }),
      { numRuns: RUNS },
    );
  });
});
