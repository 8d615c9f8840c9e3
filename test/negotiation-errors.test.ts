/** What each answer of hh.ru's POST /negotiations turns an application into, through the queue consumer. */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_USERS, SPECIAL_VACANCIES } from "../sandbox/seed";
import { users } from "../shared/schema";
import { APP_ACCESS_DENIED, DAILY_LIMIT_REASON, NEGOTIATION_REASONS, RECONNECT_REQUIRED, TEST_REQUIRED_REASON } from "../src/hh/messages";
import { applicationRow, applyFor, captureApplyQueue, clearApplying, db, deliver } from "./helpers/apply";
import { useSandbox, type Sandbox } from "./helpers/hh";
import { loginApplicant, userIdOf } from "./helpers/resumes";

const { anna } = SANDBOX_USERS;
const V = SPECIAL_VACANCIES;

beforeEach(clearApplying);

async function setup() {
  const sandbox = useSandbox();
  captureApplyQueue();
  const user = await loginApplicant(sandbox, anna.id, anna.resumes.frontend);
  return { sandbox, user };
}

/** Applies to `vacancyId`, delivers the message once, and returns what the consumer recorded. */
async function applyAndDeliver(vacancyId: string, letter?: string, sandbox?: Sandbox) {
  const { sandbox: sb, user } = sandbox ? { sandbox, user: await loginApplicant(sandbox, anna.id, anna.resumes.frontend) } : await setup();
  const application = await applyFor(user, vacancyId, letter);
  const delivery = await deliver(application.id);
  return { sandbox: sb, delivery, row: await applicationRow(application.id) };
}

const negotiationsIn = async (sandbox: Sandbox) => (await sandbox.control("/negotiations")).json<{ id: string; vacancy_id: string }[]>();
const applyPosts = (sandbox: Sandbox) => sandbox.sent.filter((r) => r.method === "POST" && r.path === "/negotiations");
const injectApplyFault = (sandbox: Sandbox, status: number, body?: unknown) =>
  sandbox.control("/faults", { status, body, path_prefix: "/negotiations", method: "POST" });

