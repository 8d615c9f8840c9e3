// Starts the local stack the way `npm start` does: the sandbox hh.ru (unless real
// credentials are given) and `wrangler dev` with local D1, KV and the queue.
// Used by `npm start`, the browser tests and the benchmarks.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..", "..");
const bin = (name) => join(root, "node_modules", ".bin", name);

/** wrangler must not reach the internet at start (metrics, banner, cf fetch). */
export const quietWranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: quietWranglerEnv, ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${result.status})`);
}

/** `npm ci` when node_modules is missing, so a fresh clone needs nothing else. */
export function ensureDependencies() {
  if (existsSync(join(root, "node_modules", ".bin", "wrangler"))) return;
  console.log("Устанавливаю зависимости (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

export function buildFrontend() {
  run(bin("vite"), ["build", "--logLevel", "warn"]);
}

/** A dev TOKEN_ENCRYPTION_KEY in .dev.vars, generated once, never committed. */
export function ensureDevVars() {
  const file = join(root, ".dev.vars");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^TOKEN_ENCRYPTION_KEY=/m.test(current)) return;
  const line = `TOKEN_ENCRYPTION_KEY=${randomBytes(32).toString("base64")}\n`;
  writeFileSync(file, current && !current.endsWith("\n") ? `${current}\n${line}` : current + line);
}

/** `.dev.vars` as an object (KEY=value lines), or {} when there is none. */
function readDevVars() {
  const file = join(root, ".dev.vars");
  if (!existsSync(file)) return {};
  const entries = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/i))
    .filter(Boolean)
    .map((m) => [m[1], m[2].replace(/^"(.*)"$/, "$1")]);
  return Object.fromEntries(entries);
}

/** The Worker's vars for one `wrangler dev`, readable by this user only; removed when the stack stops. */
function writeEnvFile(vars) {
  const dir = mkdtempSync(join(tmpdir(), "otklik-env-"));
  const path = join(dir, "dev.env");
  const quote = (v) => JSON.stringify(String(v));
  writeFileSync(path, Object.entries(vars).map(([k, v]) => `${k}=${quote(v)}`).join("\n") + "\n", { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function applyMigrations(persistTo) {
  const args = ["d1", "migrations", "apply", "DB", "--local"];
  if (persistTo) args.push("--persist-to", persistTo);
  run(bin("wrangler"), args, { stdio: ["ignore", "ignore", "inherit"] });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child and resolves once a line of its output matches `ready`. */
function startChild(name, cmd, args, env, ready, { quiet, timeoutMs = 60_000 }) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${log}`)), timeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      log += text;
      if (!quiet) process.stdout.write(text.replace(/^/gm, `[${name}] `));
      const match = log.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${log}`));
    });
  });
}

function stopChild(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM"); // the whole group: wrangler leaves workerd otherwise
  } catch {}
}

/**
 * Starts the stack. Real hh.ru when HH_CLIENT_ID and HH_CLIENT_SECRET are set in the
 * environment; otherwise the sandbox. Returns the URLs and a stop() function.
 */
export async function startStack({
  port = 8787,
  sandboxPort = 8788,
  persistTo,
  quiet = false,
  sandboxEnv = {},
  /** Extra Worker vars, e.g. { RESUME_SYNC_THROTTLE_SECONDS: "0" } for browser tests. */
  vars: extraVars = {},
  real = Boolean(process.env.HH_CLIENT_ID && process.env.HH_CLIENT_SECRET),
} = {}) {
  const vars = {};
  let sandbox;
  if (real) {
    for (const name of ["HH_CLIENT_ID", "HH_CLIENT_SECRET", "HH_OAUTH_BASE", "HH_API_BASE", "HH_REDIRECT_URI", "HH_USER_AGENT", "APP_ORIGIN"]) {
      if (process.env[name]) vars[name] = process.env[name];
    }
  } else {
    sandbox = await startChild(
      "sandbox",
      bin("tsx"),
      ["sandbox/server.ts"],
      { ...process.env, PORT: String(sandboxPort), ...sandboxEnv },
      /SANDBOX_URL=(\S+)/,
      { quiet },
    );
    sandbox.url = sandbox.match[1];
    Object.assign(vars, {
      HH_CLIENT_ID: "otklik-sandbox",
      HH_CLIENT_SECRET: "otklik-sandbox-secret",
      HH_OAUTH_BASE: sandbox.url,
      HH_API_BASE: sandbox.url,
    });
  }
  // Secrets go through a private env file, not the command line where `ps` shows them.
  const envFile = writeEnvFile({ ...readDevVars(), ...vars, ...extraVars });
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--test-scheduled", "--show-interactive-dev-session=false"];
  args.push("--env-file", envFile.path);
  if (persistTo) args.push("--persist-to", persistTo);
  let app;
  try {
    app = await startChild("wrangler", bin("wrangler"), args, quietWranglerEnv, /Ready on (http:\/\/\S+)/, { quiet });
  } catch (err) {
    stopChild(sandbox?.child);
    envFile.remove();
    throw err;
  }
  const appUrl = `http://127.0.0.1:${port}`;
  return {
    appUrl,
    sandboxUrl: sandbox?.url ?? null,
    stop() {
      stopChild(app.child);
      stopChild(sandbox?.child);
      envFile.remove();
    },
  };
}
