/**
 * Puts the sandbox hh.ru at the fetch boundary: every request the Worker sends to
 * HH_API_BASE / HH_OAUTH_BASE is answered in-process by a fresh sandbox, and is
 * recorded so tests can assert on what hh.ru received.
 */
import { env } from "cloudflare:workers";
import { afterEach, vi } from "vitest";
import { createSandbox } from "../../sandbox/app";

export const HH_ORIGIN = new URL(env.HH_API_BASE!).origin;

export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: string;
  redirect: RequestRedirect;
}

export type Sandbox = ReturnType<typeof createSandbox> & {
  /** Requests the Worker sent to hh.ru, oldest first. */
  sent: SentRequest[];
  /** Only the API requests (no /token, no /oauth). */
  apiCalls(): SentRequest[];
  /** Calls the sandbox's control API (`/__sandbox/...`). */
  control(path: string, body?: unknown, method?: string): Promise<Response>;
};

export function useSandbox(options: Parameters<typeof createSandbox>[0] = {}): Sandbox {
  const sandbox = createSandbox(options) as Sandbox;
  sandbox.sent = [];
  sandbox.apiCalls = () => sandbox.sent.filter((r) => !r.path.startsWith("/oauth") && r.path !== "/token");
  sandbox.control = async (path, body, method = body === undefined ? "GET" : "POST") =>
    sandbox.app.request(`${HH_ORIGIN}/__sandbox${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return routeFetchTo(sandbox);
}

/**
 * Routes the Worker's hh.ru requests to `sandbox` (useSandbox does this). Mocks are
 * restored after each test: a file that shares one sandbox (and its tokens) across
 * tests calls this again in beforeEach.
 */
export function routeFetchTo(sandbox: Sandbox): Sandbox {
  const current = globalThis.fetch;
  if (vi.isMockFunction(current)) current.mockRestore();
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    const url = new URL(request.url);
    if (url.origin !== HH_ORIGIN) return realFetch(input as RequestInfo, init);
    sandbox.sent.push({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: new TextDecoder().decode(await request.clone().arrayBuffer()),
      redirect: request.redirect,
    });
    return sandbox.app.fetch(request);
  });
  return sandbox;
}

afterEach(() => {
  vi.restoreAllMocks();
});
