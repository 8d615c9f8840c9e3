import { eq } from "drizzle-orm";
import { users, type MeResponse, type UserRow } from "../../shared/schema";
import type { Db } from "../db";
import type { Env } from "../env";
import type { HhTokenSet } from "../hh/oauth";
import type { HhMe } from "../hh/types";
import { encryptSecret } from "./crypto";

/** The additional data bound to a user's token ciphertexts. */
export const tokenContext = (hhUserId: string, kind: "access" | "refresh") => `hh:${hhUserId}:${kind}`;

export async function sealTokens(env: Env, hhUserId: string, tokens: HhTokenSet, now = Date.now()) {
  return {
    hh_access_token: await encryptSecret(env.TOKEN_ENCRYPTION_KEY, tokens.access_token, tokenContext(hhUserId, "access")),
    hh_refresh_token: await encryptSecret(env.TOKEN_ENCRYPTION_KEY, tokens.refresh_token, tokenContext(hhUserId, "refresh")),
    hh_token_expires_at: new Date(now + tokens.expires_in * 1000),
  };
}

/** Creates or updates the user behind an hh.ru login; a new login reconnects a disconnected user. */
export async function upsertUser(db: Db, env: Env, me: HhMe, tokens: HhTokenSet): Promise<UserRow> {
  const profile = { first_name: me.first_name, last_name: me.last_name, email: me.email };
  const sealed = await sealTokens(env, me.id, tokens);
  const [row] = await db
    .insert(users)
    .values({ hh_user_id: me.id, ...profile, ...sealed })
    .onConflictDoUpdate({
      target: users.hh_user_id,
      set: { ...profile, ...sealed, hh_disconnected_at: null, updated_at: new Date() },
    })
    .returning();
  if (!row) throw new Error("user upsert returned nothing");
  return row;
}

export const findUser = async (db: Db, id: number) =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0] ?? null;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** A sync claim older than this belongs to a sync that died. */
export const SYNC_CLAIM_TTL_MS = 60_000;

export function toMeResponse(user: UserRow, now = Date.now()): MeResponse {
  return {
    user: {
      id: user.id,
      hh_user_id: user.hh_user_id,
      first_name: user.first_name,
      last_name: user.last_name,
      email: user.email,
    },
    hh: { connected: !user.hh_disconnected_at && !!user.hh_refresh_token },
    sync: {
      last_synced_at: iso(user.synced_at),
      last_error: user.sync_error,
      running: !!user.sync_claimed_at && now - user.sync_claimed_at.getTime() < SYNC_CLAIM_TTL_MS,
    },
  };
}
