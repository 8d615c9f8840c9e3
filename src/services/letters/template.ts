/**
 * The default cover letter: deterministic, offline, in Russian. It states only
 * what the resume says (skills, positions, companies, years) and what the vacancy
 * says (its name, employer, key skills), so it never claims an invented fact.
 * Gender-neutral wording: the resume does not say which verb endings fit.
 */
import type { HhVacancyDetail } from "../../hh/types";

/** hh.ru's limit for a cover letter. */
export const MAX_LETTER_LENGTH = 10_000;
const MAX_SKILLS = 8;
const MAX_JOBS = 2;
const MAX_QUOTE = 300;

export type LetterVacancy = Pick<HhVacancyDetail, "name" | "employer" | "key_skills" | "description" | "snippet">;

export interface LetterInput {
  vacancy: LetterVacancy;
  /** hh.ru's resume JSON as cached (resumes.content); read defensively. */
  resume: Record<string, unknown>;
  /** The user's name for the signature; the resume's name is the fallback. */
  author: { first_name: string | null; last_name: string | null };
}

interface Job {
  company: string | null;
  position: string | null;
  description: string | null;
  start: string | null;
  end: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole-word mention, so "Go" is not found in "Google" and "C++" still is found. */
const mentions = (text: string, term: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(term)}(?=$|[^\\p{L}\\p{N}])`, "iu").test(text);

export const htmlToText = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&laquo;/g, "«")
    .replace(/&raquo;/g, "»")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

function readResume(resume: Record<string, unknown>) {
  const skills = [...new Set(list(resume.skill_set).map(str).filter((s): s is string => !!s))];
  const jobs: Job[] = list(resume.experience).flatMap((item) => {
    if (!item || typeof item !== "object") return [];
    const e = item as Record<string, unknown>;
    const job = { company: str(e.company), position: str(e.position), description: str(e.description), start: str(e.start), end: str(e.end) };
    return job.company || job.position ? [job] : [];
  });
  const total = (resume.total_experience as { months?: unknown } | null | undefined)?.months;
  return { title: str(resume.title), skills, jobs, months: typeof total === "number" ? total : null };
}

function vacancyText(v: LetterVacancy) {
  return [v.name, v.snippet?.requirement, v.snippet?.responsibility, v.description]
    .map((part) => (part ? htmlToText(part) : ""))
    .join(" ");
}

/** Resume skills the vacancy asks for: its key skills first (in its order), then those its text names. */
export function matchingSkills(resumeSkills: string[], vacancy: LetterVacancy): string[] {
  const byNorm = new Map(resumeSkills.map((s) => [norm(s), s]));
  const fromKeys = (vacancy.key_skills ?? []).flatMap((k) => byNorm.get(norm(k.name)) ?? []);
  const text = vacancyText(vacancy);
  const fromText = resumeSkills.filter((s) => !fromKeys.includes(s) && mentions(text, s));
  return [...new Set([...fromKeys, ...fromText])].slice(0, MAX_SKILLS);
}

const words = (s: string) => norm(s).split(/[^\p{L}\p{N}+#]+/u).filter((w) => w.length > 2);

/** Jobs ranked by how much of the vacancy they mention; ties keep the resume's (newest first) order. */
function relevantJobs(jobs: Job[], vacancy: LetterVacancy, skills: string[]): Job[] {
  const titleWords = words(vacancy.name);
  const score = (job: Job) => {
    const text = `${job.position ?? ""} ${job.description ?? ""}`;
    const position = words(job.position ?? "");
    return skills.filter((s) => mentions(text, s)).length * 3 + titleWords.filter((w) => position.includes(w)).length * 2;
  };
  return jobs
    .map((job, i) => ({ job, i, s: score(job) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, MAX_JOBS)
    .map((x) => x.job);
}

/** «Company», unless the name brings its own quotes (Банк «Северная столица»). */
const quoted = (name: string) => (/[«»"]/.test(name) ? name : `«${name}»`);

/** A sentence continuing after a colon: "Разработала…" → "разработала…", but "API…" stays. */
const continuing = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const year = (date: string | null) => date?.match(/^(\d{4})/)?.[1] ?? null;

function period(job: Job): string | null {
  const from = year(job.start);
  const to = year(job.end);
  if (!from) return null;
  if (!job.end) return `с ${from} года`;
  return to && to !== from ? `${from}–${to}` : `${from}`;
}

function yearsPhrase(months: number): string | null {
  const n = Math.floor(months / 12);
  if (n < 1) return null;
  const mod10 = n % 10;
  const mod100 = n % 100;
  const unit = mod10 === 1 && mod100 !== 11 ? "год" : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "года" : "лет";
  return `${n} ${unit}`;
}

/** "React, TypeScript и Redux". */
const enumerate = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} и ${items[items.length - 1]}`;

/** The sentence of a job's description that names the most matched skills, if any does. */
function bestSentence(job: Job, skills: string[]): string | null {
  const sentences = (job.description ?? "").split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter(Boolean);
  let best: { text: string; hits: number } | null = null;
  for (const text of sentences) {
    const hits = skills.filter((s) => mentions(text, s)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { text, hits };
  }
  if (!best) return null;
  const text = best.text.length > MAX_QUOTE ? `${best.text.slice(0, MAX_QUOTE - 1).trimEnd()}…` : best.text;
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function signature(input: LetterInput): string | null {
  const first = str(input.author.first_name) ?? str(input.resume.first_name);
  const last = str(input.author.last_name) ?? str(input.resume.last_name);
  return [first, last].filter(Boolean).join(" ") || null;
}

/** The letter for this resume and vacancy; at most MAX_LETTER_LENGTH characters. */
export function templateLetter(input: LetterInput): string {
  const { vacancy } = input;
  const resume = readResume(input.resume);
  const employer = str(vacancy.employer?.name);
  const matched = matchingSkills(resume.skills, vacancy);
  const parts: string[] = [];

  const where = employer ? ` в компании ${quoted(employer)}` : "";
  const withResume = resume.title ? ` Откликаюсь с резюме «${resume.title}».` : "";
  parts.push(`Здравствуйте!\n\nМеня заинтересовала вакансия «${vacancy.name}»${where}.${withResume}`);

  if (matched.length > 0) {
    parts.push(`Среди требований вакансии — навыки, которыми я владею: ${enumerate(matched)}.`);
  } else if (resume.skills.length > 0) {
    parts.push(`Мои основные навыки: ${enumerate(resume.skills.slice(0, 5))}.`);
  }

  const jobs = relevantJobs(resume.jobs, vacancy, matched);
  if (jobs.length > 0) {
    const lines = jobs.map((job) => {
      const role = [job.position, job.company ? quoted(job.company) : null].filter(Boolean).join(", ");
      const when = period(job);
      return `— ${when ? `${when}: ` : ""}${role}.`;
    });
    const total = resume.months !== null ? yearsPhrase(resume.months) : null;
    parts.push([`Мой опыт${total ? ` (всего ${total})` : ""}:`, ...lines].join("\n"));
    const quote = bestSentence(jobs[0]!, matched);
    if (quote && jobs[0]!.company) parts.push(`Из работы в ${quoted(jobs[0]!.company)}: ${continuing(quote)}`);
    else if (quote) parts.push(quote);
  }

  parts.push("Спасибо, что рассмотрели мой отклик. С удовольствием отвечу на вопросы и подробнее расскажу о своём опыте на собеседовании.");
  const name = signature(input);
  parts.push(name ? `С уважением,\n${name}` : "С уважением.");

  const letter = parts.join("\n\n");
  return letter.length <= MAX_LETTER_LENGTH ? letter : `${letter.slice(0, MAX_LETTER_LENGTH - 1)}…`;
}
