import type { ApplyMessage, Env } from "../env";

/** Placeholder until the applying issue lands: leaves messages for a later delivery. */
export async function handleApplyBatch(batch: MessageBatch<ApplyMessage>, _env: Env) {
  for (const message of batch.messages) message.retry({ delaySeconds: 30 });
}
