/**
 * The one way the frontend talks to the Worker: same origin, JSON both ways, the
 * session cookie. Error bodies `{error:{code,message}}` become an ApiError carrying
 * the server's Russian message; a 401 also tells the session model we're logged out.
 */
import { common } from "./text";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let onUnauthorized: () => void = () => {};

/** The session model registers itself here, so any 401 anywhere logs the UI out. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export const isUnauthorized = (err: unknown): boolean => err instanceof ApiError && err.status === 401;

/** A message fit for a toast or an error line, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return common.networkError;
}

type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value == null || value === "" || value === false) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  method?: "GET" | "POST";
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = options.body === undefined ? "GET" : "POST", body, query, signal } = options;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network", common.networkError);
  }

  let data: unknown = null;
  const text = await response.text().catch(() => "");
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === "string" ? error.code : `http_${response.status}`;
    const message = typeof error?.message === "string" && error.message ? error.message : common.serverError(response.status);
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, code, message);
  }
  return data as T;
}

export const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: "POST", body });
