/**
 * The one function that sends requests to hh.ru. It sets HH-User-Agent and the
 * Bearer token, bounds the wait, never follows redirects (POST /negotiations
 * answers 303 to an employer's site), and turns error answers into typed errors.
 */
import type { HhConfig } from "./config";
import { errorFromResponse, HhUnavailableError } from "./errors";

export const HH_TIMEOUT_MS = 15_000;

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface HhRequest {
  method?: "GET" | "POST" | "DELETE";
  /** Path on HH_API_BASE, e.g. `/resumes/mine`. */
  path: string;
  query?: Record<string, QueryValue>;
  token?: string;
  /** application/x-www-form-urlencoded (the token endpoint). */
  form?: URLSearchParams;
  /** multipart/form-data (POST /negotiations). */
  multipart?: FormData;
}

export function buildUrl(base: string, path: string, query: Record<string, QueryValue> = {}) {
  const url = new URL(base + path);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  return url;
}

/** Sends one request; resolves with any 2xx/3xx answer, throws HhApiError / HhUnavailableError otherwise. */
export async function hhFetch(config: HhConfig, req: HhRequest): Promise<Response> {
  const headers = new Headers({ "HH-User-Agent": config.userAgent, Accept: "application/json" });
  if (req.token) headers.set("Authorization", `Bearer ${req.token}`);
  let response: Response;
  try {
    response = await fetch(buildUrl(config.apiBase, req.path, req.query), {
      method: req.method ?? "GET",
      headers,
      body: req.form ?? req.multipart,
      redirect: "manual",
      signal: AbortSignal.timeout(HH_TIMEOUT_MS),
    });
  } catch (err) {
    const reason = err instanceof Error && err.name === "TimeoutError" ? "timeout" : "network error";
    throw new HhUnavailableError(null, reason);
  }
  if (response.status < 400) return response;
  throw await errorFromResponse(response);
}

export async function hhJson<T>(config: HhConfig, req: HhRequest): Promise<T> {
  const response = await hhFetch(config, req);
  try {
    return (await response.json()) as T;
  } catch {
    throw new HhUnavailableError(response.status, "response is not JSON");
  }
}
