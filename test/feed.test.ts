import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import type { Area, VacanciesResponse, VacancyCard } from "../shared/schema";
import { browser, type Browser } from "./helpers/app";
import { detailCalls, forgetFeedState, loginQuiet, pageCalls, recordApplication, selectResume } from "./helpers/feed";
import { useSandbox, type Sandbox } from "./helpers/hh";

const anna = SANDBOX_USERS.anna;
const ivan = SANDBOX_USERS.ivan;

const annaIn = (sandbox: Sandbox) => loginQuiet(sandbox, anna.id);

beforeEach(forgetFeedState);

async function deck(user: Browser, query = ""): Promise<VacanciesResponse> {
  const response = await user.get(`/api/vacancies${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

const ids = (cards: VacancyCard[]) => cards.map((card) => card.id);
const cacheRows = () => env.DB.prepare("SELECT key, value, expires_at FROM hh_cache ORDER BY key").all<{ key: string; value: string; expires_at: number }>();

describe("GET /api/vacancies: where the deck comes from", () => {
  it("without a selected resume, searches hh.ru's vacancies with the user's token", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const body = await deck(user);
    expect(body.source).toBe("search");
    expect(body.page).toBe(0);
    expect(body.pages).toBeGreaterThan(1);
    expect(body.items.length).toBeGreaterThan(0);
    const [search] = pageCalls(sandbox);
    expect(search!.path).toBe("/vacancies");
    expect(Object.fromEntries(search!.query)).toEqual({ page: "0", per_page: "20" });
    expect(search!.headers.get("Authorization")).toMatch(/^Bearer \S+/);
    expect(ids(body.items)).not.toContain(SPECIAL_VACANCIES.archived);
  });

  it("with a selected resume, asks hh.ru for vacancies similar to that resume", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    const body = await deck(user);
    expect(body.source).toBe("similar");
    expect(pageCalls(sandbox).map((r) => r.path)).toEqual([`/resumes/${anna.resumes.frontend}/similar_vacancies`]);
    // The sandbox ranks by shared skills: a React vacancy leads Anna's deck.
    expect(body.items[0]!.key_skills).toContain("React");
  });
});

describe("GET /api/vacancies: filters", () => {
  it("sends every filter to hh.ru as its documented query parameter", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const body = await deck(
      user,
      "?text=react&area=1&area=2&salary=200000&only_with_salary=true&experience=between1And3&schedule=remote&page=0",
    );
    const [search] = pageCalls(sandbox);
    expect(search!.query.get("text")).toBe("react");
    expect(search!.query.getAll("area")).toEqual(["1", "2"]);
    expect(search!.query.get("salary")).toBe("200000");
    expect(search!.query.get("only_with_salary")).toBe("true");
    expect(search!.query.get("experience")).toBe("between1And3");
    expect(search!.query.get("schedule")).toBe("remote");
    expect(search!.query.get("page")).toBe("0");
    expect(search!.query.get("per_page")).toBe("20");
    expect(ids(body.items)).toContain(SPECIAL_VACANCIES.normal);
    for (const card of body.items) {
      expect(["Москва", "Санкт-Петербург"]).toContain(card.area);
      expect(card.schedule).toBe("Удаленная работа");
      expect(card.experience).toBe("От 1 года до 3 лет");
      expect(card.salary).not.toBeNull();
    }
  });

  it("shows only the chosen regions and schedule, as hh.ru filtered them", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const all = await deck(user);
    const kazan = await deck(user, "?area=88");
    expect(kazan.items.length).toBeGreaterThan(0);
    expect(kazan.items.every((card) => card.area === "Казань")).toBe(true);
    expect(all.items.some((card) => card.area !== "Казань")).toBe(true);
    const flexible = await deck(user, "?schedule=flexible");
    expect(flexible.items.length).toBeGreaterThan(0);
    expect(flexible.items.every((card) => card.schedule === "Гибкий график")).toBe(true);
  });

  it("treats empty form fields as no filter", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await deck(user, "?text=&salary=&area=&page=");
    expect(Object.fromEntries(pageCalls(sandbox)[0]!.query)).toEqual({ page: "0", per_page: "20" });
  });

  it.each([
    ["a negative page", "?page=-1"],
    ["a page that is not a number", "?page=two"],
    ["a fractional page", "?page=1.5"],
    ["a salary in words", "?salary=much"],
    ["a negative salary", "?salary=-5"],
    ["only_with_salary other than true/false", "?only_with_salary=yes"],
    ["an unknown experience", "?experience=forever"],
    ["an unknown schedule", "?schedule=night"],
    ["a region by name", "?area=Moscow"],
    ["too many regions", `?${Array.from({ length: 21 }, (_, i) => `area=${i + 1}`).join("&")}`],
    ["a repeated text", "?text=a&text=b"],
    ["a too long text", `?text=${"я".repeat(201)}`],
    ["an unknown parameter", "?per_page=100"],
  ])("refuses %s with a 400 JSON error and asks hh.ru nothing", async (_name, query) => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const response = await user.get(`/api/vacancies${query}`);
    expect(response.status).toBe(400);
    const body = await response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toMatch(/[а-яё]/i);
    expect(sandbox.apiCalls()).toEqual([]);
  });

  it("needs a session", async () => {
    useSandbox();
    const response = await browser().get("/api/vacancies");
    expect(response.status).toBe(401);
  });
});

describe("GET /api/vacancies: paging within hh.ru's 2000 results", () => {
  it("asks hh.ru for the last reachable page (99 × 20) and answers an empty page beyond it without asking", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const last = await deck(user, "?page=99");
    expect(last.items).toEqual([]);
    expect(pageCalls(sandbox).map((r) => r.query.get("page"))).toEqual(["99"]);
    sandbox.sent.length = 0;

    for (const page of [100, 5000, 999_999_999]) {
      const beyond = await deck(user, `?page=${page}`);
      expect(beyond).toEqual({ items: [], page, pages: 100, source: "search" });
    }
    expect(sandbox.apiCalls()).toEqual([]);
  });

  it("walks the next page with other vacancies", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const first = await deck(user);
    const second = await deck(user, "?page=1");
    expect(second.page).toBe(1);
    expect(second.items.length).toBeGreaterThan(0);
    expect(ids(second.items).filter((id) => ids(first.items).includes(id))).toEqual([]);
  });
});

describe("GET /api/vacancies: what the user has seen", () => {
  it("never shows again a vacancy the user swiped either way or applied to", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const before = ids((await deck(user)).items);
    const [left, right, applied, kept] = before;
    expect((await user.post("/api/swipes", { vacancy_id: left, direction: "left" })).status).toBe(201);
    expect((await user.post("/api/swipes", { vacancy_id: right, direction: "right" })).status).toBe(201);
    await recordApplication(anna.id, applied!);

    const after = ids((await deck(user)).items);
    expect(after).not.toContain(left);
    expect(after).not.toContain(right);
    expect(after).not.toContain(applied);
    expect(after).toEqual(before.filter((id) => ![left, right, applied].includes(id)));
    expect(after).toContain(kept);
  });

  it("hides only the swiper's own swipes", async () => {
    const sandbox = useSandbox();
    const annaBrowser = await annaIn(sandbox);
    const ivanBrowser = await loginQuiet(sandbox, ivan.id);
    await annaBrowser.post("/api/swipes", { vacancy_id: SPECIAL_VACANCIES.normal, direction: "left" });
    expect(ids((await deck(annaBrowser)).items)).not.toContain(SPECIAL_VACANCIES.normal);
    expect(ids((await deck(ivanBrowser)).items)).toContain(SPECIAL_VACANCIES.normal);
  });
});

describe("GET /api/vacancies: cards", () => {
  it("show key skills from each vacancy's detail and the test and cover-letter badges", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const cards = new Map((await deck(user)).items.map((card) => [card.id, card]));
    expect(cards.get(SPECIAL_VACANCIES.normal)).toEqual({
      id: SPECIAL_VACANCIES.normal,
      name: "Frontend-разработчик (React)",
      employer: { name: expect.any(String), logo_url: expect.toBeOneOf([null, expect.stringMatching(/^http/)]) },
      salary: { from: 220000, to: 300000, currency: "RUR", gross: false },
      area: "Москва",
      schedule: "Удаленная работа",
      experience: "От 1 года до 3 лет",
      requirement: "Опыт коммерческой разработки на React от 2 лет. Уверенное знание TypeScript.",
      responsibility: expect.stringContaining("Разработка интерфейсов"),
      key_skills: ["React", "TypeScript", "JavaScript", "Redux", "HTML5", "CSS3", "Webpack"],
      has_test: false,
      response_letter_required: false,
      alternate_url: `https://hh.ru/vacancy/${SPECIAL_VACANCIES.normal}`,
    });
    expect(cards.get(SPECIAL_VACANCIES.testRequired)).toMatchObject({ has_test: true, response_letter_required: false });
    expect(cards.get(SPECIAL_VACANCIES.testRequired)!.key_skills).toContain("FastAPI");
    expect(cards.get(SPECIAL_VACANCIES.letterRequired)).toMatchObject({ has_test: false, response_letter_required: true });
    expect([...cards.values()].some((card) => card.employer?.logo_url)).toBe(true);
    expect([...cards.values()].some((card) => card.employer && card.employer.logo_url === null)).toBe(true);
    expect(detailCalls(sandbox).map((r) => r.path).sort()).toEqual([...cards.keys()].map((id) => `/vacancies/${id}`).sort());
  });

  it("fetches details at most six at a time", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    // hh.ru answering slowly lets requests overlap, so a missing limit would show.
    await sandbox.control("/config", { latency_ms: 50 });
    const spy = vi.mocked(globalThis.fetch);
    const answer = spy.getMockImplementation()!;
    let inFlight = 0;
    let most = 0;
    spy.mockImplementation(async (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await answer(input, init);
      } finally {
        inFlight--;
      }
    });
    await deck(user);
    expect(detailCalls(sandbox).length).toBeGreaterThan(6);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(6);
  });

  it("keeps a card whose detail hh.ru failed to give, without key skills, and asks again next time", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await sandbox.control("/faults", { status: 500, count: 1, path_prefix: `/vacancies/${SPECIAL_VACANCIES.normal}` });
    const first = (await deck(user)).items.find((card) => card.id === SPECIAL_VACANCIES.normal)!;
    expect(first.key_skills).toEqual([]);
    expect(first.name).toBe("Frontend-разработчик (React)");
    sandbox.sent.length = 0;

    const again = (await deck(user)).items.find((card) => card.id === SPECIAL_VACANCIES.normal)!;
    expect(again.key_skills).toContain("React");
    expect(sandbox.apiCalls().map((r) => r.path)).toEqual([`/vacancies/${SPECIAL_VACANCIES.normal}`]);
  });
});

