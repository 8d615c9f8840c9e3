// HTTP plumbing for the benchmarks: a logged-in app session (cookie), the sandbox's
// control API, and a direct hh.ru token (the sandbox's OAuth code flow) for baselines.
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sandbox's default OAuth client (sandbox/state.ts), which startStack passes to the Worker. */
const CLIENT_ID = "otklik-sandbox";
const CLIENT_SECRET = "otklik-sandbox-secret";
const HH_UA = { "HH-User-Agent": "Otklik-Bench/1.0 (bench@otklik.example)" };

function cookieValue(response, name) {
  for (const line of response.headers.getSetCookie()) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (m) return m[1];
  }
  return null;
}

export class Sandbox {
  constructor(url) {
    this.url = url;
  }

  async control(path, { method, body } = {}) {
    const response = await fetch(`${this.url}/__sandbox${path}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** A fresh job seeker with `resumes` resumes: {id, name, resumes: [ids]}. */
  createUser(first_name, last_name, resumes) {
    return this.control("/users", { body: { first_name, last_name, resumes } });
  }

  /** The API request log; `from` skips entries already seen. */
  async requests(from = 0) {
    return (await this.control("/requests")).slice(from);
  }

  async requestCount() {
    return (await this.control("/requests")).length;
  }

  /** An access token for `userId` through the OAuth code flow, as any client would get one. */
  async token(userId) {
    const redirect_uri = "http://127.0.0.1/bench-callback";
    const decide = await fetch(`${this.url}/oauth/authorize/decide`, {
      method: "POST",
      body: new URLSearchParams({ client_id: CLIENT_ID, redirect_uri, response_type: "code", state: "bench", user: userId }),
      redirect: "manual",
    });
    const code = new URL(decide.headers.get("location")).searchParams.get("code");
    const response = await fetch(`${this.url}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code, redirect_uri }),
    });
    if (!response.ok) throw new Error(`sandbox token: ${response.status}`);
    return (await response.json()).access_token;
  }

  /** GET an hh.ru API path with a Bearer token, as the app's hh client does. */
  async hh(token, path) {
    const response = await fetch(`${this.url}${path}`, { headers: { ...HH_UA, Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`sandbox ${path}: ${response.status}`);
    return response.json();
  }
}

/** One browser-less user of the app: the session cookie and JSON calls. */
export class AppSession {
  constructor(appUrl) {
    this.appUrl = appUrl;
    this.cookie = null;
  }

  /**
   * Logs in through start → the sandbox's consent form → callback, like a browser.
   * Returns the wall-clock time (Date.now()) at which the callback answered.
   */
  async login(sandbox, hhUserId) {
    const start = await fetch(`${this.appUrl}/auth/hh/start`, { redirect: "manual" });
    const authorize = new URL(start.headers.get("location"));
    const state = cookieValue(start, "otklik_oauth_state");
    const form = new URLSearchParams(authorize.searchParams);
    form.set("user", hhUserId);
    const decide = await fetch(`${sandbox.url}/oauth/authorize/decide`, { method: "POST", body: form, redirect: "manual" });
    const callback = decide.headers.get("location");
    const response = await fetch(callback, { headers: { Cookie: `otklik_oauth_state=${state}` }, redirect: "manual" });
    const answeredAt = Date.now();
    this.cookie = cookieValue(response, "otklik_session");
    if (response.status !== 302 || !this.cookie) throw new Error(`login as ${hhUserId} failed: ${response.status} ${response.headers.get("location")}`);
    return answeredAt;
  }

  /** {status, body, ms}; throws on a status outside `ok` (default 2xx). */
  async call(method, path, body, ok = (s) => s >= 200 && s < 300) {
    const headers = { Cookie: `otklik_session=${this.cookie}` };
    if (method !== "GET") Object.assign(headers, { Origin: this.appUrl, "Content-Type": "application/json" });
    const t0 = performance.now();
    const response = await fetch(`${this.appUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    const ms = performance.now() - t0;
    if (!ok(response.status)) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return { status: response.status, body: json, ms };
  }

  get = (path) => this.call("GET", path);
  post = (path, body) => this.call("POST", path, body ?? {});

  /** Polls /api/me until the first sync has finished; resolves with Date.now() when seen. */
  async waitForSync({ intervalMs = 5, timeoutMs = 30_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { body } = await this.get("/api/me");
      if (body.sync.last_synced_at && !body.sync.running) return Date.now();
      if (body.sync.last_error) throw new Error(`sync failed: ${body.sync.last_error}`);
      await sleep(intervalMs);
    }
    throw new Error("the resume sync did not finish in time");
  }

  /** Selects the first cached resume (the feed and applications need one). */
  async selectFirstResume() {
    const { body } = await this.get("/api/hh/resumes");
    if (!body.resumes.length) throw new Error("no resumes cached");
    await this.post("/api/hh/resumes/select", { resume_id: body.resumes[0].hh_resume_id });
    return body.resumes[0].hh_resume_id;
  }
}
