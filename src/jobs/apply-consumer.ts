/**
 * The APPLY_QUEUE consumer. Each message is handled alone: ack on a final
 * outcome, retry with a delay on a transient one; one message's failure never
 * throws the batch away (src/services/send-application.ts does the sending).
 */
import { getDb, type Db } from "../db";
import type { ApplyMessage, Env } from "../env";
import { retryDelaySeconds, sendApplication } from "../services/send-application";
import { mapLimit, OUTBOUND_CONCURRENCY } from "../util/map-limit";

const isApplicationId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

async function handleMessage(env: Env, db: Db, message: Message<ApplyMessage>) {
  const applicationId = (message.body as Partial<ApplyMessage> | null)?.application_id;
  if (!isApplicationId(applicationId)) {
    console.error(`apply message ${message.id} has no application id; dropped`);
    message.ack();
    return;
  }
  try {
    const outcome = await sendApplication(env, db, applicationId);
    if (outcome.kind === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
    else message.ack();
  } catch (err) {
    // The database failed us before or after the attempt: the row still says what is left to do.
    console.error(`apply message for application ${applicationId} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : err}`);
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  }
}

export async function handleApplyBatch(batch: MessageBatch<ApplyMessage>, env: Env) {
  const db = getDb(env.DB);
  // Side by side, up to the Worker's outbound connection limit: each send waits on hh.ru.
  // handleMessage never throws, so one message cannot stop the others.
  await mapLimit(batch.messages, OUTBOUND_CONCURRENCY, (message) => handleMessage(env, db, message));
}