describe("GET /api/vacancies: the cache", () => {
  it("answers a warm deck with the same filters without asking hh.ru", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const cold = await deck(user, "?area=1&area=2&schedule=remote");
    expect(sandbox.apiCalls().length).toBeGreaterThan(1);
    sandbox.sent.length = 0;
    // The same search with the regions in another order is the same search.
    const warm = await deck(user, "?schedule=remote&area=2&area=1");
    expect(warm).toEqual(cold);
    expect(sandbox.apiCalls()).toEqual([]);
    await deck(user, "?area=1");
    expect(pageCalls(sandbox)).toHaveLength(1);
  });

  it("asks hh.ru again once a cached page expired, and overwrites the old row", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await deck(user);
    await env.DB.prepare("UPDATE hh_cache SET expires_at = ? WHERE key LIKE 'vacancies:%'").bind(Date.now() - 1).run();
    sandbox.sent.length = 0;
    await deck(user);
    expect(pageCalls(sandbox)).toHaveLength(1);
    expect(detailCalls(sandbox)).toEqual([]);
    const pages = (await cacheRows()).results.filter((row) => row.key.startsWith("vacancies:"));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.expires_at).toBeGreaterThan(Date.now());
  });

  it("keys similar-vacancy pages by resume id and keeps tokens out of the cache", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await deck(user);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    await deck(user);
    await selectResume(sandbox, anna.id, anna.resumes.web);
    await deck(user);
    expect(pageCalls(sandbox).map((r) => r.path)).toEqual([`/resumes/${anna.resumes.web}/similar_vacancies`]);
    const rows = (await cacheRows()).results;
    expect(rows.filter((row) => row.key.startsWith(`similar:${anna.resumes.frontend}:`))).toHaveLength(1);
    expect(rows.filter((row) => row.key.startsWith(`similar:${anna.resumes.web}:`))).toHaveLength(1);
    expect(rows.some((row) => row.key === `vacancy:${SPECIAL_VACANCIES.normal}`)).toBe(true);
    const tokens = [...sandbox.state.tokensByAccess.values()].flatMap((t) => [t.access_token, t.refresh_token]);
    expect(tokens.length).toBeGreaterThan(0);
    for (const row of rows) for (const token of tokens) expect(`${row.key} ${row.value}`).not.toContain(token);
  });
});

