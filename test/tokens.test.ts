import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SANDBOX_USERS } from "../sandbox/seed";
import { users } from "../shared/schema";
import { getDb } from "../src/db";
import { hhConfig } from "../src/hh/config";
import { HhDisconnectedError } from "../src/hh/errors";
import { refreshTokens } from "../src/hh/oauth";
import { decryptSecret } from "../src/services/crypto";
import { hhApiForUser } from "../src/services/tokens";
import { sealTokens, tokenContext } from "../src/services/users";
import { APP, loginAs } from "./helpers/app";
import { useSandbox, type Sandbox } from "./helpers/hh";

const anna = SANDBOX_USERS.anna;
const db = getDb(env.DB);
const config = hhConfig(env, APP);

async function annaRow() {
  const [row] = await db.select().from(users).where(eq(users.hh_user_id, anna.id));
  return row!;
}

async function loggedInAnna(sandbox: Sandbox) {
  const browser = await loginAs(sandbox, anna.id);
  sandbox.sent.length = 0;
  return { browser, api: hhApiForUser(env, db, (await annaRow()).id, config) };
}

/** Both hh.ru and our copy agree the access token has expired. */
async function expireEverywhere(sandbox: Sandbox) {
  await sandbox.control(`/users/${anna.id}/expire-token`, {});
  await db.update(users).set({ hh_token_expires_at: new Date(Date.now() - 1000) }).where(eq(users.hh_user_id, anna.id));
}

const refreshCalls = (sandbox: Sandbox) =>
  sandbox.sent.filter((r) => r.path === "/token" && new URLSearchParams(r.body).get("grant_type") === "refresh_token");

