/**
 * Applying in tests: a captured APPLY_QUEUE (the local queue would otherwise run
 * the consumer in the background), one-message deliveries to the real consumer,
 * and the rows it writes.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { vi } from "vitest";
import { applications, hhCache, resumes, type Application, type ApplicationRow } from "../../shared/schema";
import { getDb } from "../../src/db";
import type { ApplyMessage } from "../../src/env";
import worker from "../../src/index";
import type { Browser } from "./app";

export const db = getDb(env.DB);

/** Storage is per file, not per test: each test starts without applications, resumes or cached vacancies. */
export async function clearApplying() {
  await db.batch([db.delete(applications), db.delete(resumes), db.delete(hhCache)]);
}

/** Messages the Worker put on APPLY_QUEUE, instead of the local queue. */
export function captureApplyQueue() {
  const messages: ApplyMessage[] = [];
  const batchSizes: number[] = [];
  const send = vi.spyOn(env.APPLY_QUEUE, "send").mockImplementation(async (body) => {
    messages.push(body);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date(0) } } } as QueueSendResponse;
  });
  const sendBatch = vi.spyOn(env.APPLY_QUEUE, "sendBatch").mockImplementation(async (batch) => {
    const bodies = [...batch].map((message) => message.body);
    batchSizes.push(bodies.length);
    messages.push(...bodies);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date(0) } } } as QueueSendBatchResponse;
  });
  return { messages, batchSizes, send, sendBatch };
}

let messageSeq = 0;

/** What the consumer did with one message: acked, or retried after `retryDelay` seconds. */
export interface Delivery {
  acked: boolean;
  retried: boolean;
  retryDelay: number | undefined;
}

/** Delivers messages as one batch to the Worker's queue() handler. */
export async function deliverBatch(items: { body: unknown; attempts?: number }[]): Promise<Delivery[]> {
  const messages = items.map((item) => ({
    id: `msg-${++messageSeq}`,
    timestamp: new Date(),
    attempts: item.attempts ?? 1,
    body: item.body as ApplyMessage,
  }));
  const batch = createMessageBatch<ApplyMessage>("otklik-apply", messages);
  // The test pool's getQueueResult drops retry options: record the delays ourselves.
  const delays = new Map<string, number | undefined>();
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options) => {
      delays.set(message.id, options?.delaySeconds);
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  return messages.map(({ id }) => {
    const retried = result.retryMessages.some((m: { msgId: string }) => m.msgId === id);
    return { acked: result.explicitAcks.includes(id), retried, retryDelay: retried ? delays.get(id) : undefined };
  });
}

/** Delivers one APPLY_QUEUE message for `applicationId` (its `attempts`-th delivery). */
export async function deliver(applicationId: number, attempts = 1): Promise<Delivery> {
  const [delivery] = await deliverBatch([{ body: { application_id: applicationId }, attempts }]);
  return delivery!;
}

export async function applicationRow(id: number): Promise<ApplicationRow> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  if (!row) throw new Error(`application ${id} not found`);
  return row;
}

export async function setApplication(id: number, set: Partial<ApplicationRow>) {
  await db.update(applications).set(set).where(eq(applications.id, id));
}

/** POST /api/hh/apply that must be accepted; returns the application. */
export async function applyFor(user: Browser, vacancyId: string, coverLetter = "Здравствуйте! Мне интересна ваша вакансия.") {
  const response = await user.post("/api/hh/apply", { vacancy_id: vacancyId, cover_letter: coverLetter });
  if (response.status !== 202) throw new Error(`apply answered ${response.status}: ${await response.text()}`);
  return response.json<Application>();
}
