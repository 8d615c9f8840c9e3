import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            HH_CLIENT_ID: "otklik-sandbox",
            HH_CLIENT_SECRET: "otklik-sandbox-secret",
            HH_OAUTH_BASE: "http://127.0.0.1:8788",
            HH_API_BASE: "http://127.0.0.1:8788",
            HH_USER_AGENT: "Otklik-Test/1.0 (test@otklik.example)",
            APP_ORIGIN: "http://localhost:8787",
            TOKEN_ENCRYPTION_KEY: "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMTIzNDU=",
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      exclude: ["test/e2e/**"],
      setupFiles: ["./test/setup/apply-migrations.ts"],
    },
  };
});