describe("GET /api/vacancies: when hh.ru fails", () => {
  const error = async (response: Response) => ({ status: response.status, body: await response.json<{ error: { code: string; message: string } }>() });

  it("answers 502 hh_unavailable with a Russian reason when hh.ru is down", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await sandbox.control("/faults", { status: 503, count: 1, path_prefix: "/vacancies" });
    const { status, body } = await error(await user.get("/api/vacancies"));
    expect(status).toBe(502);
    expect(body.error).toEqual({ code: "hh_unavailable", message: "hh.ru сейчас не отвечает. Попробуйте немного позже." });
    // Nothing was cached: the next try asks hh.ru and succeeds.
    expect((await deck(user)).items.length).toBeGreaterThan(0);
  });

  it("answers 429 hh_rate_limited when hh.ru asks to slow down", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await sandbox.control("/faults", { status: 429, count: 1, path_prefix: "/vacancies" });
    const { status, body } = await error(await user.get("/api/vacancies"));
    expect(status).toBe(429);
    expect(body.error.code).toBe("hh_rate_limited");
    expect(body.error.message).toMatch(/слишком много запросов/);
  });

  it.each([true, "application_not_found"] as const)(
    "answers 403 hh_forbidden when hh.ru closed the job-seeker API to the app (closed=%s)",
    async (closed) => {
      const sandbox = useSandbox();
      const user = await annaIn(sandbox);
      await selectResume(sandbox, anna.id, anna.resumes.frontend);
      await sandbox.control("/config", { closed });
      const { status, body } = await error(await user.get("/api/vacancies"));
      expect(status).toBe(403);
      expect(body.error.code).toBe("hh_forbidden");
      expect(body.error.message).toMatch(/hh\.ru не разрешает этому приложению/);
    },
  );

  it("answers 401 hh_disconnected when the user revoked access, and /api/me says so", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await sandbox.control(`/users/${anna.id}/revoke`, {});
    const { status, body } = await error(await user.get("/api/vacancies"));
    expect(status).toBe(401);
    expect(body.error).toEqual({ code: "hh_disconnected", message: "Доступ к hh.ru отозван или истёк. Войдите через hh.ru ещё раз." });
    const me = await (await user.get("/api/me")).json<{ hh: { connected: boolean } }>();
    expect(me.hh.connected).toBe(false);
  });

  it("answers 409 resume_not_found when the selected resume is gone from hh.ru", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    await sandbox.control(`/resumes/${anna.resumes.frontend}`, undefined, "DELETE");
    const { status, body } = await error(await user.get("/api/vacancies"));
    expect(status).toBe(409);
    expect(body.error.code).toBe("resume_not_found");
  });
});

