import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SANDBOX_USERS } from "../sandbox/seed";
import { sha256Hex } from "../src/services/crypto";
import { APP, browser, consent, cookieHeader, cookiesFrom, loginAs, startLogin } from "./helpers/app";
import { useSandbox } from "./helpers/hh";

const anna = SANDBOX_USERS.anna;

async function callback(url: URL, cookies: Record<string, string>) {
  return SELF.fetch(`${APP}${url.pathname}${url.search}`, { headers: { Cookie: cookieHeader(cookies) }, redirect: "manual" });
}

describe("GET /auth/hh/start", () => {
  it("sends the browser to hh.ru's authorize page with a fresh state bound to a Lax cookie", async () => {
    const first = await startLogin();
    const second = await startLogin();
    expect(first.authorize.origin + first.authorize.pathname).toBe(`${env.HH_OAUTH_BASE}/oauth/authorize`);
    expect(Object.fromEntries(first.authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: env.HH_CLIENT_ID,
      redirect_uri: `${APP}/auth/hh/callback`,
    });
    expect(first.state.length).toBeGreaterThanOrEqual(32);
    expect(first.state).not.toBe(second.state);
    expect(first.cookies.otklik_oauth_state).toBe(first.state);
  });
});

describe("GET /auth/hh/callback", () => {
  it("logs the user in: token exchange, /me, session; /api/me shows the name and never a token", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const tokenCall = sandbox.sent.find((r) => r.path === "/token")!;
    expect(tokenCall.headers.get("Content-Type")).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenCall.body))).toMatchObject({
      grant_type: "authorization_code",
      client_id: env.HH_CLIENT_ID,
      client_secret: env.HH_CLIENT_SECRET,
      redirect_uri: `${APP}/auth/hh/callback`,
    });
    const meCall = sandbox.sent.find((r) => r.path === "/me")!;
    expect(meCall.headers.get("Authorization")).toMatch(/^Bearer \S+/);
    expect(meCall.headers.get("HH-User-Agent")).toBe(env.HH_USER_AGENT);

    const me = await user.get("/api/me");
    expect(me.status).toBe(200);
    const body = await me.json<Record<string, any>>();
    expect(body.user).toMatchObject({ hh_user_id: anna.id, first_name: "Анна", last_name: "Смирнова" });
    expect(body.hh).toEqual({ connected: true });
    const accessToken = meCall.headers.get("Authorization")!.slice("Bearer ".length);
    expect(JSON.stringify(body)).not.toContain(accessToken);
    expect(JSON.stringify(body)).not.toMatch(/token/i);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie, Secure only over https", async () => {
    const sandbox = useSandbox();
    const { authorize, cookies } = await startLogin();
    const back = await consent(sandbox, authorize, { user: anna.id });
    const response = await callback(back, cookies);
    const line = response.headers.getSetCookie().find((l) => l.startsWith("otklik_session="))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Secure/i);
    const id = cookiesFrom(response).otklik_session!;
    // 24 random bytes, base64url: 192 bits.
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const https = await SELF.fetch("https://otklik.example/auth/hh/start", { redirect: "manual" });
    expect(https.headers.getSetCookie().join("\n")).toMatch(/otklik_oauth_state=.*Secure/i);
  });

  it.each([
    ["a tampered state", (s: string) => ({ query: `${s}x`, cookie: s })],
    ["a missing state cookie", (s: string) => ({ query: s, cookie: "" })],
    ["a state from another browser", (s: string) => ({ query: s, cookie: "someone-else" })],
  ])("refuses %s without asking hh.ru for a token", async (_name, tamper) => {
    const sandbox = useSandbox();
    const { authorize, state } = await startLogin();
    const back = await consent(sandbox, authorize, { user: anna.id });
    const { query, cookie } = tamper(state);
    back.searchParams.set("state", query);
    const response = await callback(back, cookie ? { otklik_oauth_state: cookie } : {});
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/profile?login_error=bad_state");
    expect(cookiesFrom(response).otklik_session).toBeUndefined();
    expect(sandbox.sent.filter((r) => r.path === "/token")).toHaveLength(0);
  });

  it("accepts a state once: replaying the callback opens no second session", async () => {
    const sandbox = useSandbox();
    const { authorize, cookies } = await startLogin();
    const back = await consent(sandbox, authorize, { user: anna.id });
    expect((await callback(back, cookies)).headers.get("Location")).toBe("/profile");
    const replay = await callback(back, cookies);
    expect(replay.headers.get("Location")).toBe("/profile?login_error=bad_state");
    expect(cookiesFrom(replay).otklik_session).toBeUndefined();
    expect(sandbox.sent.filter((r) => r.path === "/token")).toHaveLength(1);
  });

  it("turns a refusal on hh.ru's consent page into a friendly message, no token request", async () => {
    const sandbox = useSandbox();
    const { authorize, cookies } = await startLogin();
    const back = await consent(sandbox, authorize, { deny: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
    const response = await callback(back, cookies);
    expect(response.headers.get("Location")).toBe("/profile?login_error=access_denied");
    expect(sandbox.sent).toHaveLength(0);
  });

  it("reports a reused code as refused by hh.ru and opens no session", async () => {
    const sandbox = useSandbox();
    const first = await startLogin();
    const back = await consent(sandbox, first.authorize, { user: anna.id });
    await callback(back, first.cookies);
    // A second login attempt that carries the already used code.
    const second = await startLogin();
    back.searchParams.set("state", second.state);
    const response = await callback(back, second.cookies);
    expect(response.headers.get("Location")).toBe("/profile?login_error=hh_refused");
    expect(cookiesFrom(response).otklik_session).toBeUndefined();
  });

  it("says hh.ru is unavailable when the token endpoint fails", async () => {
    const sandbox = useSandbox();
    const { authorize, cookies } = await startLogin();
    const back = await consent(sandbox, authorize, { user: anna.id });
    await sandbox.control("/faults", { count: 1, status: 503, path_prefix: "/token" });
    const response = await callback(back, cookies);
    expect(response.headers.get("Location")).toBe("/profile?login_error=hh_unavailable");
  });

  it("gives a returning user fresh tokens and a new session id, keeping one user row", async () => {
    const sandbox = useSandbox();
    const first = await loginAs(sandbox, anna.id);
    const second = await loginAs(sandbox, anna.id);
    expect(second.cookie).not.toBe(first.cookie);
    const rows = await env.DB.prepare("SELECT hh_access_token FROM users WHERE hh_user_id = ?").bind(anna.id).all();
    expect(rows.results).toHaveLength(1);
    const meCalls = sandbox.sent.filter((r) => r.path === "/me").map((r) => r.headers.get("Authorization"));
    expect(meCalls[0]).not.toBe(meCalls[1]);
  });
});

