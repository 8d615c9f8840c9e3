/**
 * Sending one application to hh.ru, for the queue consumer. Delivery is
 * at-least-once, so the application is claimed first (`queued` → `sending`,
 * compare-and-swap on the row) and every outcome is written only while that
 * claim is still ours: two deliveries of one message never both send it.
 */
import { and, eq, type SQL } from "drizzle-orm";
import { applications, type ApplicationRow } from "../../shared/schema";
import type { Db } from "../db";
import type { Env } from "../env";
import type { HhApi } from "../hh/api";
import { HhApiError, HhDisconnectedError, HhOAuthError, isTransient } from "../hh/errors";
import { explainHhError, externalApplyReason, TEST_REQUIRED_REASON } from "../hh/messages";
import { cachedVacancyInfo, vacancyInfoFrom, vacancyPageUrl, type VacancyInfo } from "./applications";
import { vacancyDetail } from "./feed";
import { hhApiForUser } from "./tokens";

/** Sends of one application before a transient failure becomes final. */
export const MAX_ATTEMPTS = 5;
/** A `sending` claim older than this belongs to an attempt that died (an attempt needs well under a minute). */
export const STALE_CLAIM_MS = 5 * 60_000;
const FIRST_RETRY_SECONDS = 5;
const MAX_RETRY_SECONDS = 60;
/** Pages of GET /negotiations searched for an application hh.ru says exists. */
const NEGOTIATION_PAGES = 5;

export const HH_NO_ANSWER_REASON = `hh.ru не ответил ни на одну из ${MAX_ATTEMPTS} попыток отправить отклик. Попробуйте откликнуться ещё раз позже.`;
export const UNEXPECTED_FAILURE_REASON =
  "Отклик не удалось отправить из-за внутренней ошибки Otklik. Попробуйте откликнуться ещё раз позже.";

/** Delay before the next try after the `attempt`-th one: 5 s, doubling, at most 60 s. */
export const retryDelaySeconds = (attempt: number) =>
  Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_SECONDS);

/** `done`: ack the message (outcome recorded, or nothing left to do); `retry`: deliver it again later. */
export type SendOutcome = { kind: "done" } | { kind: "retry"; delaySeconds: number };

/** `why` only documents the branch. */
const done = (_why: string): SendOutcome => ({ kind: "done" });
const retry = (delaySeconds: number, _why: string): SendOutcome => ({ kind: "retry", delaySeconds });

type Final = { status: "success" | "failed"; hh_negotiation_id?: string | null; reason?: string | null; external_url?: string | null };

export async function sendApplication(env: Env, db: Db, applicationId: number, now = Date.now()): Promise<SendOutcome> {
  const [row] = await db.select().from(applications).where(eq(applications.id, applicationId)).limit(1);
  if (!row) return done("application not found");
  if (row.status === "success" || row.status === "failed") return done(`already ${row.status}`);

  const claimAge = row.claimed_at ? now - row.claimed_at.getTime() : Infinity;
  if (row.status === "sending" && claimAge < STALE_CLAIM_MS) {
    // Another attempt is sending it now; look again once its claim would be stale.
    const untilStale = Math.ceil((STALE_CLAIM_MS - claimAge) / 1000) + 1;
    return retry(Math.max(FIRST_RETRY_SECONDS, untilStale), "claimed by a live attempt");
  }

  const claim = await claimApplication(db, row, now);
  if (!claim) return retry(FIRST_RETRY_SECONDS, "claim lost to a concurrent delivery");
  const tookOver = row.status === "sending";
  return new Attempt(env, db, claim, tookOver).run();
}

/** `queued` (or a stale `sending`) → `sending` with our claim time, only if nobody changed the row meanwhile. */
async function claimApplication(db: Db, row: ApplicationRow, now: number): Promise<ApplicationRow | null> {
  const unchanged: (SQL | undefined)[] = [
    eq(applications.id, row.id),
    eq(applications.status, row.status),
    eq(applications.attempts, row.attempts),
    row.claimed_at ? eq(applications.claimed_at, row.claimed_at) : undefined,
  ];
  const at = new Date(now);
  const [claimed] = await db
    .update(applications)
    .set({ status: "sending", claimed_at: at, attempts: row.attempts + 1, updated_at: at })
    .where(and(...unchanged))
    .returning();
  return claimed ?? null;
}

/** One claimed attempt: fill in the vacancy, send, record what hh.ru answered. */
class Attempt {
  private readonly api: HhApi;
  private vacancy: Partial<VacancyInfo> = {};

  constructor(
    env: Env,
    private readonly db: Db,
    private readonly app: ApplicationRow,
    /** We took over a dead attempt's claim: it may have reached hh.ru. */
    private readonly tookOver: boolean,
  ) {
    this.api = hhApiForUser(env, db, app.user_id);
  }