describe("getValidAccessToken / refreshHHToken", () => {
  it("uses a valid token as is and never refreshes early (hh.ru would refuse)", async () => {
    const sandbox = useSandbox();
    const { api } = await loggedInAnna(sandbox);
    await api.me();
    await api.me();
    expect(refreshCalls(sandbox)).toHaveLength(0);
  });

  it("refreshes before calling when the stored expiry has passed, with only the documented fields", async () => {
    const sandbox = useSandbox();
    const { api } = await loggedInAnna(sandbox);
    const before = await annaRow();
    await expireEverywhere(sandbox);
    expect((await api.me()).id).toBe(anna.id);
    expect(sandbox.sent.map((r) => r.path)).toEqual(["/token", "/me"]);
    expect([...new URLSearchParams(refreshCalls(sandbox)[0]!.body).keys()].sort()).toEqual(["grant_type", "refresh_token"]);
    const after = await annaRow();
    expect(after.hh_access_token).not.toBe(before.hh_access_token);
    expect(after.hh_token_expires_at!.getTime()).toBeGreaterThan(Date.now());
  });

  it("refreshes once and repeats the call when hh.ru answers 403 token_expired before our expiry", async () => {
    const sandbox = useSandbox();
    const { api } = await loggedInAnna(sandbox);
    await sandbox.control(`/users/${anna.id}/expire-token`, {});
    expect((await api.me()).id).toBe(anna.id);
    expect(sandbox.sent.map((r) => r.path)).toEqual(["/me", "/token", "/me"]);
  });

  it("serves five concurrent requests with an expired token through one refresh; the user stays logged in", async () => {
    const sandbox = useSandbox();
    const { api, browser } = await loggedInAnna(sandbox);
    await expireEverywhere(sandbox);
    const results = await Promise.all(Array.from({ length: 5 }, () => api.me()));
    expect(results.map((me) => me.id)).toEqual(Array(5).fill(anna.id));
    expect(refreshCalls(sandbox)).toHaveLength(1);
    const me = await (await browser.get("/api/me")).json<{ hh: { connected: boolean } }>();
    expect(me.hh.connected).toBe(true);
  });

  it("after losing a refresh race to another isolate, picks up the winner's tokens instead of logging out", async () => {
    const sandbox = useSandbox();
    const { api, browser } = await loggedInAnna(sandbox);
    await expireEverywhere(sandbox);
    // "Another isolate" refreshes first and stores its tokens a moment later.
    const row = await annaRow();
    const refresh = await decryptSecret(env.TOKEN_ENCRYPTION_KEY, row.hh_refresh_token!, tokenContext(anna.id, "refresh"));
    const winner = await refreshTokens(config, refresh);
    const stored = new Promise<void>((resolve) =>
      setTimeout(async () => {
        await db.update(users).set(await sealTokens(env, anna.id, winner)).where(eq(users.id, row.id));
        resolve();
      }, 200),
    );
    expect((await api.me()).id).toBe(anna.id);
    await stored;
    const lastMe = sandbox.sent.filter((r) => r.path === "/me").at(-1)!;
    expect(lastMe.headers.get("Authorization")).toBe(`Bearer ${winner.access_token}`);
    const me = await (await browser.get("/api/me")).json<{ hh: { connected: boolean } }>();
    expect(me.hh.connected).toBe(true);
  });

  it("when our clock runs ahead and hh.ru says the token has not expired, keeps using it without asking again", async () => {
    const sandbox = useSandbox();
    const { api } = await loggedInAnna(sandbox);
    await db.update(users).set({ hh_token_expires_at: new Date(Date.now() - 1000) }).where(eq(users.hh_user_id, anna.id));
    expect((await api.me()).id).toBe(anna.id);
    expect(sandbox.sent.map((r) => r.path)).toEqual(["/token", "/me"]);
    const next = hhApiForUser(env, db, (await annaRow()).id, config);
    await next.me();
    expect(refreshCalls(sandbox)).toHaveLength(1);
    expect((await annaRow()).hh_disconnected_at).toBeNull();
  });

  it.each([
    ["revoked", "revoke"],
    ["deactivated after a password change", "deactivate"],
  ])("marks the user disconnected when the token was %s; /api/me asks to reconnect", async (_name, action) => {
    const sandbox = useSandbox();
    const { api, browser } = await loggedInAnna(sandbox);
    await sandbox.control(`/users/${anna.id}/${action}`, {});
    await expect(api.me()).rejects.toBeInstanceOf(HhDisconnectedError);
    expect((await annaRow()).hh_disconnected_at).not.toBeNull();
    const me = await (await browser.get("/api/me")).json<{ hh: { connected: boolean } }>();
    expect(me.hh.connected).toBe(false);
    // Disconnected users cost hh.ru nothing more.
    const sent = sandbox.sent.length;
    await expect(api.me()).rejects.toBeInstanceOf(HhDisconnectedError);
    expect(sandbox.sent.length).toBe(sent);
  });

  it("marks the user disconnected when the refresh itself is refused as revoked", async () => {
    const sandbox = useSandbox();
    const { api } = await loggedInAnna(sandbox);
    await expireEverywhere(sandbox);
    await sandbox.control(`/users/${anna.id}/revoke`, {});
    await expect(api.me()).rejects.toBeInstanceOf(HhDisconnectedError);
    expect(refreshCalls(sandbox)).toHaveLength(1);
    expect((await annaRow()).hh_disconnected_at).not.toBeNull();
  });

  it("logging in again reconnects a disconnected user", async () => {
    const sandbox = useSandbox();
    const { api } = await loggedInAnna(sandbox);
    await sandbox.control(`/users/${anna.id}/revoke`, {});
    await expect(api.me()).rejects.toThrow();
    const again = await loginAs(sandbox, anna.id);
    const me = await (await again.get("/api/me")).json<{ hh: { connected: boolean } }>();
    expect(me.hh.connected).toBe(true);
  });
});

describe("tokens at rest", () => {
  it("stores hh tokens only as AES-GCM ciphertext bound to the user", async () => {
    const sandbox = useSandbox();
    await loginAs(sandbox, anna.id);
    const access = sandbox.sent.find((r) => r.path === "/me")!.headers.get("Authorization")!.split(" ")[1]!;
    const raw = await env.DB.prepare("SELECT * FROM users").all();
    const dump = JSON.stringify(raw.results);
    expect(dump).not.toContain(access);
    expect(dump).not.toMatch(/sbxr?_/);
    const row = await annaRow();
    expect(row.hh_access_token).toMatch(/^v1\./);
    expect(await decryptSecret(env.TOKEN_ENCRYPTION_KEY, row.hh_access_token!, tokenContext(anna.id, "access"))).toBe(access);
    // Moved to another user's row, the ciphertext no longer decrypts.
    await expect(
      decryptSecret(env.TOKEN_ENCRYPTION_KEY, row.hh_access_token!, tokenContext(SANDBOX_USERS.ivan.id, "access")),
    ).rejects.toThrow();
  });
});