describe("final refusals: acked, failed, with a reason the user can act on", () => {
  it("a test-required vacancy ends failed with the hh.ru-only reason and a link to hh.ru; nothing is created", async () => {
    const { sandbox, delivery, row } = await applyAndDeliver(V.testRequired);
    expect(delivery).toMatchObject({ acked: true, retried: false });
    expect(row).toMatchObject({
      status: "failed",
      reason: "Вакансия требует тестового задания. Отклик возможен только на hh.ru.",
      external_url: `https://hh.ru/vacancy/${V.testRequired}`,
      hh_negotiation_id: null,
      claimed_at: null,
    });
    expect(applyPosts(sandbox)).toHaveLength(1);
    expect(await negotiationsIn(sandbox)).toEqual([]);
  });

  it.each([
    [400, { errors: [{ type: "bad_argument", value: "vacancy_id", description: "Для отклика нужно пройти тест" }] }],
    [403, { errors: [{ type: "negotiations", value: "test_not_passed" }] }],
  ])("any %i that says a test is needed is the test-required outcome too", async (status, body) => {
    const sandbox = useSandbox();
    await injectApplyFault(sandbox, status, body);
    const { row } = await applyAndDeliver(V.normal, undefined, sandbox);
    expect(row).toMatchObject({ status: "failed", reason: TEST_REQUIRED_REASON, external_url: `https://hh.ru/vacancy/${V.normal}` });
  });

  it("an archived vacancy ends failed with the archive reason", async () => {
    const { delivery, row } = await applyAndDeliver(V.archived);
    expect(delivery.acked).toBe(true);
    expect(row).toMatchObject({ status: "failed", reason: NEGOTIATION_REASONS.archived, external_url: null });
    expect(row.reason).toMatch(/архив/);
  });

  it("a vacancy answered on the employer's own site (303) ends failed with that site kept, and fetch never follows it", async () => {
    const { sandbox, delivery, row } = await applyAndDeliver(V.direct);
    expect(delivery.acked).toBe(true);
    const site = `https://employer.example/careers/${V.direct}`;
    expect(row).toMatchObject({ status: "failed", external_url: site });
    expect(row.reason).toContain(site);
    expect(row.reason).toMatch(/сайте/);
    expect(applyPosts(sandbox)[0]!.redirect).toBe("manual");
    expect(sandbox.sent.some((r) => r.path.includes("careers"))).toBe(false);
    expect(await negotiationsIn(sandbox)).toEqual([]);
  });

  it("an empty letter for a vacancy that requires one ends failed asking for a letter", async () => {
    const { row } = await applyAndDeliver(V.letterRequired, "");
    expect(row).toMatchObject({ status: "failed", reason: NEGOTIATION_REASONS.empty_message });
    expect(row.reason).toMatch(/письмо/);
  });

  it("a letter hh.ru finds too long ends failed asking to shorten it", async () => {
    const sandbox = useSandbox();
    await injectApplyFault(sandbox, 403, { errors: [{ type: "negotiations", value: "too_long_message" }] });
    const { row } = await applyAndDeliver(V.normal, undefined, sandbox);
    expect(row).toMatchObject({ status: "failed", reason: NEGOTIATION_REASONS.too_long_message });
    expect(row.reason).toMatch(/Сократите/);
  });

  it.each([
    ["400 (the rolling 24 h limit reached)", null, null],
    ["403", 403, { errors: [{ type: "negotiations", value: "limit_exceeded" }] }],
    ["429", 429, { errors: [{ type: "negotiations", value: "limit_exceeded" }] }],
  ] as const)("limit_exceeded as %s is final at once, with the 24-hour limit explained", async (_name, status, body) => {
    const sandbox = useSandbox();
    if (status) await injectApplyFault(sandbox, status, body);
    else await sandbox.control("/config", { negotiations_daily_limit: 0 });
    const { delivery, row } = await applyAndDeliver(V.normal, undefined, sandbox);
    expect(delivery).toMatchObject({ acked: true, retried: false });
    expect(row).toMatchObject({ status: "failed", reason: DAILY_LIMIT_REASON, attempts: 1 });
    expect(row.reason).toMatch(/24 час/);
    expect(applyPosts(sandbox)).toHaveLength(1);
  });

  it.each(["forbidden", "application_not_found"] as const)(
    "hh.ru closing the seeker API to the app (%s) ends failed saying so, and keeps the user connected",
    async (closed) => {
      const sandbox = useSandbox();
      await sandbox.control("/config", { closed });
      const { delivery, row } = await applyAndDeliver(V.normal, undefined, sandbox);
      expect(delivery.acked).toBe(true);
      expect(row).toMatchObject({ status: "failed", reason: APP_ACCESS_DENIED });
      const [user] = await db.select().from(users).where(eq(users.hh_user_id, anna.id));
      expect(user!.hh_disconnected_at).toBeNull();
      expect(await negotiationsIn(sandbox)).toEqual([]);
    },
  );

  it("a revoked token ends failed asking to log in again, and marks the user disconnected", async () => {
    const { sandbox, user } = await setup();
    const application = await applyFor(user, V.normal);
    await sandbox.control(`/users/${anna.id}/revoke`, {});
    const delivery = await deliver(application.id);
    expect(delivery.acked).toBe(true);
    expect(await applicationRow(application.id)).toMatchObject({ status: "failed", reason: RECONNECT_REQUIRED });
    const [row] = await db.select().from(users).where(eq(users.id, await userIdOf(anna.id)));
    expect(row!.hh_disconnected_at).not.toBeNull();
    expect(await negotiationsIn(sandbox)).toEqual([]);
  });

  it("an expired token is refreshed and the application still goes out", async () => {
    const { sandbox, user } = await setup();
    const application = await applyFor(user, V.normal);
    await sandbox.control(`/users/${anna.id}/expire-token`, {});
    await db.update(users).set({ hh_token_expires_at: new Date(Date.now() - 1000) }).where(eq(users.hh_user_id, anna.id));
    await deliver(application.id);
    expect((await applicationRow(application.id)).status).toBe("success");
    expect(sandbox.sent.some((r) => r.path === "/token")).toBe(true);
  });

  it.each([
    ["vacancy_not_found", 400],
    ["resume_not_found", 400],
    ["invalid_vacancy", 403],
    ["resume_visibility_conflict", 403],
    ["application_denied", 403],
    ["inappropriate_language", 400],
  ] as const)("%s ends failed with its own reason", async (value, status) => {
    const sandbox = useSandbox();
    await injectApplyFault(sandbox, status, { errors: [{ type: "negotiations", value }] });
    const { delivery, row } = await applyAndDeliver(V.normal, undefined, sandbox);
    expect(delivery.acked).toBe(true);
    expect(row).toMatchObject({ status: "failed", reason: NEGOTIATION_REASONS[value] });
  });

  it("a bad_argument ends failed naming the field hh.ru refused", async () => {
    const sandbox = useSandbox();
    await injectApplyFault(sandbox, 400, { errors: [{ type: "bad_argument", value: "resume_id" }] });
    const { row } = await applyAndDeliver(V.normal, undefined, sandbox);
    expect(row.status).toBe("failed");
    expect(row.reason).toContain("resume_id");
  });

  it("a resume deleted on hh.ru ends failed with the resume reason", async () => {
    const { sandbox, user } = await setup();
    const application = await applyFor(user, V.normal);
    await sandbox.control(`/resumes/${anna.resumes.frontend}`, undefined, "DELETE");
    await deliver(application.id);
    expect(await applicationRow(application.id)).toMatchObject({ status: "failed", reason: NEGOTIATION_REASONS.resume_not_found });
  });

  it("a captcha demand is final and says to pass it on hh.ru", async () => {
    const sandbox = useSandbox();
    await injectApplyFault(sandbox, 429, { errors: [{ type: "captcha_required", value: "captcha_required", captcha_url: "https://hh.ru/captcha" }] });
    const { delivery, row } = await applyAndDeliver(V.normal, undefined, sandbox);
    expect(delivery).toMatchObject({ acked: true, retried: false });
    expect(row.status).toBe("failed");
    expect(row.reason).toMatch(/капч/);
  });
});
