/**
 * Sessions, after lucia's guide: a random 192-bit id lives only in the HttpOnly
 * cookie; KV stores the session under the id's SHA-256, so a leaked KV listing
 * cannot be replayed. Expiry slides, but the KV record is rewritten at most once
 * an hour (KV allows one write per key per second and propagates slowly).
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context";
import { randomId, sha256Hex } from "./crypto";

export const SESSION_COOKIE = "otklik_session";
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const SLIDE_AFTER_MS = 3600 * 1000;

export interface Session {
  user_id: number;
  expires_at: number;
  renewed_at: number;
}

const kvKey = async (id: string) => `session:${await sha256Hex(id)}`;

async function store(kv: KVNamespace, id: string, session: Session) {
  await kv.put(await kvKey(id), JSON.stringify(session), {
    expirationTtl: Math.ceil((session.expires_at - Date.now()) / 1000),
  });
}

function setSessionCookie(c: Context, id: string, expiresAt: number) {
  setCookie(c, SESSION_COOKIE, id, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    expires: new Date(expiresAt),
  });
}

export async function createSession(c: Context<AppEnv>, userId: number) {
  const id = randomId(24);
  const now = Date.now();
  const session: Session = { user_id: userId, expires_at: now + SESSION_TTL_MS, renewed_at: now };
  await store(c.env.SESSIONS, id, session);
  setSessionCookie(c, id, session.expires_at);
  return session;
}

/** The session behind the request's cookie, sliding its expiry; null when absent or expired. */
export async function readSession(c: Context<AppEnv>): Promise<Session | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 64) return null;
  const session = await c.env.SESSIONS.get<Session>(await kvKey(id), "json");
  const now = Date.now();
  if (!session || session.expires_at <= now) return null;
  if (now - session.renewed_at > SLIDE_AFTER_MS) {
    const renewed = { ...session, expires_at: now + SESSION_TTL_MS, renewed_at: now };
    await store(c.env.SESSIONS, id, renewed);
    setSessionCookie(c, id, renewed.expires_at);
    return renewed;
  }
  return session;
}

export async function endSession(c: Context<AppEnv>) {
  const id = getCookie(c, SESSION_COOKIE);
  if (id && id.length <= 64) await c.env.SESSIONS.delete(await kvKey(id));
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
