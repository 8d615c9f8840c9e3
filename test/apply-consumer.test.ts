/** The APPLY_QUEUE consumer end to end against the sandbox: sending, retries, and never sending twice. */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import { hhCache, users } from "../shared/schema";
import { hhConfig } from "../src/hh/config";
import { NEGOTIATION_REASONS } from "../src/hh/messages";
import { HH_NO_ANSWER_REASON, STALE_CLAIM_MS, UNEXPECTED_FAILURE_REASON } from "../src/services/send-application";
import { hhApiForUser } from "../src/services/tokens";
import { APP } from "./helpers/app";
import { applicationRow, applyFor, captureApplyQueue, clearApplying, db, deliver, deliverBatch, setApplication } from "./helpers/apply";
import { useSandbox, type Sandbox } from "./helpers/hh";
import { loginApplicant, userIdOf } from "./helpers/resumes";

const { anna } = SANDBOX_USERS;
const V = SPECIAL_VACANCIES;

beforeEach(clearApplying);

async function applied(vacancyId: string = V.normal, letter = "Здравствуйте! Хочу у вас работать.") {
  const sandbox = useSandbox();
  captureApplyQueue();
  const user = await loginApplicant(sandbox, anna.id, anna.resumes.frontend);
  const application = await applyFor(user, vacancyId, letter);
  return { sandbox, user, id: application.id };
}

const negotiationsIn = async (sandbox: Sandbox) =>
  (await sandbox.control("/negotiations")).json<{ id: string; vacancy_id: string; resume_id: string; message_length: number }[]>();
const applyPosts = (sandbox: Sandbox) => sandbox.sent.filter((r) => r.method === "POST" && r.path === "/negotiations");
const injectApplyFault = (sandbox: Sandbox, status: number, count = 1) =>
  sandbox.control("/faults", { status, count, path_prefix: "/negotiations", method: "POST" });

/** The user applied on hh.ru themselves (or an earlier attempt of ours got through): hh.ru has the negotiation. */
async function negotiationAlreadyOnHh(sandbox: Sandbox, vacancyId: string = V.normal) {
  const api = hhApiForUser(env, db, await userIdOf(anna.id), hhConfig(env, APP));
  const result = await api.apply(vacancyId, anna.resumes.frontend, "");
  sandbox.sent.length = 0;
  if (result.kind !== "created") throw new Error("expected a negotiation");
  return result.negotiationId!;
}

