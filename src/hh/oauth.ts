/** hh.ru OAuth 2.0: the authorize URL, the code exchange and the one-time refresh. */
import type { HhConfig } from "./config";
import { HhOAuthError, HhUnavailableError } from "./errors";
import { buildUrl, HH_TIMEOUT_MS } from "./client";

export interface HhTokenSet {
  access_token: string;
  refresh_token: string;
  /** Seconds; hh.ru gives 14 days. */
  expires_in: number;
}

export function authorizeUrl(config: HhConfig, state: string) {
  return buildUrl(config.oauthBase, "/oauth/authorize", {
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    state,
  }).toString();
}

async function tokenRequest(config: HhConfig, form: Record<string, string>): Promise<HhTokenSet> {
  let response: Response;
  try {
    response = await fetch(`${config.apiBase}/token`, {
      method: "POST",
      headers: { "HH-User-Agent": config.userAgent, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
      redirect: "manual",
      signal: AbortSignal.timeout(HH_TIMEOUT_MS),
    });
  } catch {
    throw new HhUnavailableError(null, "token endpoint unreachable");
  }
  if (response.status >= 500) throw new HhUnavailableError(response.status, "token endpoint failed");
  const body = (await response.json().catch(() => null)) as Partial<HhTokenSet> & {
    error?: string;
    error_description?: string;
  } | null;
  if (response.ok && body?.access_token && body.refresh_token && typeof body.expires_in === "number") {
    return { access_token: body.access_token, refresh_token: body.refresh_token, expires_in: body.expires_in };
  }
  throw new HhOAuthError(response.status, body?.error ?? "invalid_response", body?.error_description ?? "");
}

export const exchangeCode = (config: HhConfig, code: string) =>
  tokenRequest(config, {
    grant_type: "authorization_code",
    client_id: config.clientId,
    client_secret: config.clientSecret,
    code,
    redirect_uri: config.redirectUri,
  });

/** hh.ru accepts this once, and only after the access token expired. */
export const refreshTokens = (config: HhConfig, refreshToken: string) =>
  tokenRequest(config, { grant_type: "refresh_token", refresh_token: refreshToken });
