import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES, seedResumes, seedVacancies } from "../sandbox/seed";
import { vacancyFull } from "../sandbox/vacancies";
import type { Env } from "../src/env";
import { MAX_LETTER_LENGTH, templateLetter, writeCoverLetter, type LetterInput } from "../src/services/letters";
import { OpenAiCompatibleProvider } from "../src/services/letters/provider";
import { forgetFeedState, loginQuiet, selectResume } from "./helpers/feed";
import { useSandbox } from "./helpers/hh";

const anna = SANDBOX_USERS.anna;
const ivan = SANDBOX_USERS.ivan;

// ---- the template, on its own: seeded resumes and vacancies in hh.ru's JSON shapes ----

const seededResumes = new Map(seedResumes().map((r) => [r.id, r]));
const resumeContent = (id: string): Record<string, unknown> => {
  const r = seededResumes.get(id)!;
  return { id: r.id, title: r.title, skill_set: r.skill_set, skills: r.skills, experience: r.experience, total_experience: { months: r.total_experience_months } };
};
const vacancies = seedVacancies(Date.parse("2026-12-01T00:00:00Z")).map((v) => vacancyFull(v, "https://api.hh.ru"));
const vacancy = (id: string) => vacancies.find((v) => v.id === id)!;
const annaAuthor: LetterInput["author"] = { first_name: "Анна", last_name: "Смирнова" };
const input = (vacancyId: string, resumeId: string = anna.resumes.frontend, author = annaAuthor): LetterInput => ({
  vacancy: vacancy(vacancyId),
  resume: resumeContent(resumeId),
  author,
});