describe("sending an application", () => {
  it("201: success with the negotiation id from Location, sent as multipart with the hh resume id and the letter", async () => {
    const { sandbox, id } = await applied(V.normal, "Здравствуйте! Хочу у вас работать.");
    const delivery = await deliver(id);
    expect(delivery).toMatchObject({ acked: true, retried: false });

    const [negotiation] = await negotiationsIn(sandbox);
    expect(negotiation).toMatchObject({ vacancy_id: V.normal, resume_id: anna.resumes.frontend, message_length: 34 });
    const row = await applicationRow(id);
    expect(row).toMatchObject({ status: "success", hh_negotiation_id: negotiation!.id, reason: null, attempts: 1, claimed_at: null });

    const [post] = applyPosts(sandbox);
    expect(post!.headers.get("Content-Type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(post!.headers.get("Authorization")).toMatch(/^Bearer \S+/);
    expect(post!.redirect).toBe("manual");
    const form = await new Request("http://x", { method: "POST", headers: post!.headers, body: post!.body }).formData();
    expect(Object.fromEntries(form)).toEqual({
      vacancy_id: V.normal,
      resume_id: anna.resumes.frontend,
      message: "Здравствуйте! Хочу у вас работать.",
    });
  });

  it("fills in the vacancy's title, employer and page from hh.ru when the feed had not cached it", async () => {
    const { sandbox, id } = await applied();
    await deliver(id);
    const row = await applicationRow(id);
    expect(row.vacancy_title).toBe("Frontend-разработчик (React)");
    expect(row.employer_name).toEqual(expect.any(String));
    expect(row.vacancy_url).toBe(`https://hh.ru/vacancy/${V.normal}`);
    expect(sandbox.sent.some((r) => r.method === "GET" && r.path === `/vacancies/${V.normal}`)).toBe(true);
    // The detail it fetched is cached for the feed and the next application alike.
    const [cachedRow] = await db.select().from(hhCache).where(eq(hhCache.key, `vacancy:${V.normal}`));
    expect((cachedRow?.value as { name?: string } | undefined)?.name).toBe("Frontend-разработчик (React)");
  });

  it("takes the vacancy from the feed's cache when it appeared after applying, without asking hh.ru", async () => {
    const { sandbox, id } = await applied();
    await db.insert(hhCache).values({
      key: `vacancy:${V.normal}`,
      value: { id: V.normal, name: "Кэшированная вакансия", employer: { name: "Кэш" }, alternate_url: `https://hh.ru/vacancy/${V.normal}` },
      expires_at: new Date(Date.now() + 60_000),
    });
    await deliver(id);
    expect(await applicationRow(id)).toMatchObject({ status: "success", vacancy_title: "Кэшированная вакансия", employer_name: "Кэш" });
    expect(sandbox.sent.some((r) => r.path.startsWith("/vacancies"))).toBe(false);
  });

  it("still sends when hh.ru fails to describe the vacancy", async () => {
    const { sandbox, id } = await applied();
    await sandbox.control("/faults", { status: 500, count: 5, path_prefix: "/vacancies/", method: "GET" });
    const delivery = await deliver(id);
    expect(delivery.acked).toBe(true);
    expect(await applicationRow(id)).toMatchObject({ status: "success", vacancy_title: null });
    expect(await negotiationsIn(sandbox)).toHaveLength(1);
  });
});

describe("transient failures: back to queued, retried with backoff", () => {
  it("a 5xx then success sends exactly one application", async () => {
    const { sandbox, id } = await applied();
    await injectApplyFault(sandbox, 502);

    const first = await deliver(id, 1);
    expect(first).toMatchObject({ acked: false, retried: true, retryDelay: 5 });
    expect(await applicationRow(id)).toMatchObject({ status: "queued", attempts: 1, claimed_at: null, reason: null });
    expect(await negotiationsIn(sandbox)).toEqual([]);

    const second = await deliver(id, 2);
    expect(second).toMatchObject({ acked: true, retried: false });
    expect(await applicationRow(id)).toMatchObject({ status: "success", attempts: 2 });
    expect(await negotiationsIn(sandbox)).toHaveLength(1);
    expect(applyPosts(sandbox)).toHaveLength(2);
  });

  it("429 is retried after ~5 s, then doubling; the last of 5 attempts ends failed saying hh.ru did not answer", async () => {
    const { sandbox, id } = await applied();
    await injectApplyFault(sandbox, 429, 5);
    const delays: (number | undefined)[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const delivery = await deliver(id, attempt);
      expect(delivery.acked).toBe(false);
      delays.push(delivery.retryDelay);
      expect((await applicationRow(id)).status).toBe("queued");
    }
    expect(delays).toEqual([5, 10, 20, 40]);

    const last = await deliver(id, 5);
    expect(last).toMatchObject({ acked: true, retried: false });
    const row = await applicationRow(id);
    expect(row).toMatchObject({ status: "failed", reason: HH_NO_ANSWER_REASON, attempts: 5 });
    expect(row.reason).toMatch(/hh\.ru не ответил/);
    expect(applyPosts(sandbox)).toHaveLength(5);
    expect(await negotiationsIn(sandbox)).toEqual([]);
  });

  it("a timeout (no answer at all) is retried like a 5xx", async () => {
    const { sandbox, id } = await applied();
    const sandboxFetch = vi.mocked(globalThis.fetch).getMockImplementation()!;
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      if (request.method === "POST" && new URL(request.url).pathname === "/negotiations") {
        throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
      }
      return sandboxFetch(input, init);
    });
    expect(await deliver(id, 1)).toMatchObject({ retried: true, retryDelay: 5 });
    expect((await applicationRow(id)).status).toBe("queued");
    vi.mocked(globalThis.fetch).mockImplementation(sandboxFetch);
    await deliver(id, 2);
    expect((await applicationRow(id)).status).toBe("success");
    expect(await negotiationsIn(sandbox)).toHaveLength(1);
  });

  it("an unexpected error is retried too, and after the last attempt fails with a generic reason", async () => {
    const { sandbox, id } = await applied();
    // A token that cannot be decrypted: a bug or a rotated key, not hh.ru's doing.
    await db.update(users).set({ hh_access_token: "garbage" }).where(eq(users.hh_user_id, anna.id));
    vi.spyOn(console, "error").mockImplementation(() => {});
    for (let attempt = 1; attempt <= 4; attempt++) expect((await deliver(id, attempt)).retried).toBe(true);
    expect(await deliver(id, 5)).toMatchObject({ acked: true });
    expect(await applicationRow(id)).toMatchObject({ status: "failed", reason: UNEXPECTED_FAILURE_REASON });
    expect(applyPosts(sandbox)).toEqual([]);
  });
});

