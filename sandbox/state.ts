// In-memory state of one sandbox instance, plus the controls tests use directly.
import { seedResumes, seedUsers, seedVacancies } from "./seed";
import type {
  AuthCode, Chaos, Fault, LoggedRequest, Negotiation, SandboxConfig, SandboxResume, SandboxUser,
  SandboxVacancy, TokenRecord,
} from "./types";
import { mulberry32, randomToken, stableHex } from "./util";

export interface SandboxOptions {
  tokenTtlSeconds?: number;
  now?: () => number;
  clientId?: string;
  clientSecret?: string;
  latencyMs?: number;
}

export const CODE_TTL_MS = 10 * 60_000;
export const DEFAULT_DAILY_LIMIT = 200;
/** hh.ru lists up to 100 resumes a page; a test user needs far fewer. */
export const MAX_ADDED_USER_RESUMES = 100;

export class SandboxState {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly now: () => number;
  private readonly defaults: SandboxConfig;

  config!: SandboxConfig;
  users = new Map<string, SandboxUser>();
  resumes = new Map<string, SandboxResume>();
  vacancies = new Map<string, SandboxVacancy>();
  /** Vacancies in the default search order (newest first). */
  vacancyOrder: string[] = [];
  codes = new Map<string, AuthCode>();
  tokensByAccess = new Map<string, TokenRecord>();
  tokensByRefresh = new Map<string, TokenRecord>();
  negotiations: Negotiation[] = [];
  faults: Fault[] = [];
  chaos: Chaos | null = null;
  requests: LoggedRequest[] = [];
  private nextNegotiationId = 4100000001;
  private addedResumes = 0;
  private addedUsers = 0;

  constructor(options: SandboxOptions = {}) {
    this.clientId = options.clientId ?? "otklik-sandbox";
    this.clientSecret = options.clientSecret ?? "otklik-sandbox-secret";
    this.now = options.now ?? (() => Date.now());
    this.defaults = {
      latency_ms: options.latencyMs ?? 0,
      token_ttl_seconds: options.tokenTtlSeconds ?? 1_209_600,
      negotiations_daily_limit: DEFAULT_DAILY_LIMIT,
      closed: false,
    };
    this.reset();
  }

  /** Fresh seed data, no tokens, no negotiations, default config, no faults, empty log. */
  reset(): void {
    this.config = { ...this.defaults };
    this.users = new Map(seedUsers().map((u) => [u.id, u]));
    this.resumes = new Map(seedResumes().map((r) => [r.id, r]));
    const vacancies = seedVacancies(this.now());
    this.vacancies = new Map(vacancies.map((v) => [v.id, v]));
    this.vacancyOrder = vacancies.map((v) => v.id);
    this.codes.clear();
    this.tokensByAccess.clear();
    this.tokensByRefresh.clear();
    this.negotiations = [];
    this.faults = [];
    this.chaos = null;
    this.requests = [];
    this.nextNegotiationId = 4100000001;
    this.addedResumes = 0;
    this.addedUsers = 0;
  }

  configure(patch: Partial<SandboxConfig>): SandboxConfig {
    this.config = { ...this.config, ...patch };
    return this.config;
  }

  // --- OAuth -------------------------------------------------------------------------

  createCode(userId: string, clientId: string, redirectUri: string): string {
    const code = randomToken("sbxc_", 32);
    this.codes.set(code, { code, user_id: userId, client_id: clientId, redirect_uri: redirectUri, created_at: this.now(), used: false });
    return code;
  }

  issueToken(userId: string): TokenRecord {
    const now = this.now();
    const rec: TokenRecord = {
      access_token: randomToken("sbx_"),
      refresh_token: randomToken("sbxr_"),
      user_id: userId,
      issued_at: now,
      expires_at: now + this.config.token_ttl_seconds * 1000,
      status: "active",
    };
    this.tokensByAccess.set(rec.access_token, rec);
    this.tokensByRefresh.set(rec.refresh_token, rec);
    return rec;
  }

  private userTokens(userId: string): TokenRecord[] {
    return [...this.tokensByAccess.values()].filter((t) => t.user_id === userId);
  }

  /** The user's access tokens expire now (their refresh tokens become usable). */
  expireTokens(userId: string): number {
    const live = this.userTokens(userId).filter((t) => t.status === "active");
    for (const t of live) t.expires_at = Math.min(t.expires_at, this.now());
    return live.length;
  }

  /** Revoked: API answers 403 token_revoked, refresh answers "token was revoked". */
  revokeUser(userId: string): number {
    const live = this.userTokens(userId).filter((t) => t.status === "active" || t.status === "refreshed");
    for (const t of live) t.status = "revoked";
    return live.length;
  }

  /** As after a password change: refresh answers "token deactivated". */
  deactivateUser(userId: string): number {
    const live = this.userTokens(userId).filter((t) => t.status !== "deactivated");
    for (const t of live) t.status = "deactivated";
    return live.length;
  }

