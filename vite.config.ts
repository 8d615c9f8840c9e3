/** Builds the Preact frontend (web/) into dist/, which wrangler serves as static assets. */
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// Node ≥ 20.11 provides import.meta.dirname; declared here because the repo has no @types/node.
// (Written out literally: Vite rewrites `import.meta.dirname` when it bundles this config.)
declare global {
  interface ImportMeta {
    dirname: string;
  }
}
const here = import.meta.dirname;

export default defineConfig({
  root: `${here}/web`,
  plugins: [preact()],
  build: {
    outDir: `${here}/dist`,
    emptyOutDir: true,
  },
  server: {
    // `vite dev` next to `wrangler dev`: the Worker answers the API and OAuth routes.
    proxy: {
      "/api": "http://127.0.0.1:8787",
      "/auth": "http://127.0.0.1:8787",
    },
  },
});