describe("GET /api/areas", () => {
  it("lists Russia and its regions, Москва and Санкт-Петербург first, cached for the day", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    const response = await user.get("/api/areas");
    expect(response.status).toBe(200);
    const areas = await response.json<Area[]>();
    expect(areas.slice(0, 3)).toEqual([
      { id: "113", name: "Россия" },
      { id: "1", name: "Москва" },
      { id: "2", name: "Санкт-Петербург" },
    ]);
    expect(areas.map((a) => a.name)).toEqual(expect.arrayContaining(["Казань", "Новосибирск", "Екатеринбург"]));
    expect(areas.every((a) => Object.keys(a).sort().join() === "id,name")).toBe(true);
    expect(sandbox.apiCalls().map((r) => r.path)).toEqual(["/areas"]);

    sandbox.sent.length = 0;
    expect(await (await user.get("/api/areas")).json()).toEqual(areas);
    expect(sandbox.apiCalls()).toEqual([]);
    const row = (await cacheRows()).results.find((r) => r.key.startsWith("areas"))!;
    expect(row.expires_at - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it("answers 502 when hh.ru is down, not 500", async () => {
    const sandbox = useSandbox();
    const user = await annaIn(sandbox);
    await sandbox.control("/faults", { status: 500, count: 1, path_prefix: "/areas" });
    const response = await user.get("/api/areas");
    expect(response.status).toBe(502);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe("hh_unavailable");
  });
});
