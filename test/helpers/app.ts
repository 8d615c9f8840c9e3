/** Talking to the Worker as a browser would: cookies, same-origin headers, the hh.ru login. */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { Sandbox } from "./hh";
import { resumeSyncFinished } from "./resume-sync";

export const APP = env.APP_ORIGIN!;

/** `name=value` pairs from Set-Cookie headers. */
export function cookiesFrom(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...rest] = pair!.split("=");
    jar[name!.trim()] = rest.join("=");
  }
  return jar;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** A logged-in browser: its cookie and helpers to call the API. */
export interface Browser {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
}

export function browser(cookie = ""): Browser {
  return {
    cookie,
    get: (path) => SELF.fetch(`${APP}${path}`, { headers: { Cookie: cookie }, redirect: "manual" }),
    post: (path, body) =>
      SELF.fetch(`${APP}${path}`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json", Origin: APP },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "manual",
      }),
  };
}

/** Step 1 of the login: /auth/hh/start → hh.ru's authorize URL and the state cookie. */
export async function startLogin() {
  const response = await SELF.fetch(`${APP}/auth/hh/start`, { redirect: "manual" });
  expect(response.status).toBe(302);
  const authorize = new URL(response.headers.get("Location")!);
  return { authorize, state: authorize.searchParams.get("state")!, cookies: cookiesFrom(response) };
}

/** The sandbox consent page's answer: where hh.ru sends the browser back to. */
export async function consent(sandbox: Sandbox, authorize: URL, choice: { user: string } | { deny: true }) {
  const form = new URLSearchParams(authorize.searchParams);
  if ("user" in choice) form.set("user", choice.user);
  else form.set("deny", "1");
  const response = await sandbox.app.request(`${authorize.origin}/oauth/authorize/decide`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("Location")!);
}

/**
 * The whole login through the sandbox; returns a browser holding the session cookie.
 * A login starts a resume sync in the background; this waits for it to finish (unless
 * told not to), so its hh.ru requests are over before the test goes on.
 */
export async function loginAs(sandbox: Sandbox, hhUserId: string, options: { waitForSync?: boolean } = {}): Promise<Browser> {
  const since = Date.now();
  const { authorize, cookies } = await startLogin();
  const callback = await consent(sandbox, authorize, { user: hhUserId });
  const response = await SELF.fetch(`${APP}${callback.pathname}${callback.search}`, {
    headers: { Cookie: cookieHeader(cookies) },
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/profile");
  const session = cookiesFrom(response).otklik_session;
  expect(session).toBeTruthy();
  if (options.waitForSync !== false) await resumeSyncFinished(hhUserId, since);
  return browser(`otklik_session=${session}`);
}
