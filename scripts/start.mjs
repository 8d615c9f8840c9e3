// npm start: the whole app on localhost — sandbox hh.ru unless HH_CLIENT_ID/HH_CLIENT_SECRET are set.
import {
  applyMigrations,
  buildFrontend,
  ensureDependencies,
  ensureDevVars,
} from "./lib/stack.mjs";

ensureDependencies();
const { startStack } = await import("./lib/stack.mjs");
buildFrontend();
ensureDevVars();
applyMigrations();

const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({ port, sandboxPort: Number(process.env.SANDBOX_PORT ?? 8788) });
const mode = stack.sandboxUrl ? `песочница hh.ru на ${stack.sandboxUrl}` : "настоящий hh.ru";
console.log(`\nOtklik работает: ${stack.appUrl}  (${mode})\nОстановить: Ctrl+C\n`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stack.stop();
    process.exit(0);
  });
}
