// Read-only hh.ru API: /me, resumes, vacancies, similar vacancies, areas.
import type { Hono } from "hono";
import { authenticate, badArgument, hhError, type SbContext, type SbEnv, seekerGate } from "./http";
import { AREA_NAMES, AREAS } from "./seed";
import type { SandboxState } from "./state";
import type { SandboxResume, SandboxVacancy } from "./types";
import { hhDate, paginate, parsePaging } from "./util";
import { matches, parseFilters, rankForResume, vacancyFull, vacancyShort } from "./vacancies";

const origin = (c: SbContext) => new URL(c.req.url).origin;

const STATUS_NAMES = { published: "опубликовано", not_published: "не опубликовано" } as const;
const ACCESS_NAMES = { clients: "видно всем компаниям, зарегистрированным на HeadHunter", no_one: "не видно никому" } as const;

function resumeShort(r: SandboxResume, o: string, now: number) {
  return {
    id: r.id,
    title: r.title,
    status: { id: r.status, name: STATUS_NAMES[r.status] },
    access: { type: { id: r.access, name: ACCESS_NAMES[r.access] } },
    created_at: hhDate(r.created_at),
    updated_at: hhDate(r.updated_at),
    url: `${o}/resumes/${r.id}`,
    alternate_url: `https://hh.ru/resume/${r.id}`,
    similar_vacancies: { url: `${o}/resumes/${r.id}/similar_vacancies`, counters: { total: 0 } },
    area: { id: r.area_id, name: AREA_NAMES[r.area_id] ?? "", url: `${o}/areas/${r.area_id}` },
    salary: r.salary,
    total_experience: { months: r.total_experience_months },
    can_publish_or_update: r.status === "published",
    next_publish_at: hhDate(Math.max(r.updated_at + 4 * 3600_000, now)),
  };
}

function resumeFull(r: SandboxResume, o: string, now: number, owner: { first_name: string; last_name: string; middle_name: string | null }) {
  return {
    ...resumeShort(r, o, now),
    first_name: owner.first_name,
    last_name: owner.last_name,
    middle_name: owner.middle_name,
    skill_set: r.skill_set,
    skills: r.skills,
    experience: r.experience.map((e) => ({ ...e, area: null, industries: [] })),
    professional_roles: r.professional_roles,
    education: r.education,
    language: r.language,
  };
}

function searchResponse(c: SbContext, list: SandboxVacancy[]) {
  const q = c.req.queries();
  const paging = parsePaging(q.page?.[0], q.per_page?.[0], { maxDepth: 2000 });
  if ("bad" in paging) return badArgument(c, paging.bad);
  const filters = parseFilters(q);
  if ("bad" in filters) return badArgument(c, filters.bad);
  const o = origin(c);
  const found = list.filter((v) => matches(v, filters));
  const page = paginate(found, paging);
  return c.json({
    ...page,
    items: page.items.map((v) => vacancyShort(v, o)),
    clusters: null,
    arguments: null,
    alternate_url: `https://hh.ru/search/vacancy?${new URL(c.req.url).searchParams}`,
  });
}

export function registerApi(app: Hono<SbEnv>, state: SandboxState): void {
  const user = authenticate(state, "required");
  const anyone = authenticate(state, "optional");
  const seeker = seekerGate(state);
  const ownResume = (c: SbContext) => {
    const r = state.resumes.get(c.req.param("id") ?? "");
    return r && r.owner_id === c.var.user.id ? r : undefined;
  };
  const notFound = (c: SbContext) => hhError(c, 404, [{ type: "not_found" }], { description: "Not Found" });

  app.get("/me", user, (c) => {
    const u = c.var.user;
    const o = origin(c);
    return c.json({
      id: u.id,
      first_name: u.first_name,
      last_name: u.last_name,
      middle_name: u.middle_name,
      email: u.email,
      phone: null,
      is_admin: false,
      is_applicant: true,
      is_employer: false,
      is_application: false,
      is_anonymous: false,
      is_in_search: true,
      auth_type: "applicant",
      resumes_url: `${o}/resumes/mine`,
      negotiations_url: `${o}/negotiations`,
      profile_videos: { items: [] },
      counters: {
        resumes_count: state.userResumes(u.id).length,
        new_resume_views: 0,
        unread_negotiations: 0,
      },
    });
  });

  app.get("/resumes/mine", user, seeker, (c) => {
    const paging = parsePaging(c.req.query("page"), c.req.query("per_page"));
    if ("bad" in paging) return badArgument(c, paging.bad);
    const o = origin(c);
    const now = state.now();
    const page = paginate(state.userResumes(c.var.user.id), paging);
    return c.json({ ...page, items: page.items.map((r) => resumeShort(r, o, now)) });
  });

  app.get("/resumes/:id", user, seeker, (c) => {
    const r = ownResume(c);
    return r ? c.json(resumeFull(r, origin(c), state.now(), c.var.user)) : notFound(c);
  });

  app.get("/resumes/:id/similar_vacancies", user, seeker, (c) => {
    const r = ownResume(c);
    if (!r) return notFound(c);
    const all = state.vacancyOrder.map((id) => state.vacancies.get(id)!).filter(Boolean);
    return searchResponse(c, rankForResume(all, r));
  });

  app.get("/vacancies", anyone, (c) =>
    searchResponse(c, state.vacancyOrder.map((id) => state.vacancies.get(id)!).filter(Boolean)),
  );

  app.get("/vacancies/:id", anyone, (c) => {
    const v = state.vacancies.get(c.req.param("id"));
    return v ? c.json(vacancyFull(v, origin(c))) : notFound(c);
  });

  app.get("/areas", anyone, (c) => c.json(AREAS));
  app.get("/areas/:id", anyone, (c) => {
    const id = c.req.param("id");
    const country = AREAS[0]!;
    if (id === country.id) return c.json(country);
    const city = country.areas.find((a) => a.id === id);
    return city ? c.json(city) : notFound(c);
  });
}
