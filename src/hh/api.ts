/**
 * hh.ru's API as typed methods, called as one user. Tokens come from a
 * TokenSource (src/services/tokens.ts); when hh.ru says the access token
 * expired, the source renews it and the request is sent once more.
 */
import { hhFetch, hhJson, type HhRequest } from "./client";
import type { HhConfig } from "./config";
import { HhApiError, HhDisconnectedError } from "./errors";
import type {
  HhApplyResult,
  HhArea,
  HhMe,
  HhNegotiation,
  HhPage,
  HhResume,
  HhResumeListItem,
  HhVacancy,
  HhVacancyDetail,
  HhVacancySearch,
} from "./types";

export interface TokenSource {
  /** A token believed valid (refreshed first when its stored expiry has passed). */
  current(): Promise<string>;
  /** hh.ru rejected `expired` as expired: return a fresh one. */
  renew(expired: string): Promise<string>;
  /** hh.ru says the user's grant is gone (revoked, deactivated): remember it. */
  revoked(): Promise<void>;
}

/** `oauth` values after which only a new login helps. */
const REVOKED_VALUES = new Set(["token_revoked", "bad_authorization", "user_auth_expected"]);

const enc = encodeURIComponent;

export class HhApi {
  constructor(
    private readonly config: HhConfig,
    private readonly tokens: TokenSource,
  ) {}

  /** Runs `call` with a token, once more with a renewed one if hh.ru says it expired. */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.current();
    try {
      try {
        return await call(token);
      } catch (err) {
        if (!(err instanceof HhApiError && err.is("oauth", "token_expired"))) throw err;
        return await call(await this.tokens.renew(token));
      }
    } catch (err) {
      if (err instanceof HhApiError && err.type === "oauth" && REVOKED_VALUES.has(err.value ?? "")) {
        await this.tokens.revoked();
        throw new HhDisconnectedError(err.value ?? "oauth");
      }
      throw err;
    }
  }

  private send = (req: HhRequest) => this.withToken((token) => hhFetch(this.config, { ...req, token }));
  private json = <T>(req: HhRequest) => this.withToken((token) => hhJson<T>(this.config, { ...req, token }));

  me = () => this.json<HhMe>({ path: "/me" });

  resumesPage = (page: number) =>
    this.json<HhPage<HhResumeListItem>>({ path: "/resumes/mine", query: { page, per_page: 100 } });

  resume = (id: string) => this.json<HhResume>({ path: `/resumes/${enc(id)}` });

  vacancies = (search: HhVacancySearch) =>
    this.json<HhPage<HhVacancy>>({ path: "/vacancies", query: { ...search } });

  similarVacancies = (resumeId: string, search: HhVacancySearch) =>
    this.json<HhPage<HhVacancy>>({ path: `/resumes/${enc(resumeId)}/similar_vacancies`, query: { ...search } });

  vacancy = (id: string) => this.json<HhVacancyDetail>({ path: `/vacancies/${enc(id)}` });

  areas = () => this.json<HhArea[]>({ path: "/areas" });

  negotiations = (page = 0) =>
    this.json<HhPage<HhNegotiation>>({ path: "/negotiations", query: { status: "all", page, per_page: 100 } });

  /** POST /negotiations: 201 with `Location: /negotiations/{nid}`, or 303 to the employer's own site. */
  async apply(vacancyId: string, resumeId: string, message: string): Promise<HhApplyResult> {
    const form = new FormData();
    form.set("vacancy_id", vacancyId);
    form.set("resume_id", resumeId);
    if (message) form.set("message", message);
    const response = await this.send({ method: "POST", path: "/negotiations", multipart: form });
    const location = response.headers.get("Location");
    await response.body?.cancel();
    if (response.status === 303 && location) return { kind: "external", url: location };
    const negotiationId = location?.match(/\/negotiations\/([^/?#]+)/)?.[1] ?? null;
    return { kind: "created", negotiationId };
  }
}
