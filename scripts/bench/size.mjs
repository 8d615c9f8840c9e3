// Sizes: the frontend's JS + CSS (dist/assets) and the Worker bundle, gzipped.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { root, run } from "../lib/stack.mjs";
import { row } from "./report.mjs";

const FRONTEND_BUDGET = 35 * 1024;
/** Workers Free plan: 3 MB per Worker after compression. */
const WORKER_LIMIT = 3 * 1024 * 1024;

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes) => bytes / 1024;

function files(dir, test) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((file) => statSync(file).isFile() && test(file));
}

export function benchSize() {
  const assets = files(join(root, "dist", "assets"), (f) => /\.(js|css)$/.test(f));
  if (!assets.length) throw new Error("dist/assets has no JS or CSS: build the frontend first");
  const frontend = assets.reduce((sum, f) => sum + gz(f), 0);

  const out = mkdtempSync(join(tmpdir(), "otklik-bench-worker-"));
  let worker;
  let raw;
  try {
    run(join(root, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", out], { stdio: ["ignore", "ignore", "inherit"] });
    const bundle = files(out, (f) => /\.(m?js|wasm)$/.test(f));
    worker = bundle.reduce((sum, f) => sum + gz(f), 0);
    raw = bundle.reduce((sum, f) => sum + statSync(f).size, 0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const section = "Размер (gzip)";
  return {
    rows: [
      row({ section, metric: `фронтенд JS + CSS (${assets.length} файла)`, value: kb(frontend), unit: "КБ", baseline: "бюджет", baselineValue: kb(FRONTEND_BUDGET), target: { op: "<=", value: 1 } }),
      row({ section, metric: "бандл Worker", value: kb(worker), unit: "КБ", baseline: "лимит Workers Free", baselineValue: kb(WORKER_LIMIT), note: `${(raw / 1024).toFixed(1)} KB before gzip` }),
    ],
    diagnostics: { frontend_files: assets.map((f) => ({ file: f.slice(root.length + 1), gzip_bytes: gz(f) })), worker_bytes: raw, worker_gzip_bytes: worker },
  };
}