  /** A fresh job seeker (benchmarks, tests) with `resumes` published resumes; gone after reset(). */
  addUser(init: { first_name?: string; last_name?: string; resumes?: number } = {}): { user: SandboxUser; resumes: SandboxResume[] } {
    this.addedUsers++;
    const n = this.addedUsers;
    const user: SandboxUser = {
      id: String(58220000 + n), first_name: init.first_name ?? "Тест", last_name: init.last_name ?? `Пользователь ${n}`,
      middle_name: null, email: `user${n}@example.ru`,
    };
    this.users.set(user.id, user);
    const count = Math.min(Math.max(Math.floor(init.resumes ?? 0), 0), MAX_ADDED_USER_RESUMES);
    const resumes = Array.from({ length: count }, (_, k) => this.addResume(user.id, { base_title: `Резюме ${k + 1}` })!);
    return { user, resumes };
  }

  // --- Resumes -----------------------------------------------------------------------

  userResumes(userId: string): SandboxResume[] {
    return [...this.resumes.values()]
      .filter((r) => r.owner_id === userId)
      .sort((a, b) => b.updated_at - a.updated_at || a.id.localeCompare(b.id));
  }

  /** A visible change for a re-sync: new updated_at and a title suffix. */
  touchResume(resumeId: string): SandboxResume | undefined {
    const r = this.resumes.get(resumeId);
    if (!r) return undefined;
    r.touches++;
    r.title = `${r.base_title} · правка ${r.touches}`;
    r.updated_at = Math.max(this.now(), r.updated_at + 1000);
    return r;
  }

  deleteResume(resumeId: string): boolean {
    return this.resumes.delete(resumeId);
  }

  addResume(userId: string, init: Partial<Pick<SandboxResume, "base_title" | "skill_set" | "skills" | "area_id" | "status">> = {}): SandboxResume | undefined {
    if (!this.users.has(userId)) return undefined;
    this.addedResumes++;
    const now = this.now();
    const title = init.base_title ?? `Новое резюме ${this.addedResumes}`;
    const r: SandboxResume = {
      id: stableHex(`added:${userId}:${this.addedResumes}:${now}`, 38),
      owner_id: userId, base_title: title, title, status: init.status ?? "published", access: "clients",
      area_id: init.area_id ?? "1", salary: null, total_experience_months: 12,
      skill_set: init.skill_set ?? ["Коммуникабельность", "Excel"],
      skills: init.skills ?? "Резюме, добавленное через управление песочницей.",
      experience: [{ company: "ООО «Пример»", position: title, start: "2025-01-01", end: null, description: "Опыт работы для проверки синхронизации резюме." }],
      professional_roles: [{ id: "96", name: "Программист, разработчик" }],
      education: { level: { id: "higher", name: "Высшее" }, primary: [] },
      language: [{ id: "rus", name: "Русский", level: { id: "l1", name: "Родной" } }],
      created_at: now, updated_at: now, touches: 0,
    };
    this.resumes.set(r.id, r);
    return r;
  }

  // --- Negotiations --------------------------------------------------------------------

  appliedInLastDay(userId: string): number {
    const since = this.now() - 86_400_000;
    return this.negotiations.filter((n) => n.user_id === userId && n.created_at > since).length;
  }

  createNegotiation(userId: string, vacancyId: string, resume: SandboxResume, messageLength: number): Negotiation {
    const now = this.now();
    const n: Negotiation = {
      id: String(this.nextNegotiationId++), user_id: userId, vacancy_id: vacancyId, resume_id: resume.id,
      resume_title: resume.title, message_length: messageLength, created_at: now, updated_at: now,
    };
    this.negotiations.push(n);
    return n;
  }

  // --- Faults ----------------------------------------------------------------------------

  addFault(f: { count?: number; status: number; body?: unknown; path_prefix?: string; method?: string }): void {
    this.faults.push({ remaining: f.count ?? 1, status: f.status, body: f.body, path_prefix: f.path_prefix, method: f.method?.toUpperCase() });
  }

  setChaos(c: { rate: number; statuses?: number[]; latency_spike_ms?: number; seed?: number; path_prefix?: string }): void {
    this.chaos = {
      rate: Math.min(1, Math.max(0, c.rate)),
      statuses: c.statuses && c.statuses.length > 0 ? c.statuses : [429, 500, 502, 503],
      latency_spike_ms: c.latency_spike_ms ?? 0,
      path_prefix: c.path_prefix,
      rng: mulberry32(c.seed ?? 1),
    };
  }

  clearFaults(): void {
    this.faults = [];
    this.chaos = null;
  }

  /** Takes the next fault for this request, if any: a queued one first, then chaos. */
  takeFault(method: string, path: string): { status: number; body?: unknown; delayMs: number } | null {
    const f = this.faults.find(
      (x) => x.remaining > 0 && (!x.method || x.method === method) && (!x.path_prefix || path.startsWith(x.path_prefix)),
    );
    if (f) {
      f.remaining--;
      this.faults = this.faults.filter((x) => x.remaining > 0);
      return { status: f.status, body: f.body, delayMs: 0 };
    }
    const c = this.chaos;
    if (!c || (c.path_prefix && !path.startsWith(c.path_prefix))) return null;
    const spike = c.latency_spike_ms > 0 && c.rng() < c.rate ? c.latency_spike_ms : 0;
    if (c.rng() < c.rate) {
      const status = c.statuses[Math.floor(c.rng() * c.statuses.length)] ?? 500;
      return { status, delayMs: spike };
    }
    return spike > 0 ? { status: 0, delayMs: spike } : null;
  }
}
