/**
 * Valid hh.ru access tokens for a user. hh.ru lets a refresh token work once,
 * and only after the access token expired — so refreshes are single-flight per
 * user inside an isolate, and a refresh that loses a race with another isolate
 * ("token has already been refreshed") re-reads the winner's tokens from D1.
 */
import { eq } from "drizzle-orm";
import { users, type UserRow } from "../../shared/schema";
import type { Db } from "../db";
import type { Env } from "../env";
import { HhApi } from "../hh/api";
import { hhConfig, type HhConfig } from "../hh/config";
import { HhDisconnectedError, HhOAuthError } from "../hh/errors";
import { refreshTokens } from "../hh/oauth";
import { decryptSecret } from "./crypto";
import { findUser, sealTokens, tokenContext } from "./users";

const inflight = new Map<number, Promise<string>>();
const RACE_REREAD_DELAYS_MS = [0, 150, 300, 600, 1000];
const NOT_EXPIRED_RETRY_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function loadConnected(db: Db, userId: number): Promise<UserRow> {
  const user = await findUser(db, userId);
  if (!user || user.hh_disconnected_at || !user.hh_access_token || !user.hh_refresh_token) {
    throw new HhDisconnectedError("no usable tokens");
  }
  return user;
}

const accessTokenOf = (env: Env, user: UserRow) =>
  decryptSecret(env.TOKEN_ENCRYPTION_KEY, user.hh_access_token!, tokenContext(user.hh_user_id, "access"));

const isExpired = (user: UserRow, now = Date.now()) => !user.hh_token_expires_at || user.hh_token_expires_at.getTime() <= now;

export async function markDisconnected(db: Db, userId: number) {
  await db.update(users).set({ hh_disconnected_at: new Date(), updated_at: new Date() }).where(eq(users.id, userId));
}

/** Another isolate refreshed first: wait for its tokens to land in D1. */
async function winnerToken(env: Env, db: Db, userId: number, staleRefresh: string): Promise<string> {
  for (const delay of RACE_REREAD_DELAYS_MS) {
    await sleep(delay);
    const user = await loadConnected(db, userId);
    if (user.hh_refresh_token !== staleRefresh && !isExpired(user)) return accessTokenOf(env, user);
  }
  throw new HhDisconnectedError("refresh race lost and no new token appeared");
}

async function refreshOnce(env: Env, db: Db, config: HhConfig, userId: number): Promise<string> {
  const user = await loadConnected(db, userId);
  const refreshToken = await decryptSecret(
    env.TOKEN_ENCRYPTION_KEY,
    user.hh_refresh_token!,
    tokenContext(user.hh_user_id, "refresh"),
  );
  try {
    const fresh = await refreshTokens(config, refreshToken);
    await db
      .update(users)
      .set({ ...(await sealTokens(env, user.hh_user_id, fresh)), updated_at: new Date() })
      .where(eq(users.id, userId));
    return fresh.access_token;
  } catch (err) {
    if (!(err instanceof HhOAuthError) || err.error !== "invalid_grant") throw err;
    if (err.description.includes("already been refreshed")) return winnerToken(env, db, userId, user.hh_refresh_token!);
    if (err.description.includes("not expired")) {
      // Our clock ran ahead of hh.ru's: the stored token is still good. Look again in a few
      // minutes rather than asking hh.ru before every call.
      await db.update(users).set({ hh_token_expires_at: new Date(Date.now() + NOT_EXPIRED_RETRY_MS) }).where(eq(users.id, userId));
      return accessTokenOf(env, user);
    }
    await markDisconnected(db, userId);
    throw new HhDisconnectedError(err.description || err.error);
  }
}

/** refreshHHToken: exchanges the refresh token once for this user, however many callers ask at the same time. */
export function refreshHHToken(env: Env, db: Db, config: HhConfig, userId: number): Promise<string> {
  let pending = inflight.get(userId);
  if (!pending) {
    pending = refreshOnce(env, db, config, userId).finally(() => inflight.delete(userId));
    inflight.set(userId, pending);
  }
  return pending;
}

/** The access token to use now, refreshed first if its stored expiry has passed. */
export async function getValidAccessToken(env: Env, db: Db, config: HhConfig, userId: number): Promise<string> {
  const pending = inflight.get(userId);
  if (pending) return pending;
  const user = await loadConnected(db, userId);
  return isExpired(user) ? refreshHHToken(env, db, config, userId) : accessTokenOf(env, user);
}

/**
 * hh.ru's API as this user, with refresh on expiry and disconnection on revocation.
 * API calls need no redirect URI, so the configuration defaults to the environment's.
 */
export function hhApiForUser(env: Env, db: Db, userId: number, config: HhConfig = hhConfig(env, env.APP_ORIGIN ?? "")): HhApi {
  // One instance serves one job (a sync, an attempt): its calls share a token instead of
  // reading and decrypting it from D1 for each. hh.ru's token_expired still renews it.
  let shared: Promise<string> | null = null;
  const share = (token: Promise<string>) => {
    shared = token;
    token.catch(() => {
      if (shared === token) shared = null;
    });
    return token;
  };
  return new HhApi(config, {
    current: () => shared ?? share(getValidAccessToken(env, db, config, userId)),
    renew: (expired) =>
      share(
        (async () => {
          const user = await loadConnected(db, userId);
          // Someone already replaced the token hh.ru rejected: use theirs.
          const stored = await accessTokenOf(env, user);
          return stored !== expired && !isExpired(user) ? stored : refreshHHToken(env, db, config, userId);
        })(),
      ),
    revoked: () => {
      shared = null;
      return markDisconnected(db, userId);
    },
  });
}