describe("sessions", () => {
  it("answers /api/me without a session with 401 and a JSON error", async () => {
    const response = await browser().get("/api/me");
    expect(response.status).toBe(401);
    const body = await response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message).toMatch(/hh\.ru/);
    expect((await browser("otklik_session=forged").get("/api/me")).status).toBe(401);
  });

  it("ends the session on the server at logout: the old cookie no longer works", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const logout = await user.post("/auth/logout");
    expect(logout.status).toBe(200);
    expect(logout.headers.getSetCookie().join()).toMatch(/otklik_session=;/);
    expect((await user.get("/api/me")).status).toBe(401);
  });

  it("stores only a hash of the session id in KV", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const id = user.cookie.split("=")[1]!;
    const keys = (await env.SESSIONS.list({ prefix: "session:" })).keys.map((k) => k.name);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join()).not.toContain(id);
  });

  it("slides the session's expiry at most once an hour (KV allows few writes per key)", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const key = `session:${await sha256Hex(user.cookie.split("=")[1]!)}`;
    const fresh = await user.get("/api/me");
    expect(fresh.headers.getSetCookie()).toHaveLength(0);

    const session = (await env.SESSIONS.get<{ user_id: number; expires_at: number; renewed_at: number }>(key!, "json"))!;
    const twoHoursAgo = Date.now() - 2 * 3600_000;
    await env.SESSIONS.put(key!, JSON.stringify({ ...session, renewed_at: twoHoursAgo, expires_at: session.expires_at - 7200_000 }));
    const renewed = await user.get("/api/me");
    expect(renewed.status).toBe(200);
    expect(renewed.headers.getSetCookie().join()).toMatch(/otklik_session=.*HttpOnly/i);
    const stored = (await env.SESSIONS.get<{ renewed_at: number; expires_at: number }>(key!, "json"))!;
    expect(stored.renewed_at).toBeGreaterThan(twoHoursAgo);
    expect(stored.expires_at).toBeGreaterThan(session.expires_at);
  });

  it("refuses cross-site form posts (CSRF) with 403 and keeps the session", async () => {
    const sandbox = useSandbox();
    const user = await loginAs(sandbox, anna.id);
    const attack = await SELF.fetch(`${APP}/auth/logout`, {
      method: "POST",
      headers: { Cookie: user.cookie, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "x=1",
    });
    expect(attack.status).toBe(403);
    expect((await attack.json<{ error: { code: string } }>()).error.code).toBe("forbidden");
    expect((await user.get("/api/me")).status).toBe(200);
  });
});
