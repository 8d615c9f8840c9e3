// OAuth: the consent page (stands in for hh.ru's login), the token endpoint and revocation.
import type { Hono } from "hono";
import { authenticate, loggableForm, type SbContext, type SbEnv } from "./http";
import { CODE_TTL_MS, type SandboxState } from "./state";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

const PAGE_CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f8;color:#1f2328}
main{max-width:440px;margin:0 auto;padding:24px 16px}.card{background:#fff;border-radius:16px;padding:24px;box-shadow:0 2px 12px rgba(0,0,0,.06)}
.logo{display:inline-block;background:#d6001c;color:#fff;font-weight:700;border-radius:50%;width:40px;height:40px;line-height:40px;text-align:center;margin-bottom:12px}
h1{font-size:22px;margin:0 0 8px}p{margin:0 0 16px;color:#57606a}.note{font-size:13px;background:#fff8c5;border-radius:8px;padding:8px 12px}
button{display:block;width:100%;padding:14px 16px;margin:0 0 10px;border:0;border-radius:12px;font:inherit;cursor:pointer;text-align:left}
.user{background:#0070ff;color:#fff}.user:hover{background:#005fd9}.user small{display:block;opacity:.85;font-size:13px}
.deny{background:#eef1f4;color:#1f2328;text-align:center}.deny:hover{background:#e1e5ea}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${PAGE_CSS}</style></head><body><main><div class="card"><div class="logo">hh</div>${body}</div></main></body></html>`;
}

function errorPage(c: SbContext, message: string) {
  return c.html(page("hh.ru — ошибка авторизации", `<h1>Ошибка авторизации</h1><p>${esc(message)}</p>`), 400);
}

function validRedirect(uri: string | undefined): uri is string {
  if (!uri) return false;
  try {
    const u = new URL(uri);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

function redirectWith(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

type TokenFields = Record<string, string>;
const oauthError = (c: SbContext, error: string, description: string, status = 400) =>
  c.json({ error, error_description: description }, status as 400);

export function registerOAuth(app: Hono<SbEnv>, state: SandboxState): void {
  app.get("/oauth/authorize", (c) => {
    const q = c.req.query();
    if (q.client_id !== state.clientId) return errorPage(c, "Приложение не найдено (неизвестный client_id).");
    if (q.response_type !== "code") return errorPage(c, "Параметр response_type должен быть равен code.");
    if (!validRedirect(q.redirect_uri)) return errorPage(c, "Некорректный redirect_uri.");
    const hidden = ["client_id", "redirect_uri", "state", "response_type"]
      .filter((k) => q[k] !== undefined)
      .map((k) => `<input type="hidden" name="${k}" value="${esc(q[k]!)}">`)
      .join("");
    const buttons = [...state.users.values()]
      .map((u) => {
        const n = state.userResumes(u.id).length;
        return `<button class="user" type="submit" name="user" value="${esc(u.id)}">Войти как ${esc(u.first_name)} ${esc(u.last_name)}<small>резюме: ${n}</small></button>`;
      })
      .join("");
    const body = `<h1>Вход через hh.ru</h1><p>Приложение <strong>Otklik</strong> запрашивает доступ к вашим резюме и откликам.</p>
<p class="note">Это песочница: настоящий hh.ru не используется. Выберите тестового соискателя.</p>
<form method="post" action="/oauth/authorize/decide">${hidden}${buttons}<button class="deny" type="submit" name="deny" value="1">Отказать</button></form>`;
    return c.html(page("hh.ru — песочница Otklik", body));
  });

  // The consent form posts here; a GET with the same fields works for scripts.
  app.on(["GET", "POST"], "/oauth/authorize/decide", async (c) => {
    const f: Record<string, string> =
      c.req.method === "POST" ? Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === "string")) as Record<string, string> : c.req.query();
    if (f.client_id !== state.clientId) return errorPage(c, "Приложение не найдено (неизвестный client_id).");
    if (!validRedirect(f.redirect_uri)) return errorPage(c, "Некорректный redirect_uri.");
    if (f.deny) return c.redirect(redirectWith(f.redirect_uri, { error: "access_denied", state: f.state }), 302);
    const user = f.user ? state.users.get(f.user) : undefined;
    if (!user) return errorPage(c, "Пользователь не выбран.");
    const code = state.createCode(user.id, f.client_id, f.redirect_uri);
    return c.redirect(redirectWith(f.redirect_uri, { code, state: f.state }), 302);
  });

  const token = async (c: SbContext) => {
    const ct = c.req.header("Content-Type") ?? "";
    if (!ct.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return oauthError(c, "invalid_request", "content type must be application/x-www-form-urlencoded");
    }
    // Decoded by hand: workerd warns when .text() reads a urlencoded body.
    const raw = new TextDecoder().decode(await c.req.arrayBuffer());
    const f: TokenFields = Object.fromEntries(new URLSearchParams(raw));
    c.set("logForm", loggableForm(f));
    if (f.grant_type === "authorization_code") return codeGrant(c, state, f);
    if (f.grant_type === "refresh_token") return refreshGrant(c, state, f);
    if (!f.grant_type) return oauthError(c, "invalid_request", "grant_type is required");
    return oauthError(c, "unsupported_grant_type", "unsupported grant_type");
  };
  app.post("/token", token);
  app.post("/oauth/token", token);

  app.delete("/oauth/token", authenticate(state, "required"), (c) => {
    const m = /^Bearer\s+(\S+)/i.exec(c.req.header("Authorization") ?? "");
    const rec = m ? state.tokensByAccess.get(m[1]!) : undefined;
    if (rec) rec.status = "revoked";
    return c.body(null, 204);
  });
}

function tokenResponse(c: SbContext, state: SandboxState, userId: string) {
  const rec = state.issueToken(userId);
  return c.json({
    access_token: rec.access_token,
    token_type: "bearer",
    expires_in: state.config.token_ttl_seconds,
    refresh_token: rec.refresh_token,
  });
}

function codeGrant(c: SbContext, state: SandboxState, f: TokenFields) {
  if (!f.client_id || !f.client_secret) return oauthError(c, "invalid_request", "client_id and client_secret are required");
  if (f.client_id !== state.clientId || f.client_secret !== state.clientSecret) {
    return oauthError(c, "invalid_client", "client_id or client_secret not found");
  }
  if (!f.code) return oauthError(c, "invalid_request", "code not found");
  const code = state.codes.get(f.code);
  if (!code || code.client_id !== f.client_id) return oauthError(c, "invalid_request", "code not found");
  if (code.used) return oauthError(c, "invalid_grant", "code has already been used");
  if (state.now() - code.created_at > CODE_TTL_MS) return oauthError(c, "invalid_grant", "code expired");
  if (f.redirect_uri !== code.redirect_uri) return oauthError(c, "invalid_request", "bad redirect url");
  code.used = true;
  return tokenResponse(c, state, code.user_id);
}

function refreshGrant(c: SbContext, state: SandboxState, f: TokenFields) {
  if (!f.refresh_token) return oauthError(c, "invalid_request", "refresh_token is required");
  const rec = state.tokensByRefresh.get(f.refresh_token);
  if (!rec) return oauthError(c, "invalid_grant", "bad token");
  if (rec.status === "revoked") return oauthError(c, "invalid_grant", "token was revoked");
  if (rec.status === "deactivated") return oauthError(c, "invalid_grant", "token deactivated");
  if (rec.status === "refreshed") return oauthError(c, "invalid_grant", "token has already been refreshed");
  if (state.now() < rec.expires_at) return oauthError(c, "invalid_grant", "token not expired");
  rec.status = "refreshed";
  return tokenResponse(c, state, rec.user_id);
}
