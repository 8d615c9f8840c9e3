/**
 * The two halves of the hh.ru login. The OAuth `state` is random, lives in KV for
 * ten minutes, is consumed on first use, and must match the cookie of the browser
 * that started the login.
 */
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { getDb } from "../db";
import type { Env } from "../env";
import { HhApi } from "../hh/api";
import { hhConfig } from "../hh/config";
import { HhApiError, HhDisconnectedError, HhOAuthError, HhUnavailableError } from "../hh/errors";
import { exchangeCode } from "../hh/oauth";
import { randomId } from "./crypto";
import { syncInBackground } from "./resume-sync";
import { createSession } from "./session";
import { upsertUser } from "./users";

const STATE_TTL_SECONDS = 600;
const stateKey = (state: string) => `oauth_state:${state}`;

/** Why a login did not finish; the code travels to the profile page, which explains it. */
export class LoginError extends Error {
  constructor(readonly code: "access_denied" | "bad_state" | "bad_request" | "hh_refused" | "hh_unavailable") {
    super(`login failed: ${code}`);
    this.name = "LoginError";
  }
}

export async function startLogin(env: Env): Promise<string> {
  const state = randomId(24);
  await env.SESSIONS.put(stateKey(state), "1", { expirationTtl: STATE_TTL_SECONDS });
  return state;
}

async function consumeState(env: Env, state: string | undefined, browserState: string | undefined) {
  if (!state || !browserState || state !== browserState) return false;
  const known = await env.SESSIONS.get(stateKey(state));
  if (!known) return false;
  await env.SESSIONS.delete(stateKey(state));
  return true;
}

/** Hono throws when a request came without an ExecutionContext (e.g. `app.request` in unit tests). */
function executionCtxOf(c: Context<AppEnv>): ExecutionContext | null {
  try {
    return c.executionCtx;
  } catch {
    return null;
  }
}

interface CallbackInput {
  code?: string;
  state?: string;
  error?: string;
  browserState?: string;
}

/** Checks the state, exchanges the code, reads /me, stores the user and opens a session. */
export async function finishLogin(c: Context<AppEnv>, input: CallbackInput) {
  const stateOk = await consumeState(c.env, input.state, input.browserState);
  if (input.error) throw new LoginError(input.error === "access_denied" ? "access_denied" : "hh_refused");
  if (!stateOk) throw new LoginError("bad_state");
  if (!input.code) throw new LoginError("bad_request");

  const config = hhConfig(c.env, new URL(c.req.url).origin);
  try {
    const tokens = await exchangeCode(config, input.code);
    const api = new HhApi(config, {
      current: async () => tokens.access_token,
      renew: async () => {
        throw new HhDisconnectedError("fresh token rejected");
      },
      revoked: async () => {},
    });
    const me = await api.me();
    const user = await upsertUser(getDb(c.env.DB), c.env, me, tokens);
    await createSession(c, user.id);
    syncInBackground(c.env, executionCtxOf(c), user.id);
    return user;
  } catch (err) {
    if (err instanceof HhUnavailableError) throw new LoginError("hh_unavailable");
    if (err instanceof HhOAuthError || err instanceof HhDisconnectedError || err instanceof HhApiError) {
      throw new LoginError("hh_refused");
    }
    throw err;
  }
}
