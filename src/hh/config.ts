import type { Env } from "../env";

export interface HhConfig {
  clientId: string;
  clientSecret: string;
  oauthBase: string;
  apiBase: string;
  userAgent: string;
  redirectUri: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** hh.ru settings from the environment; `origin` is the app's own, for the default redirect URI. */
export function hhConfig(env: Env, origin: string): HhConfig {
  const appOrigin = trimSlash(env.APP_ORIGIN || origin);
  return {
    clientId: env.HH_CLIENT_ID ?? "",
    clientSecret: env.HH_CLIENT_SECRET ?? "",
    oauthBase: trimSlash(env.HH_OAUTH_BASE || "https://hh.ru"),
    apiBase: trimSlash(env.HH_API_BASE || "https://api.hh.ru"),
    userAgent: env.HH_USER_AGENT || "Otklik/1.0 (otklik@example.com)",
    redirectUri: env.HH_REDIRECT_URI || `${appOrigin}/auth/hh/callback`,
  };
}