describe("at-least-once delivery never sends twice", () => {
  it("redelivering the message after success sends nothing new and acks", async () => {
    const { sandbox, id } = await applied();
    await deliver(id);
    const before = await applicationRow(id);
    expect(await deliver(id, 2)).toMatchObject({ acked: true, retried: false });
    expect(await applicationRow(id)).toEqual(before);
    expect(applyPosts(sandbox)).toHaveLength(1);
    expect(await negotiationsIn(sandbox)).toHaveLength(1);
  });

  it("a failed application's redelivered message is acked without another send", async () => {
    const { sandbox, id } = await applied(V.archived);
    await deliver(id);
    expect(await deliver(id, 2)).toMatchObject({ acked: true });
    expect(applyPosts(sandbox)).toHaveLength(1);
  });

  it("an application claimed by a live attempt is not sent again; its message is retried later", async () => {
    const { sandbox, id } = await applied();
    const claimedAt = new Date(Date.now() - 10_000);
    await setApplication(id, { status: "sending", claimed_at: claimedAt, attempts: 1 });
    const delivery = await deliver(id, 2);
    expect(delivery).toMatchObject({ acked: false, retried: true });
    // Not before the claim could be stale.
    expect(delivery.retryDelay).toBeGreaterThanOrEqual((STALE_CLAIM_MS - 10_000) / 1000);
    expect(applyPosts(sandbox)).toEqual([]);
    expect(await applicationRow(id)).toMatchObject({ status: "sending", claimed_at: claimedAt, attempts: 1 });
  });

  it("the same message delivered twice in one batch sends once", async () => {
    const { sandbox, id } = await applied();
    const [a, b] = await deliverBatch([{ body: { application_id: id } }, { body: { application_id: id } }]);
    // Messages of a batch run side by side: the copy finds a live claim and waits for its redelivery.
    expect([a, b].filter((r) => r!.acked)).toHaveLength(1);
    expect([a, b].filter((r) => r!.retried)).toHaveLength(1);
    expect(await deliver(id, 2)).toMatchObject({ acked: true });
    expect(applyPosts(sandbox)).toHaveLength(1);
    expect(await negotiationsIn(sandbox)).toHaveLength(1);
  });

  it("two deliveries racing for one application: only one claims and sends, the other retries", async () => {
    const { sandbox, id } = await applied();
    const results = await Promise.all([deliver(id, 1), deliver(id, 1)]);
    expect(results.filter((r) => r.acked)).toHaveLength(1);
    expect(results.filter((r) => r.retried)).toHaveLength(1);
    expect(applyPosts(sandbox)).toHaveLength(1);
    expect(await applicationRow(id)).toMatchObject({ status: "success", attempts: 1 });
  });

  it("a stale claim (an attempt that died) is taken over and sent", async () => {
    const { sandbox, id } = await applied();
    await setApplication(id, { status: "sending", claimed_at: new Date(Date.now() - STALE_CLAIM_MS - 1000), attempts: 1 });
    expect(await deliver(id, 2)).toMatchObject({ acked: true });
    const [negotiation] = await negotiationsIn(sandbox);
    expect(await applicationRow(id)).toMatchObject({ status: "success", hh_negotiation_id: negotiation!.id, attempts: 2 });
  });

  it("already_applied after taking over a stale claim means the dead attempt got through: success with the id from GET /negotiations", async () => {
    const { sandbox, id } = await applied();
    const existing = await negotiationAlreadyOnHh(sandbox);
    await setApplication(id, { status: "sending", claimed_at: new Date(Date.now() - STALE_CLAIM_MS - 1000), attempts: 1 });
    expect(await deliver(id, 2)).toMatchObject({ acked: true });
    expect(await applicationRow(id)).toMatchObject({ status: "success", hh_negotiation_id: existing, reason: null });
    expect(sandbox.sent.some((r) => r.method === "GET" && r.path === "/negotiations")).toBe(true);
    expect(await negotiationsIn(sandbox)).toHaveLength(1);
  });

  it("already_applied on a retry after an answer we never saw is success too", async () => {
    const { sandbox, id } = await applied();
    const existing = await negotiationAlreadyOnHh(sandbox);
    await setApplication(id, { attempts: 1 });
    await deliver(id, 2);
    expect(await applicationRow(id)).toMatchObject({ status: "success", hh_negotiation_id: existing });
  });

  it("already_applied on a first attempt means the user applied elsewhere: failed, saying so", async () => {
    const { sandbox, id } = await applied();
    await negotiationAlreadyOnHh(sandbox);
    expect(await deliver(id)).toMatchObject({ acked: true });
    expect(await applicationRow(id)).toMatchObject({ status: "failed", reason: NEGOTIATION_REASONS.already_applied, hh_negotiation_id: null });
    expect(sandbox.sent.some((r) => r.method === "GET" && r.path === "/negotiations")).toBe(false);
  });

  it("re-applying after a failure sends the re-queued row once", async () => {
    const { sandbox, user, id } = await applied(V.letterRequired, "");
    await deliver(id);
    expect((await applicationRow(id)).status).toBe("failed");
    const again = await user.post("/api/hh/apply", { vacancy_id: V.letterRequired, cover_letter: "Теперь с письмом" });
    expect(again.status).toBe(202);
    await deliver(id);
    expect(await applicationRow(id)).toMatchObject({ status: "success", reason: null, attempts: 1 });
    expect(await negotiationsIn(sandbox)).toHaveLength(1);
  });
});

describe("a batch", () => {
  it("handles each message alone: outcomes and retries do not affect the others", async () => {
    const { sandbox, user, id } = await applied(V.normal);
    const test = await applyFor(user, V.testRequired);
    const busy = await applyFor(user, V.archived);
    await setApplication(busy.id, { status: "sending", claimed_at: new Date(), attempts: 1 });
    vi.spyOn(console, "error").mockImplementation(() => {});

    const results = await deliverBatch([
      { body: { application_id: id } },
      { body: { application_id: busy.id } },
      { body: { nonsense: true } },
      { body: { application_id: 999_999 } },
      { body: { application_id: test.id } },
    ]);
    expect(results.map((r) => (r.acked ? "ack" : r.retried ? "retry" : "none"))).toEqual(["ack", "retry", "ack", "ack", "ack"]);
    expect((await applicationRow(id)).status).toBe("success");
    expect((await applicationRow(test.id)).status).toBe("failed");
    expect((await applicationRow(busy.id)).status).toBe("sending");
    expect(applyPosts(sandbox)).toHaveLength(2);
  });
});