/** Whole-word, case-insensitive: "Go" is not in "Google". */
const mentions = (text: string, term: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=$|[^\\p{L}\\p{N}])`, "iu").test(text);

describe("templateLetter", () => {
  it("greets, names the vacancy and the company, lists the resume's matching skills and signs with the user's name", () => {
    const letter = templateLetter(input(SPECIAL_VACANCIES.normal));
    const v = vacancy(SPECIAL_VACANCIES.normal);
    expect(letter.startsWith("Здравствуйте!")).toBe(true);
    expect(letter).toContain(`«${v.name}»`);
    expect(letter).toContain(`«${v.employer.name}»`);
    // The vacancy wants React, TypeScript, JavaScript, Redux, HTML5, CSS3, Webpack; Anna has all but JavaScript and HTML5.
    expect(letter).toContain("React, TypeScript, Redux, CSS3 и Webpack");
    expect(letter).not.toMatch(/JavaScript|HTML5/);
    expect(letter).toContain("Медиаплатформа Волна");
    expect(letter).toContain("Ведущий frontend-разработчик");
    expect(letter).toContain("с 2022 года");
    expect(letter.endsWith("С уважением,\nАнна Смирнова")).toBe(true);
  });

  it("never names a skill the vacancy wants but the resume lacks", () => {
    const letter = templateLetter(input(SPECIAL_VACANCIES.testRequired));
    for (const skill of ["FastAPI", "asyncio", "SQLAlchemy", "Kafka", "PostgreSQL"]) expect(letter).not.toContain(skill);
  });

  it("claims only skills from the resume, for every seeded vacancy and several resumes", () => {
    const resumeIds = [anna.resumes.frontend, anna.resumes.web, ivan.resumes.analyst, ivan.resumes.python];
    for (const resumeId of resumeIds) {
      const resume = resumeContent(resumeId);
      const resumeText = JSON.stringify(resume);
      const ownSkills = new Set((resume.skill_set as string[]).map((s) => s.toLowerCase()));
      for (const v of vacancies) {
        const letter = templateLetter({ vacancy: v, resume, author: annaAuthor });
        expect(letter.length).toBeLessThanOrEqual(MAX_LETTER_LENGTH);
        expect(letter).not.toMatch(/undefined|null|NaN|\[object/);
        for (const { name } of v.key_skills) {
          if (mentions(letter, name)) {
            const explained = mentions(resumeText, name) || mentions(v.name, name) || mentions(v.employer.name, name);
            expect(explained, `${name} in the letter for ${v.id} / ${resumeId}`).toBe(true);
          }
        }
        const claimed = letter.match(/навыки, которыми я владею: ([^\n]+)\./)?.[1];
        for (const skill of claimed?.split(/, | и /) ?? []) expect(ownSkills, `${skill} for ${v.id}`).toContain(skill.toLowerCase());
      }
    }
  });

  it("writes visibly different letters for different vacancies", () => {
    const frontend = templateLetter(input(SPECIAL_VACANCIES.normal));
    const analyst = templateLetter(input(SPECIAL_VACANCIES.letterRequired));
    expect(frontend).not.toBe(analyst);
    expect(analyst).toContain(`«${vacancy(SPECIAL_VACANCIES.letterRequired).name}»`);
    const skillsLine = (letter: string) => letter.split("\n").find((line) => line.includes("навыки"));
    expect(skillsLine(frontend)).not.toBe(skillsLine(analyst));
  });

  it("is deterministic", () => {
    expect(templateLetter(input(SPECIAL_VACANCIES.normal))).toBe(templateLetter(input(SPECIAL_VACANCIES.normal)));
  });

  it("puts the job that matches the vacancy first, even an older one", () => {
    const resume = {
      title: "Аналитик",
      skill_set: ["SQL", "Python", "Выпечка хлеба"],
      experience: [
        { company: "Пекарня у дома", position: "Пекарь", start: "2023-03-01", end: null, description: "Выпечка хлеба по ночам." },
        { company: "ДатаЦентр", position: "Аналитик данных", start: "2019-01-01", end: "2022-12-31", description: "Писал отчёты на SQL. Автоматизировал выгрузки на Python." },
      ],
    };
    const letter = templateLetter({ vacancy: vacancy(SPECIAL_VACANCIES.letterRequired), resume, author: { first_name: "Иван", last_name: "Петров" } });
    const jobs = letter.split("\n").filter((line) => line.startsWith("— "));
    expect(jobs).toEqual(["— 2019–2022: Аналитик данных, «ДатаЦентр».", "— с 2023 года: Пекарь, «Пекарня у дома»."]);
    expect(letter).toContain("Из работы в «ДатаЦентр»: писал отчёты на SQL.");
    expect(letter).toContain("навыки, которыми я владею: SQL и Python.");
    expect(letter).not.toContain("Выпечка хлеба,");
    expect(letter).toContain("Иван Петров");
  });

  it("still writes a sensible letter for a bare resume and a vacancy without an employer", () => {
    const letter = templateLetter({
      vacancy: { name: "Курьер", employer: null, key_skills: [], description: "", snippet: null },
      resume: { title: "Курьер" },
      author: { first_name: null, last_name: null },
    });
    expect(letter).toContain("Здравствуйте!");
    expect(letter).toContain("«Курьер»");
    expect(letter).not.toContain("компании «");
    expect(letter).not.toMatch(/undefined|null|навыки/);
    expect(letter.endsWith("С уважением.")).toBe(true);
  });

  it("signs with the resume's name when the account has none", () => {
    const letter = templateLetter({
      ...input(SPECIAL_VACANCIES.normal, anna.resumes.frontend, { first_name: null, last_name: null }),
      resume: { ...resumeContent(anna.resumes.frontend), first_name: "Анна", last_name: "Смирнова" },
    });
    expect(letter.endsWith("С уважением,\nАнна Смирнова")).toBe(true);
  });

  it("stays within 10,000 characters however long the resume is", () => {
    const long = "React и TypeScript в продакшене. ".repeat(400);
    const resume = {
      title: "Frontend".repeat(200),
      skill_set: Array.from({ length: 300 }, (_, i) => `Навык${i}`).concat(["React", "TypeScript"]),
      experience: Array.from({ length: 50 }, (_, i) => ({ company: `Компания ${i} `.repeat(50), position: "Frontend-разработчик ".repeat(50), start: "2015-01-01", end: null, description: long })),
    };
    const letter = templateLetter({ vacancy: vacancy(SPECIAL_VACANCIES.normal), resume, author: annaAuthor });
    expect(letter.length).toBeLessThanOrEqual(MAX_LETTER_LENGTH);
    expect(letter.startsWith("Здравствуйте!")).toBe(true);
  });
});

// ---- the LLM provider and its fallback ----

const LLM_URL = "https://llm.example/v1";
const LLM_KEY = "sk-test-secret-key";
const llmEnv = (over: Partial<Env> = {}) =>
  ({ ...env, LETTER_PROVIDER: "openai", LETTER_API_URL: LLM_URL, LETTER_API_KEY: LLM_KEY, LETTER_MODEL: "test-model", ...over }) as Env;

const completion = (content: unknown) =>
  new Response(JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }), { headers: { "Content-Type": "application/json" } });

describe("writeCoverLetter with an OpenAI-compatible provider", () => {
  it("uses the model's letter and sends it the resume and vacancy with the configured key and model", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(completion("  Здравствуйте! Письмо от модели.  "));
    const letter = await writeCoverLetter(llmEnv(), input(SPECIAL_VACANCIES.normal));
    expect(letter).toBe("Здравствуйте! Письмо от модели.");
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const request = new Request(fetchSpy.mock.calls[0]![0] as RequestInfo, fetchSpy.mock.calls[0]![1]);
    expect(request.url).toBe(`${LLM_URL}/chat/completions`);
    expect(request.method).toBe("POST");
    expect(request.headers.get("Authorization")).toBe(`Bearer ${LLM_KEY}`);
    const body = await request.json<{ model: string; messages: { role: string; content: string }[] }>();
    expect(body.model).toBe("test-model");
    expect(body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(body.messages[1]!.content).toContain("Медиаплатформа Волна");
    expect(body.messages[1]!.content).toContain(vacancy(SPECIAL_VACANCIES.normal).name);
  });

  it("calls a full chat-completions URL as given", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(completion("Здравствуйте!"));
    await writeCoverLetter(llmEnv({ LETTER_API_URL: "https://llm.example/api/chat/completions" }), input(SPECIAL_VACANCIES.normal));
    expect(new Request(fetchSpy.mock.calls[0]![0] as RequestInfo).url).toBe("https://llm.example/api/chat/completions");
  });

  it.each([
    ["answers 500", () => new Response("upstream down", { status: 500 })],
    ["answers 401", () => new Response(JSON.stringify({ error: { message: "bad key" } }), { status: 401 })],
    ["cannot be reached", () => Promise.reject(new TypeError("fetch failed"))],
    ["times out", () => Promise.reject(new DOMException("The operation timed out.", "TimeoutError"))],
    ["answers with an empty letter", () => completion("   ")],
    ["answers with no choices", () => new Response(JSON.stringify({ choices: [] }))],
    ["answers with something other than text", () => completion({ text: "?" })],
    ["answers with a letter over 10,000 characters", () => completion("а".repeat(MAX_LETTER_LENGTH + 1))],
    ["answers with something other than JSON", () => new Response("<html>oops</html>", { status: 200 })],
  ])("falls back to the template when the provider %s, and logs no key", async (_name, answer) => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => answer());
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const letter = await writeCoverLetter(llmEnv(), input(SPECIAL_VACANCIES.normal));
    expect(letter).toBe(templateLetter(input(SPECIAL_VACANCIES.normal)));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(new Request(fetchSpy.mock.calls[0]![0] as RequestInfo).url).toBe(`${LLM_URL}/chat/completions`);
    expect(warn).toHaveBeenCalled();
    expect(JSON.stringify(warn.mock.calls)).not.toContain(LLM_KEY);
  });

  it("gives up on a provider that does not answer in time", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(
      (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason))),
    );
    const provider = new OpenAiCompatibleProvider({ url: LLM_URL, model: "m", timeoutMs: 20 });
    await expect(provider.write(input(SPECIAL_VACANCIES.normal))).rejects.toThrow();
  });

  it.each([
    ["no provider is configured", { LETTER_PROVIDER: undefined }],
    ["the provider is the template", { LETTER_PROVIDER: "template" }],
    ["openai lacks its URL", { LETTER_API_URL: undefined }],
    ["openai lacks its model", { LETTER_MODEL: undefined }],
  ])("writes the template without any request when %s", async (_name, over) => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const letter = await writeCoverLetter(llmEnv(over as Partial<Env>), input(SPECIAL_VACANCIES.normal));
    expect(letter).toBe(templateLetter(input(SPECIAL_VACANCIES.normal)));
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

// ---- POST /api/cover-letter ----

beforeEach(forgetFeedState);

describe("POST /api/cover-letter", () => {
  it("writes a letter for the selected resume and the vacancy, reading the vacancy once from hh.ru", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    const response = await user.post("/api/cover-letter", { vacancy_id: SPECIAL_VACANCIES.normal });
    expect(response.status).toBe(200);
    const { cover_letter } = await response.json<{ cover_letter: string }>();
    expect(cover_letter).toContain("Здравствуйте!");
    expect(cover_letter).toContain("«Frontend-разработчик (React)»");
    expect(cover_letter).toContain("React");
    expect(cover_letter).toContain("Анна Смирнова");
    expect(cover_letter).not.toMatch(/JavaScript|HTML5/);
    expect(sandbox.apiCalls().map((r) => r.path)).toEqual([`/vacancies/${SPECIAL_VACANCIES.normal}`]);

    sandbox.sent.length = 0;
    const again = await (await user.post("/api/cover-letter", { vacancy_id: SPECIAL_VACANCIES.normal })).json();
    expect(again).toEqual({ cover_letter });
    expect(sandbox.apiCalls()).toEqual([]);

    const other = await (await user.post("/api/cover-letter", { vacancy_id: SPECIAL_VACANCIES.letterRequired })).json<{ cover_letter: string }>();
    expect(other.cover_letter).not.toBe(cover_letter);
    expect(other.cover_letter).toContain("«Аналитик данных (нужно сопроводительное письмо)»");
  });

  it("asks hh.ru nothing for a vacancy the feed already showed", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    expect((await user.get("/api/vacancies")).status).toBe(200);
    sandbox.sent.length = 0;
    expect((await user.post("/api/cover-letter", { vacancy_id: SPECIAL_VACANCIES.normal })).status).toBe(200);
    expect(sandbox.apiCalls()).toEqual([]);
  });

  it("answers 409 no_resume_selected without asking hh.ru when no resume is selected", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    const response = await user.post("/api/cover-letter", { vacancy_id: SPECIAL_VACANCIES.normal });
    expect(response.status).toBe(409);
    const body = await response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("no_resume_selected");
    expect(body.error.message).toMatch(/выберите резюме/);
    expect(sandbox.apiCalls()).toEqual([]);
  });

  it("answers 404 for a vacancy hh.ru does not have", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    const response = await user.post("/api/cover-letter", { vacancy_id: "99999999" });
    expect(response.status).toBe(404);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe("vacancy_not_found");
  });

  it("answers 502 when hh.ru is down, not 500", async () => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    await sandbox.control("/faults", { status: 503, count: 1, path_prefix: "/vacancies" });
    const response = await user.post("/api/cover-letter", { vacancy_id: SPECIAL_VACANCIES.normal });
    expect(response.status).toBe(502);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe("hh_unavailable");
  });

  it.each([["93a"], [""], [93000001], [null]])("refuses vacancy_id %j with 400 and asks hh.ru nothing", async (vacancyId) => {
    const sandbox = useSandbox();
    const user = await loginQuiet(sandbox, anna.id);
    await selectResume(sandbox, anna.id, anna.resumes.frontend);
    const response = await user.post("/api/cover-letter", { vacancy_id: vacancyId });
    expect(response.status).toBe(400);
    expect(sandbox.apiCalls()).toEqual([]);
  });
});
