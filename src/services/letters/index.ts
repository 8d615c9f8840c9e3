/**
 * Cover letters: the template by default, an OpenAI-compatible LLM when configured
 * (LETTER_PROVIDER=openai, LETTER_API_URL, LETTER_API_KEY, LETTER_MODEL). Whatever
 * the provider does wrong — error, timeout, empty or over-long answer — the user
 * still gets the template's letter.
 */
import { and, eq } from "drizzle-orm";
import { resumes, users } from "../../../shared/schema";
import type { Db } from "../../db";
import type { Env } from "../../env";
import { AppError, conflict } from "../../errors";
import { NEGOTIATION_REASONS } from "../../hh/messages";
import { vacancyDetail } from "../feed";
import { hhApiForUser } from "../tokens";
import { HhApiError } from "../../hh/errors";
import { OpenAiCompatibleProvider, templateProvider, type LetterProvider } from "./provider";
import { templateLetter, type LetterInput } from "./template";

export { MAX_LETTER_LENGTH, templateLetter, type LetterInput } from "./template";
export type { LetterProvider } from "./provider";

export const NO_RESUME_FOR_LETTER = "Сначала выберите резюме в профиле: письмо составляется по выбранному резюме.";

/** The provider the environment asks for; the template when none is (fully) configured. */
export function letterProviderFor(env: Pick<Env, "LETTER_PROVIDER" | "LETTER_API_URL" | "LETTER_API_KEY" | "LETTER_MODEL">): LetterProvider {
  if (env.LETTER_PROVIDER?.trim().toLowerCase() !== "openai") return templateProvider;
  if (!env.LETTER_API_URL || !env.LETTER_MODEL) {
    console.warn("LETTER_PROVIDER=openai needs LETTER_API_URL and LETTER_MODEL; using the template");
    return templateProvider;
  }
  return new OpenAiCompatibleProvider({ url: env.LETTER_API_URL, apiKey: env.LETTER_API_KEY, model: env.LETTER_MODEL });
}

/** A letter for this resume and vacancy: the configured provider's, else the template's. Never throws. */
export async function writeCoverLetter(env: Env, input: LetterInput): Promise<string> {
  const provider = letterProviderFor(env);
  if (provider === templateProvider) return templateLetter(input);
  try {
    return await provider.write(input);
  } catch (err) {
    // The kind of failure only: the request carried an API key and a resume.
    console.warn(`cover letter provider ${provider.name} failed (${err instanceof Error ? err.message : "unknown"}); using the template`);
    return templateLetter(input);
  }
}

/** The letter for the user's selected resume and a vacancy on hh.ru (its detail is cached). */
export async function coverLetterFor(env: Env, db: Db, userId: number, vacancyId: string): Promise<string> {
  const [row] = await db
    .select({ content: resumes.content, first_name: users.first_name, last_name: users.last_name })
    .from(resumes)
    .innerJoin(users, eq(users.id, resumes.user_id))
    .where(and(eq(resumes.user_id, userId), eq(resumes.selected, true)))
    .limit(1);
  if (!row) throw conflict("no_resume_selected", NO_RESUME_FOR_LETTER);

  const vacancy = await vacancyDetail(hhApiForUser(env, db, userId), db, vacancyId).catch((err) => {
    if (err instanceof HhApiError && err.status === 404) {
      throw new AppError(404, "vacancy_not_found", NEGOTIATION_REASONS.vacancy_not_found!);
    }
    throw err;
  });
  return writeCoverLetter(env, {
    vacancy,
    resume: row.content ?? {},
    author: { first_name: row.first_name, last_name: row.last_name },
  });
}
