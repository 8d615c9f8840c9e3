/** Worker entry: wiring only. */
import { createApp } from "./app";
import type { ApplyMessage, Env } from "./env";
import { handleApplyBatch } from "./jobs/apply-consumer";
import { runScheduled } from "./jobs/cron";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleApplyBatch(batch, env),
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(controller.cron, env)),
} satisfies ExportedHandler<Env, ApplyMessage>;
