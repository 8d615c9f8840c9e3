// POST /negotiations (apply) and GET /negotiations (the seeker's list).
import type { Hono } from "hono";
import { authenticate, badArgument, hhError, loggableForm, type SbContext, type SbEnv, seekerGate } from "./http";
import { EMPLOYERS } from "./seed";
import type { SandboxState } from "./state";
import { hhDate as hhDateOf, paginate, parsePaging } from "./util";

export const MAX_MESSAGE_LENGTH = 10_000;
const STATE_RESPONSE = { id: "response", name: "Отклик" };

const negErr = (c: SbContext, status: 400 | 403, value: string, description?: string) =>
  hhError(c, status, [{ type: "negotiations", value }], description ? { description } : {});

export function registerNegotiations(app: Hono<SbEnv>, state: SandboxState): void {
  const user = authenticate(state, "required");
  const seeker = seekerGate(state);

  /*
   * Order of checks (first failure wins):
   *  1. body is multipart/form-data             else 400 bad_argument (vacancy_id)
   *  2. vacancy_id, resume_id present and sane  else 400 bad_argument <field>
   *  3. vacancy exists                          else 400 negotiations/vacancy_not_found
   *  4. resume exists and is the user's         else 400 negotiations/resume_not_found
   *  5. vacancy not archived                    else 403 negotiations/archived
   *  6. no required test                        else 403 negotiations/test_required
   *  7. not yet applied to this vacancy         else 403 negotiations/already_applied
   *  8. letter given when required              else 403 negotiations/empty_message
   *  9. letter ≤ 10 000 chars                    else 403 negotiations/too_long_message
   * 10. under the rolling 24 h limit            else 400 negotiations/limit_exceeded
   * 11. vacancy type "direct"                   → 303 to the employer's site, nothing created
   * 12. otherwise                               → 201, empty body, Location: /negotiations/<nid>
   */
  app.post("/negotiations", user, seeker, async (c) => {
    const ct = (c.req.header("Content-Type") ?? "").toLowerCase();
    if (!ct.startsWith("multipart/form-data")) return badArgument(c, "vacancy_id", "multipart/form-data body expected");
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      return badArgument(c, "vacancy_id", "multipart/form-data body expected");
    }
    const field = (k: string) => {
      const v = form.get(k);
      return typeof v === "string" ? v : undefined;
    };
    const vacancyId = field("vacancy_id")?.trim();
    const resumeId = field("resume_id")?.trim();
    const message = field("message") ?? "";
    c.set("logForm", {
      ...loggableForm(Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && k !== "message")) as Record<string, string>),
      message_length: String(message.length),
    });

    if (!vacancyId || !/^\d{1,20}$/.test(vacancyId)) return badArgument(c, "vacancy_id");
    if (!resumeId || !/^[0-9a-zA-Z]{1,64}$/.test(resumeId)) return badArgument(c, "resume_id");
    const vacancy = state.vacancies.get(vacancyId);
    if (!vacancy) return negErr(c, 400, "vacancy_not_found");
    const me = c.var.user.id;
    const resume = state.resumes.get(resumeId);
    if (!resume || resume.owner_id !== me) return negErr(c, 400, "resume_not_found");
    if (vacancy.archived) return negErr(c, 403, "archived", "Vacancy is archived");
    if (vacancy.has_test) return negErr(c, 403, "test_required", "Test required");
    if (state.negotiations.some((n) => n.user_id === me && n.vacancy_id === vacancyId)) {
      return negErr(c, 403, "already_applied", "Already applied");
    }
    if (vacancy.response_letter_required && message.trim() === "") return negErr(c, 403, "empty_message", "Letter required");
    if (message.length > MAX_MESSAGE_LENGTH) return negErr(c, 403, "too_long_message", "Letter too long");
    if (state.appliedInLastDay(me) >= state.config.negotiations_daily_limit) {
      return negErr(c, 400, "limit_exceeded", "Daily limit of negotiations exceeded");
    }
    if (vacancy.type === "direct") {
      c.header("Location", `https://employer.example/careers/${vacancy.id}`);
      return c.body(null, 303);
    }
    const n = state.createNegotiation(me, vacancyId, resume, message.length);
    c.header("Location", `/negotiations/${n.id}`);
    return c.body(null, 201);
  });

  app.get("/negotiations", user, seeker, (c) => {
    const paging = parsePaging(c.req.query("page"), c.req.query("per_page"));
    if ("bad" in paging) return badArgument(c, paging.bad);
    const status = c.req.query("status") ?? "all";
    if (!["all", "active", "response", "invitations", "discard", "archived"].includes(status)) {
      return badArgument(c, "status");
    }
    // Every sandbox negotiation stays a fresh response: employers never answer here.
    const mine =
      status === "all" || status === "active" || status === "response"
        ? state.negotiations.filter((n) => n.user_id === c.var.user.id)
        : [];
    const sorted = [...mine].sort((a, b) => b.updated_at - a.updated_at || Number(b.id) - Number(a.id));
    const o = new URL(c.req.url).origin;
    const page = paginate(sorted, paging);
    return c.json({
      ...page,
      items: page.items.map((n) => {
        const v = state.vacancies.get(n.vacancy_id);
        const r = state.resumes.get(n.resume_id);
        return {
          id: n.id,
          state: STATE_RESPONSE,
          created_at: hhDateOf(n.created_at),
          updated_at: hhDateOf(n.updated_at),
          has_updates: false,
          viewed_by_opponent: false,
          url: `${o}/negotiations/${n.id}`,
          vacancy: v
            ? { id: v.id, name: v.name, url: `${o}/vacancies/${v.id}`, alternate_url: `https://hh.ru/vacancy/${v.id}`, employer: { id: v.employer_id, name: employerName(v.employer_id) } }
            : { id: n.vacancy_id, name: "", alternate_url: `https://hh.ru/vacancy/${n.vacancy_id}`, employer: { name: "" } },
          resume: { id: n.resume_id, title: r?.title ?? n.resume_title, url: `${o}/resumes/${n.resume_id}` },
        };
      }),
    });
  });

  app.get("/negotiations/:id", user, seeker, (c) => {
    const n = state.negotiations.find((x) => x.id === c.req.param("id") && x.user_id === c.var.user.id);
    if (!n) return hhError(c, 404, [{ type: "not_found" }]);
    return c.json({ id: n.id, state: STATE_RESPONSE, created_at: hhDateOf(n.created_at), updated_at: hhDateOf(n.updated_at), has_updates: false, viewed_by_opponent: false, vacancy: { id: n.vacancy_id }, resume: { id: n.resume_id, title: n.resume_title } });
  });
}

const employerName = (id: string) => EMPLOYERS.find((e) => e.id === id)?.name ?? "";
