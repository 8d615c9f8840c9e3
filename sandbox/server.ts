// Runs the sandbox under Node: `node_modules/.bin/tsx sandbox/server.ts`.
// Env: PORT (default 8788, 0 = any free port), SANDBOX_TOKEN_TTL (s), SANDBOX_LATENCY_MS.
import { serve } from "@hono/node-server";
import { createSandbox } from "./app";

// No @types/node in this project (the tsconfig targets Workers): declare what we use.
declare const process: {
  env: Record<string, string | undefined>;
  stdout: { write(s: string): boolean };
  on(event: "SIGINT" | "SIGTERM", fn: () => void): void;
  exit(code: number): never;
};

const num = (v: string | undefined) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

const port = num(process.env.PORT) ?? 8788;
const { app } = createSandbox({
  tokenTtlSeconds: num(process.env.SANDBOX_TOKEN_TTL),
  latencyMs: num(process.env.SANDBOX_LATENCY_MS),
  clientId: process.env.SANDBOX_CLIENT_ID || undefined,
  clientSecret: process.env.SANDBOX_CLIENT_SECRET || undefined,
});

const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`SANDBOX_URL=http://127.0.0.1:${info.port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
