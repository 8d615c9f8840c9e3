/** zod validation for routes: one hook shapes every validation failure as a 400 AppError. */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { badRequest } from "./errors";

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
