// Vacancy search, filters and the JSON shapes of /vacancies and /vacancies/{id}.
import { AREA_NAMES, EMPLOYERS } from "./seed";
import type { SandboxResume, SandboxVacancy } from "./types";
import { hhDate } from "./util";

const employersById = new Map(EMPLOYERS.map((e) => [e.id, e]));

export type VacancyFilters = {
  text?: string;
  areas: string[];
  salary?: number;
  onlyWithSalary: boolean;
  experience: string[];
  schedule: string[];
  employment: string[];
};

/** Returns the filters, or the name of the bad argument. */
export function parseFilters(q: Record<string, string[]>): VacancyFilters | { bad: string } {
  const first = (k: string) => q[k]?.[0];
  const salaryRaw = first("salary");
  let salary: number | undefined;
  if (salaryRaw !== undefined && salaryRaw !== "") {
    salary = Number(salaryRaw);
    if (!Number.isFinite(salary) || salary < 0) return { bad: "salary" };
  }
  const owsRaw = first("only_with_salary");
  if (owsRaw !== undefined && owsRaw !== "true" && owsRaw !== "false") return { bad: "only_with_salary" };
  return {
    text: first("text")?.trim() || undefined,
    areas: q.area ?? [],
    salary,
    onlyWithSalary: owsRaw === "true",
    experience: q.experience ?? [],
    schedule: q.schedule ?? [],
    employment: q.employment ?? [],
  };
}

export function matches(v: SandboxVacancy, f: VacancyFilters): boolean {
  if (v.archived) return false;
  if (f.areas.length > 0 && !f.areas.some((a) => a === "113" || a === v.area_id)) return false;
  if (f.onlyWithSalary && !v.salary) return false;
  // A vacancy matches `salary` when it can pay at least that much (open-ended "from" always can).
  if (f.salary !== undefined && v.salary && v.salary.to !== null && v.salary.to < f.salary) return false;
  if (f.experience.length > 0 && !f.experience.includes(v.experience.id)) return false;
  if (f.schedule.length > 0 && !f.schedule.includes(v.schedule.id)) return false;
  if (f.employment.length > 0 && !f.employment.includes(v.employment.id)) return false;
  if (f.text) {
    const employer = employersById.get(v.employer_id)?.name ?? "";
    const hay = [v.name, v.requirement, v.responsibility, employer, ...v.key_skills].join(" ").toLowerCase();
    if (!f.text.toLowerCase().split(/\s+/).every((w) => hay.includes(w))) return false;
  }
  return true;
}

function employer(id: string, origin: string) {
  const e = employersById.get(id);
  if (!e) return { id, name: "Неизвестный работодатель", logo_urls: null };
  const logo = `${origin}/__sandbox/logos/${e.id}.svg`;
  return {
    id: e.id,
    name: e.name,
    url: `${origin}/employers/${e.id}`,
    alternate_url: `https://hh.ru/employer/${e.id}`,
    logo_urls: e.has_logo ? { "90": logo, "240": logo, original: logo } : null,
    trusted: true,
  };
}

export function vacancyShort(v: SandboxVacancy, origin: string) {
  return {
    id: v.id,
    name: v.name,
    premium: false,
    area: { id: v.area_id, name: AREA_NAMES[v.area_id] ?? "", url: `${origin}/areas/${v.area_id}` },
    salary: v.salary,
    type: { id: v.type, name: v.type === "direct" ? "Рекламная" : "Открытая" },
    employer: employer(v.employer_id, origin),
    snippet: { requirement: v.requirement, responsibility: v.responsibility },
    schedule: v.schedule,
    experience: v.experience,
    employment: v.employment,
    professional_roles: [v.professional_role],
    has_test: v.has_test,
    response_letter_required: v.response_letter_required,
    archived: v.archived,
    url: `${origin}/vacancies/${v.id}`,
    alternate_url: `https://hh.ru/vacancy/${v.id}`,
    apply_alternate_url: `https://hh.ru/applicant/vacancy_response?vacancyId=${v.id}`,
    published_at: hhDate(v.published_at),
    created_at: hhDate(v.published_at),
  };
}

export function vacancyFull(v: SandboxVacancy, origin: string) {
  const { snippet: _snippet, ...short } = vacancyShort(v, origin);
  return {
    ...short,
    description: v.description,
    key_skills: v.key_skills.map((name) => ({ name })),
    test: v.has_test ? { required: true } : null,
    accept_handicapped: false,
    accept_kids: false,
    billing_type: { id: "standard", name: "Стандарт" },
    contacts: null,
  };
}

const norm = (s: string) => s.toLowerCase();
const plain = (v: SandboxVacancy) => !v.has_test && !v.response_letter_required && v.type === "open";

/** Vacancies ranked for a resume: shared skills first, then title words; a plain vacancy
 *  leads and a test-required one sits among the first three, so both show on the first cards. */
export function rankForResume(list: SandboxVacancy[], resume: SandboxResume): SandboxVacancy[] {
  const skills = new Set(resume.skill_set.map(norm));
  const words = norm(resume.base_title).split(/[^\p{L}\p{N}+#.-]+/u).filter((w) => w.length > 2);
  const score = (v: SandboxVacancy) =>
    v.key_skills.filter((s) => skills.has(norm(s))).length * 10 + words.filter((w) => norm(v.name).includes(w)).length * 3;
  const ranked = list.map((v, i) => ({ v, i, s: score(v) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.v);
  const firstPlain = ranked.findIndex(plain);
  if (firstPlain > 0) ranked.unshift(...ranked.splice(firstPlain, 1));
  const firstTest = ranked.findIndex((v) => v.has_test);
  if (firstTest > 2) ranked.splice(1, 0, ...ranked.splice(firstTest, 1));
  return ranked;
}
