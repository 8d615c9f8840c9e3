/**
 * Where cover letters come from. The template (template.ts) is always available; an
 * LLM behind an OpenAI-compatible chat-completions endpoint can be configured instead
 * (index.ts picks by env). Any provider failure falls back to the template there.
 */
import { htmlToText, MAX_LETTER_LENGTH, templateLetter, type LetterInput } from "./template";

export interface LetterProvider {
  readonly name: string;
  /** The letter, or a throw: the caller falls back to the template. */
  write(input: LetterInput): Promise<string>;
}

export const templateProvider: LetterProvider = {
  name: "template",
  write: async (input) => templateLetter(input),
};

/** The provider answered, but not with a usable letter. */
export class LetterProviderError extends Error {
  constructor(reason: string) {
    super(`letter provider: ${reason}`);
    this.name = "LetterProviderError";
  }
}

export interface OpenAiOptions {
  /** The chat-completions URL, or an API base such as `https://api.openai.com/v1`. */
  url: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_DESCRIPTION = 6_000;

const SYSTEM_PROMPT = [
  "Ты пишешь сопроводительные письма к откликам на вакансии hh.ru от имени соискателя.",
  "Пиши по-русски, вежливо и по делу, 120–250 слов, без markdown и без заголовков.",
  "Начни с «Здравствуйте!», назови вакансию и компанию, закончи подписью с именем соискателя.",
  "Используй только факты из резюме: навыки, должности, компании и годы, которые там есть.",
  "Не придумывай опыт, навыки, цифры или образование, которых нет в резюме.",
  "Ответь только текстом письма.",
].join(" ");

const chatUrl = (url: string) => (/\/chat\/completions\/?$/.test(url) ? url : `${url.replace(/\/+$/, "")}/chat/completions`);

/** What the model may use: the resume's work facts (no contacts) and the vacancy. */
function promptFacts(input: LetterInput) {
  const r = input.resume;
  const { vacancy } = input;
  return {
    candidate_name: [input.author.first_name ?? r.first_name, input.author.last_name ?? r.last_name].filter(Boolean).join(" "),
    resume: {
      title: r.title,
      skill_set: r.skill_set,
      about: r.skills,
      experience: r.experience,
      total_experience: r.total_experience,
    },
    vacancy: {
      name: vacancy.name,
      employer: vacancy.employer?.name ?? null,
      key_skills: (vacancy.key_skills ?? []).map((s) => s.name),
      description: htmlToText(vacancy.description ?? "").slice(0, MAX_DESCRIPTION),
      requirement: vacancy.snippet?.requirement ?? null,
      responsibility: vacancy.snippet?.responsibility ?? null,
    },
  };
}

export class OpenAiCompatibleProvider implements LetterProvider {
  readonly name = "openai";

  constructor(private readonly options: OpenAiOptions) {}

  async write(input: LetterInput): Promise<string> {
    const headers = new Headers({ "Content-Type": "application/json" });
    if (this.options.apiKey) headers.set("Authorization", `Bearer ${this.options.apiKey}`);
    const response = await fetch(chatUrl(this.options.url), {
      method: "POST",
      headers,
      body: JSON.stringify({
        model: this.options.model,
        temperature: 0.4,
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: JSON.stringify(promptFacts(input)) },
        ],
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new LetterProviderError(`status ${response.status}`);
    }
    const body = (await response.json().catch(() => null)) as { choices?: { message?: { content?: unknown } }[] } | null;
    const content = body?.choices?.[0]?.message?.content;
    const letter = typeof content === "string" ? content.trim() : "";
    if (!letter) throw new LetterProviderError("empty answer");
    if (letter.length > MAX_LETTER_LENGTH) throw new LetterProviderError(`answer of ${letter.length} characters`);
    return letter;
  }
}
