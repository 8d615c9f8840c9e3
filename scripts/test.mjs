// npm test: typecheck, the Workers-pool tests, then the browser tests — every test there is.
// Ends with one line "N passed, M failed" over both runners.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { buildFrontend, ensureDependencies, root } from "./lib/stack.mjs";

ensureDependencies();
const bin = (name) => join(root, "node_modules", ".bin", name);
// eslint-disable-next-line no-control-regex
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");

/** Runs a step with its output shown as it comes; resolves with its exit status and output. */
function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let output = "";
    const relay = (stream) => (chunk) => {
      stream.write(chunk);
      output += chunk;
    };
    child.stdout.on("data", relay(process.stdout));
    child.stderr.on("data", relay(process.stderr));
    child.on("close", (status) => {
      console.log(`  ${title}: ${status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({ ok: status === 0, output: plain(output) });
    });
  });
}

const count = (text, re) => Number(text.match(re)?.[1] ?? 0);
let passed = 0;
let failed = 0;

const typecheck = await step("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
buildFrontend();
const worker = await step("worker tests (vitest, Workers pool)", bin("vitest"), ["run"]);
passed += count(worker.output, /Tests\s+(?:\d+ failed \| )?(\d+) passed/);
failed += count(worker.output, /Tests\s+(\d+) failed/);
let ok = typecheck.ok && worker.ok;

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  const files = readdirSync(join(root, "test", "e2e"))
    .filter((name) => name.endsWith(".test.mjs"))
    .map((name) => join("test", "e2e", name));
  const browser = await step("browser tests (playwright-core + Chromium)", "node", ["--test", "--test-concurrency=1", ...files]);
  passed += count(browser.output, /^# pass (\d+)/m);
  failed += count(browser.output, /^# fail (\d+)/m);
  ok = browser.ok && ok;
} else {
  console.log(
    `\n!!! BROWSER TESTS SKIPPED: no Chromium at ${chromium}. Install it with \`apt-get install -y chromium\` ` +
      "(CI's .ci/run does) or set CHROMIUM_PATH. Only the Workers-pool tests ran.\n",
  );
}
if (!typecheck.ok) console.log("typecheck failed");
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
