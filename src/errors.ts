import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HhApiError, HhDisconnectedError, HhOAuthError, HhUnavailableError } from "./hh/errors";
import { explainHhError } from "./hh/messages";

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

/** An hh.ru failure that reached a route, as the answer the user gets; null if it is not one. */
export function appErrorForHh(err: unknown): AppError | null {
  if (!(err instanceof HhApiError || err instanceof HhUnavailableError || err instanceof HhDisconnectedError || err instanceof HhOAuthError)) {
    return null;
  }
  const message = explainHhError(err);
  if (err instanceof HhDisconnectedError || err instanceof HhOAuthError) return new AppError(401, "hh_disconnected", message);
  // hh.ru is down: a gateway's failure, not ours.
  if (err instanceof HhUnavailableError) return new AppError(502, "hh_unavailable", message);
  if (err.type === "oauth") {
    return err.value === "application_not_found"
      ? new AppError(403, "hh_forbidden", message)
      : new AppError(401, "hh_disconnected", message);
  }
  if (err.type === "captcha_required") return new AppError(403, "hh_captcha_required", message);
  if (err.status === 429) return new AppError(429, "hh_rate_limited", message);
  if (err.status === 403) return new AppError(403, "hh_forbidden", message);
  if (err.status === 404) return new AppError(404, "not_found", message);
  if (err.status === 400) return new AppError(400, "hh_bad_request", message);
  return new AppError(502, "hh_error", message);
}

/** The one place that turns an error into an HTTP answer. */
export function onError(err: Error, c: Context): Response {
  const known = err instanceof AppError ? err : appErrorForHh(err);
  if (known) return errorJson(c, known.status, known.code, known.message);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const [code, message] = httpExceptionMessages[status] ?? ["http_error", err.message || "Ошибка запроса."];
    return errorJson(c, status, code, message);
  }
  // Unknown: a bug. Log the kind and message only; never request bodies or tokens.
  console.error(`unhandled ${err.name}: ${err.message}`);
  return errorJson(c, 500, "internal", "Что-то пошло не так. Попробуйте ещё раз.");
}
