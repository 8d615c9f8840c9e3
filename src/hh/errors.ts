/**
 * Typed failures of hh.ru calls. Only src/hh/ builds them from responses; the
 * rest of the app reads `status`, `type` and `value`, never raw bodies.
 */

/** hh.ru answered with an error: `{"errors":[{"type","value"}],"request_id"}` or an OAuth error. */
export class HhApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly value: string | null,
    readonly requestId: string | null = null,
    /** Extra fields hh.ru sends with some errors (e.g. `captcha_url`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(`hh.ru ${status} ${type}${value ? `/${value}` : ""}`);
    this.name = "HhApiError";
  }

  is(type: string, value?: string) {
    return this.type === type && (value === undefined || this.value === value);
  }
}

/** The token endpoint said no: `{"error":"invalid_grant","error_description":"…"}`. */
export class HhOAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`hh.ru oauth ${status} ${error}: ${description}`);
    this.name = "HhOAuthError";
  }
}

/** hh.ru could not be reached, timed out, or failed on its side (5xx): worth retrying later. */
export class HhUnavailableError extends Error {
  constructor(
    readonly status: number | null,
    reason: string,
  ) {
    super(`hh.ru unavailable: ${reason}`);
    this.name = "HhUnavailableError";
  }
}

/** The user's hh.ru tokens are gone (revoked, deactivated, never granted): log in again. */
export class HhDisconnectedError extends Error {
  constructor(reason: string) {
    super(`hh.ru disconnected: ${reason}`);
    this.name = "HhDisconnectedError";
  }
}

/** Transient failures: a later attempt may succeed. A 429 `limit_exceeded` is a final answer. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HhUnavailableError) return true;
  if (err instanceof HhApiError) return err.status === 429 && err.value !== "limit_exceeded";
  return false;
}

/** Reads an hh.ru error response into an HhApiError (or HhUnavailableError for 5xx). */
export async function errorFromResponse(res: Response): Promise<HhApiError | HhUnavailableError> {
  if (res.status >= 500) return new HhUnavailableError(res.status, `status ${res.status}`);
  const body = (await res.json().catch(() => null)) as {
    errors?: { type?: unknown; value?: unknown; captcha_url?: unknown }[];
    request_id?: unknown;
    error?: unknown;
    description?: unknown;
  } | null;
  const first = body?.errors?.[0];
  const requestId = typeof body?.request_id === "string" ? body.request_id : null;
  if (first && typeof first.type === "string") {
    const value = typeof first.value === "string" ? first.value : null;
    const { type: _t, value: _v, ...details } = first;
    return new HhApiError(res.status, first.type, value, requestId, details);
  }
  const fallbackType = res.status === 429 ? "too_many_requests" : res.status === 404 ? "not_found" : "unknown";
  return new HhApiError(res.status, fallbackType, null, requestId);
}