  async run(): Promise<SendOutcome> {
    await this.fillVacancyInfo();
    let final: Final;
    try {
      const result = await this.api.apply(this.app.vacancy_id, this.app.resume_id, this.app.cover_letter);
      final =
        result.kind === "created"
          ? { status: "success", hh_negotiation_id: result.negotiationId }
          : { status: "failed", reason: externalApplyReason(result.url), external_url: result.url };
    } catch (err) {
      if (isRetryable(err)) return this.transient(err);
      final = await this.refusal(err);
    }
    const written = await this.finish(final);
    return done(written ? final.status : "claim taken over before the outcome was written");
  }

  /** Title, employer and page for the history: from the feed's cache, else hh.ru; never blocks sending. */
  private async fillVacancyInfo() {
    // The page alone is not worth a request: https://hh.ru/vacancy/<id> stands in for it.
    if (this.app.vacancy_title && this.app.employer_name) return;
    try {
      const info = (await cachedVacancyInfo(this.db, this.app.vacancy_id)) ?? vacancyInfoFrom(await vacancyDetail(this.api, this.db, this.app.vacancy_id));
      if (!info) return;
      for (const key of ["vacancy_title", "employer_name", "vacancy_url"] as const) {
        if (!this.app[key] && info[key]) this.vacancy[key] = info[key];
      }
    } catch {
      // Not needed to apply: the history shows the vacancy id and hh.ru link instead.
    }
  }

  /** hh.ru said no (or not like that): a final outcome. */
  private async refusal(err: unknown): Promise<Final> {
    if (err instanceof HhApiError && err.is("negotiations", "already_applied") && this.maybeSentBefore()) {
      return { status: "success", hh_negotiation_id: await this.findNegotiationId() };
    }
    const reason = explainHhError(err);
    // A test is done on hh.ru itself: the history links there.
    const externalUrl = reason === TEST_REQUIRED_REASON ? (this.vacancy.vacancy_url ?? this.app.vacancy_url ?? vacancyPageUrl(this.app.vacancy_id)) : null;
    return { status: "failed", reason, external_url: externalUrl };
  }

  /** A dead attempt or an earlier try whose answer we never saw may have created the negotiation. */
  private maybeSentBefore() {
    return this.tookOver || this.app.attempts > 1;
  }

  /** hh.ru has the application: its id from the seeker's negotiation list, or null if it cannot be found now. */
  private async findNegotiationId(): Promise<string | null> {
    try {
      for (let page = 0; page < NEGOTIATION_PAGES; page++) {
        const list = await this.api.negotiations(page);
        const found = list.items.find((n) => n.vacancy?.id === this.app.vacancy_id);
        if (found) return found.id;
        if (page + 1 >= list.pages) break;
      }
    } catch {
      // already_applied alone proves the application exists; only its id is missing.
    }
    return null;
  }

  /** Back to `queued` for another delivery, or `failed` after the last attempt. */
  private async transient(err: unknown): Promise<SendOutcome> {
    const hhFailure = isTransient(err);
    if (!hhFailure) console.error(`apply attempt for application ${this.app.id} failed unexpectedly: ${describeError(err)}`);
    if (this.app.attempts >= MAX_ATTEMPTS) {
      const written = await this.finish({ status: "failed", reason: hhFailure ? HH_NO_ANSWER_REASON : UNEXPECTED_FAILURE_REASON });
      return done(written ? "failed after the last attempt" : "claim taken over");
    }
    const written = await this.write({ status: "queued", claimed_at: null });
    if (!written) return done("claim taken over");
    return retry(retryDelaySeconds(this.app.attempts), `transient: ${describeError(err)}`);
  }

  private finish(final: Final) {
    return this.write({ reason: null, external_url: null, hh_negotiation_id: null, ...final, claimed_at: null });
  }

  /** Writes only while the claim is still ours; false if another attempt took it over. */
  private async write(set: Partial<ApplicationRow>): Promise<boolean> {
    const updated = await this.db
      .update(applications)
      .set({ ...this.vacancy, ...set, updated_at: new Date() })
      .where(
        and(
          eq(applications.id, this.app.id),
          eq(applications.status, "sending"),
          eq(applications.claimed_at, this.app.claimed_at!),
        ),
      )
      .returning({ id: applications.id });
    return updated.length > 0;
  }
}

/**
 * 429 / 5xx / timeouts, and errors we did not expect (a bug or a platform hiccup).
 * Not a captcha or a lost login: only the user can fix those.
 */
function isRetryable(err: unknown) {
  if (err instanceof HhApiError) return isTransient(err) && err.type !== "captcha_required";
  return !(err instanceof HhDisconnectedError || err instanceof HhOAuthError);
}

const describeError = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
