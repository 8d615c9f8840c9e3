import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A request we refuse, with a status and a message the user can read. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, code = "bad_request") => new AppError(400, code, message);
export const unauthorized = (message = "Войдите через hh.ru, чтобы продолжить.") =>
  new AppError(401, "unauthorized", message);
export const notFound = (message = "Не найдено.") => new AppError(404, "not_found", message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

export interface ErrorBody {
  error: { code: string; message: string };
}

const errorJson = (c: Context, status: ContentfulStatusCode, code: string, message: string) =>
  c.json<ErrorBody>({ error: { code, message } }, status);

/** Hono's own exceptions (bad JSON, CSRF, validators) keep their 4xx status with our JSON shape. */
const httpExceptionMessages: Partial<Record<number, [string, string]>> = {
  400: ["bad_request", "Некорректный запрос."],
  401: ["unauthorized", "Войдите через hh.ru, чтобы продолжить."],
  403: ["forbidden", "Запрос отклонён: он пришёл не со страницы Otklik."],
  404: ["not_found", "Не найдено."],
  413: ["too_large", "Слишком большой запрос."],
  415: ["unsupported_media_type", "Ожидается JSON."],
};

/** The one place that turns an error into an HTTP answer. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof AppError) return errorJson(c, err.status, err.code, err.message);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const [code, message] = httpExceptionMessages[status] ?? ["http_error", err.message || "Ошибка запроса."];
    return errorJson(c, status, code, message);
  }
  // Unknown: a bug. Log the kind and message only; never request bodies or tokens.
  console.error(`unhandled ${err.name}: ${err.message}`);
  return errorJson(c, 500, "internal", "Что-то пошло не так. Попробуйте ещё раз.");
}
