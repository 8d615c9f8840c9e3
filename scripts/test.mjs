// npm test: typecheck, the Workers-pool tests, then the browser tests — every test there is.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { buildFrontend, ensureDependencies, root } from "./lib/stack.mjs";

ensureDependencies();
const bin = (name) => join(root, "node_modules", ".bin", name);
const step = (title, cmd, args, env = process.env) => {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  console.log(`  ${title}: ${status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status === 0;
};

let ok = step("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
buildFrontend();
ok = step("worker tests (vitest, Workers pool)", bin("vitest"), ["run"]) && ok;

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  const files = readdirSync(join(root, "test", "e2e"))
    .filter((name) => name.endsWith(".test.mjs"))
    .map((name) => join("test", "e2e", name));
  ok = step("browser tests (playwright-core + Chromium)", "node", ["--test", "--test-concurrency=1", ...files]) && ok;
} else {
  console.log(
    `\n!!! BROWSER TESTS SKIPPED: no Chromium at ${chromium}. Install it with \`apt-get install -y chromium\` ` +
      "(CI's .ci/run does) or set CHROMIUM_PATH. Only the Workers-pool tests ran.\n",
  );
}
process.exit(ok ? 0 : 1);
