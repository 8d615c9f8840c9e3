/** zod validation for routes: one hook shapes every validation failure as a 400 AppError. */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { badRequest } from "./errors";

/** What a JSON value is, in Russian, for "expected X, got Y". */
const RUSSIAN_TYPES: Record<string, string> = {
  string: "строка",
  number: "число",
  int: "целое число",
  boolean: "true или false",
  object: "объект",
  array: "массив",
  null: "null",
  bigint: "число",
};
const kindOf = (v: unknown) => RUSSIAN_TYPES[v === null ? "null" : Array.isArray(v) ? "array" : typeof v] ?? "значение другого типа";

// Users read validation messages (DESIGN.md: Russian), and zod's defaults are English: Russian
// for all of them; zod's own Russian locale leaves type names English, so those are ours.
z.config(z.locales.ru());
z.config({
  customError: (issue) => {
    if (issue.code !== "invalid_type") return undefined;
    if (issue.input === undefined) return "обязательное поле";
    return `ожидается ${RUSSIAN_TYPES[issue.expected] ?? issue.expected}, а пришло: ${kindOf(issue.input)}`;
  },
});

/** hh.ru ids as DESIGN.md fixes them. */
export const vacancyId = z.string().regex(/^\d{1,20}$/, "vacancy_id должен состоять из 1–20 цифр");
export const hhResumeId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, "resume_id должен состоять из 1–64 латинских букв и цифр");

function describe(issues: readonly z.core.$ZodIssue[]) {
  const issue = issues[0];
  if (!issue) return "Некорректный запрос.";
  const field = issue.path.join(".");
  return field ? `Некорректное поле «${field}»: ${issue.message}` : `Некорректный запрос: ${issue.message}`;
}

export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw badRequest(describe(result.error.issues), "invalid_input");
  });
