/**
 * A fault storm: 100 applications from three users while hh.ru answers at random
 * with 429s, 5xx and latency spikes (seeded chaos), one user's token expiring
 * mid-way, and messages delivered twice. The consumer is driven until every
 * application is final; then nothing is lost, nothing is sent twice, and a late
 * redelivery of every message sends nothing new.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import type { Application } from "../shared/schema";
import { TEST_REQUIRED_REASON } from "../src/hh/messages";
import { applyFor, captureApplyQueue, clearApplying, deliverBatch } from "./helpers/apply";
import { dbSnapshot } from "./helpers/fuzz";
import { useSandbox } from "./helpers/hh";
import { loginApplicant } from "./helpers/resumes";

const { anna, ivan, bench } = SANDBOX_USERS;
const V = SPECIAL_VACANCIES;
const BATCH = 10;

interface SandboxNegotiation {
  id: string;
  user_id: string;
  vacancy_id: string;
  resume_id: string;
}

interface Pending {
  body: { application_id: number };
  attempts: number;
}

describe("a fault storm", () => {
  it("100 applications under random 429/5xx/latency and a token expiry: each ends final, once, none lost", { timeout: 120_000 }, async () => {
    await clearApplying();
    const sandbox = useSandbox();
    const queue = captureApplyQueue();
    const applicants = [
      { hh: anna, resume: anna.resumes.frontend, count: 34 },
      { hh: ivan, resume: ivan.resumes.analyst, count: 33 },
      { hh: bench, resume: bench.resumes.r1!, count: 33 },
    ];
    const browsers = [];
    for (const a of applicants) browsers.push(await loginApplicant(sandbox, a.hh.id, a.resume));

    // Each user: the special vacancies (test, letter, employer's site, archive) and then ordinary ones.
    const applied: { user: number; application: Application }[] = [];
    for (const [u, a] of applicants.entries()) {
      const vacancies = [...Object.values(V), ...Array.from({ length: 60 }, (_, i) => String(93000100 + i))].slice(0, a.count);
      for (const vacancy of vacancies) applied.push({ user: u, application: await applyFor(browsers[u]!, vacancy, `Письмо для ${vacancy}`) });
    }
    expect(applied).toHaveLength(100);
    expect(queue.messages).toHaveLength(100);

    await sandbox.control("/faults", { chaos: { rate: 0.3, statuses: [429, 500, 502, 503], latency_spike_ms: 40, seed: 20251215 } });

    // At-least-once: the first round delivers every message twice, in different batches.
    let pending: Pending[] = [...queue.messages, ...queue.messages].map((body) => ({ body, attempts: 1 }));
    let rounds = 0;
    let deliveries = 0;
    while (pending.length > 0) {
      expect(++rounds, "the storm never settled").toBeLessThanOrEqual(40);
      const retried: Pending[] = [];
      for (let i = 0; i < pending.length; i += BATCH) {
        const batch = pending.slice(i, i + BATCH);
        const outcomes = await deliverBatch(batch);
        deliveries += batch.length;
        outcomes.forEach((outcome, k) => {
          expect(outcome.acked !== outcome.retried, "each message is acked or retried, never both or neither").toBe(true);
          if (outcome.retried) retried.push({ body: batch[k]!.body, attempts: batch[k]!.attempts + 1 });
        });
      }
      // One token expiry mid-way: Anna's next calls must refresh it (under the same chaos).
      if (rounds === 1) await sandbox.control(`/users/${anna.id}/expire-token`, {});
      pending = retried;
    }
    expect(deliveries).toBeGreaterThan(200); // the chaos did make the consumer retry

    // Every application final, with a reason when it failed; none lost.
    const histories = await Promise.all(browsers.map(async (b) => (await (await b.get("/api/applications")).json<{ applications: Application[] }>()).applications));
    const all = histories.flat();
    expect(all.map((a) => a.id).sort((x, y) => x - y)).toEqual(applied.map((a) => a.application.id).sort((x, y) => x - y));
    histories.forEach((history, u) => expect(history).toHaveLength(applicants[u]!.count));
    for (const a of all) {
      expect(["success", "failed"], `application ${a.id} (${a.vacancy_id}) is ${a.status}`).toContain(a.status);
      if (a.status === "failed") expect(a.reason, `application ${a.id}`).toMatch(/\S/);
      else expect(a.hh_negotiation_id, `application ${a.id}`).toMatch(/^\d+$/);
    }
    for (const history of histories) {
      expect(history.find((a) => a.vacancy_id === V.testRequired)).toMatchObject({ status: "failed", reason: TEST_REQUIRED_REASON });
      expect(history.find((a) => a.vacancy_id === V.direct)?.status).toBe("failed");
      expect(history.find((a) => a.vacancy_id === V.archived)?.status).toBe("failed");
    }
    expect(all.filter((a) => a.status === "success").length).toBeGreaterThan(80);

    // hh.ru got at most one application per user and vacancy, and each success is one of them.
    const negotiations = await (await sandbox.control("/negotiations")).json<SandboxNegotiation[]>();
    const perPair = new Map<string, number>();
    for (const n of negotiations) perPair.set(`${n.user_id}:${n.vacancy_id}`, (perPair.get(`${n.user_id}:${n.vacancy_id}`) ?? 0) + 1);
    expect([...perPair.entries()].filter(([, count]) => count > 1)).toEqual([]);
    const byId = new Map(negotiations.map((n) => [n.id, n]));
    for (const [u, history] of histories.entries()) {
      for (const a of history.filter((x) => x.status === "success")) {
        const n = byId.get(a.hh_negotiation_id!);
        expect(n, `application ${a.id} has no negotiation on hh.ru`).toBeDefined();
        expect(n).toMatchObject({ user_id: applicants[u]!.hh.id, vacancy_id: a.vacancy_id, resume_id: applicants[u]!.resume });
      }
    }
    // …and nothing reached hh.ru that the history does not show as sent.
    expect(negotiations).toHaveLength(all.filter((a) => a.status === "success").length);

    // Anna's expired token was refreshed on the way (through the same chaos).
    expect(sandbox.sent.some((r) => r.path === "/token" && r.body.includes("grant_type=refresh_token"))).toBe(true);

    // Redelivering every message afterwards sends nothing and changes nothing.
    const before = await dbSnapshot();
    sandbox.sent.length = 0;
    for (let i = 0; i < queue.messages.length; i += BATCH) {
      const outcomes = await deliverBatch(queue.messages.slice(i, i + BATCH).map((body) => ({ body, attempts: 7 })));
      expect(outcomes.every((o) => o.acked && !o.retried)).toBe(true);
    }
    expect(sandbox.sent.filter((r) => r.path.startsWith("/negotiations"))).toEqual([]);
    expect(await (await sandbox.control("/negotiations")).json()).toHaveLength(negotiations.length);
    expect(await dbSnapshot()).toBe(before);
    const claimed = await env.DB.prepare("SELECT count(*) AS n FROM applications WHERE claimed_at IS NOT NULL").first<{ n: number }>();
    expect(claimed!.n).toBe(0);
  });
});
