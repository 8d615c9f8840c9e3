// npm run bench: measures the app against the local stack (wrangler dev + the sandbox hh.ru
// with 100 ms per request) and prints every figure as a ratio to a baseline measured or
// fixed in the same run; writes bench/results.json.
//   node scripts/bench.mjs [--runs N] [--only sync,apply,swipe,size] [--no-write]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchApply } from "./bench/apply.mjs";
import { Sandbox, sleep } from "./bench/client.mjs";
import { markdownTable, printTable } from "./bench/report.mjs";
import { benchSize } from "./bench/size.mjs";
import { benchSwipe } from "./bench/swipe.mjs";
import { benchSync } from "./bench/sync.mjs";
import { applyMigrations, buildFrontend, ensureDependencies, ensureDevVars, freePort, root, startStack } from "./lib/stack.mjs";

const LATENCY_MS = 100;
const SECTIONS = ["size", "sync", "apply", "swipe"];

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    only: { type: "string" },
    "no-write": { type: "boolean", default: false },
  },
});
const runs = Math.max(1, Number(args.runs) || 5);
const only = args.only ? args.only.split(",").map((s) => s.trim()) : SECTIONS;
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(", ")}; known: ${SECTIONS.join(", ")}`);
  process.exit(2);
}

let stack = null;
let stateDir = null;
function cleanup() {
  stack?.stop();
  stack = null;
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  stateDir = null;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** Waits until the app no longer answers: the stack's processes are gone. */
async function stopped(url) {
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
    } catch {
      return true;
    }
    await sleep(100);
  }
  return false;
}

async function main() {
  const started = Date.now();
  ensureDependencies();
  console.log("▶ сборка фронтенда");
  buildFrontend();
  const results = [];
  if (only.includes("size")) {
    console.log("▶ размеры (wrangler deploy --dry-run)");
    results.push(benchSize());
  }

  const live = only.filter((s) => s !== "size");
  if (live.length) {
    stateDir = mkdtempSync(join(tmpdir(), "otklik-bench-"));
    ensureDevVars();
    applyMigrations(stateDir);
    console.log("▶ запуск стека (wrangler dev + песочница hh.ru)");
    stack = await startStack({
      port: await freePort(),
      sandboxPort: await freePort(),
      persistTo: stateDir,
      quiet: true,
      real: false,
      sandboxEnv: { SANDBOX_LATENCY_MS: String(LATENCY_MS) },
      vars: { RESUME_SYNC_THROTTLE_SECONDS: "0" },
    });
    const sandbox = new Sandbox(stack.sandboxUrl);
    const config = await sandbox.control("/config", { body: { latency_ms: LATENCY_MS } });
    if (config.latency_ms !== LATENCY_MS) throw new Error(`sandbox latency is ${config.latency_ms} ms`);
    const ctx = { appUrl: stack.appUrl, sandbox, latency: LATENCY_MS, runs };
    // Warm-up: the first requests compile the Worker and create D1's tables' pages.
    await fetch(`${stack.appUrl}/api/me`);

    if (only.includes("sync")) {
      console.log(`▶ синхронизация резюме (${runs} пользователей по 20 резюме)`);
      results.push(await benchSync(ctx));
    }
    if (only.includes("apply")) {
      console.log("▶ отклики и очередь (10 пользователей)");
      results.push(await benchApply({ ...ctx, runs: Math.min(runs, 3) }));
    }
    if (only.includes("swipe")) {
      console.log("▶ свайпы в Chromium");
      results.push(await benchSwipe(ctx));
    }
    const appUrl = stack.appUrl;
    cleanup();
    if (!(await stopped(appUrl))) throw new Error("the stack still answers after stop()");
  }

  const rows = results.flatMap((r) => r.rows);
  printTable(rows);
  const notes = results.flatMap((r) => r.notes ?? []);
  for (const note of notes) console.log(`  ${note}`);
  const failed = rows.filter((r) => r.pass === false);
  console.log(`\nцелей: ${rows.filter((r) => r.pass !== null).length}, выполнено: ${rows.filter((r) => r.pass).length}, не выполнено: ${failed.length}`);
  for (const r of failed) console.log(`  ✗ ${r.section}: ${r.metric}`);
  const seconds = (Date.now() - started) / 1000;
  console.log(`за ${seconds.toFixed(0)} с`);

  const output = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    latency_ms: LATENCY_MS,
    runs,
    sections: only,
    duration_s: Number(seconds.toFixed(1)),
    rows,
    notes,
    diagnostics: Object.assign({}, ...results.map((r) => r.diagnostics ?? {})),
    markdown: markdownTable(rows),
  };
  if (!args["no-write"] && only.length === SECTIONS.length) {
    mkdirSync(join(root, "bench"), { recursive: true });
    writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(output, null, 2)}\n`);
    console.log("записано в bench/results.json");
  }
}

try {
  await main();
} catch (err) {
  console.error(`\nbench failed: ${err instanceof Error ? err.stack : err}`);
  process.exitCode = 1;
} finally {
  cleanup();
}
