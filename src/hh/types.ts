/** The parts of hh.ru's JSON that Otklik reads (see openapi-public-ru.yaml). */

export interface HhNamed {
  id: string;
  name: string;
}

export interface HhMe {
  id: string;
  first_name: string | null;
  last_name: string | null;
  middle_name?: string | null;
  email: string | null;
  is_applicant?: boolean;
}

export interface HhPage<T> {
  found: number;
  page: number;
  pages: number;
  per_page: number;
  items: T[];
}

export interface HhResumeListItem {
  id: string;
  title: string | null;
  updated_at: string;
  status?: HhNamed | null;
  alternate_url?: string | null;
}

/** GET /resumes/{id}; kept whole in resumes.content. */
export interface HhResume extends HhResumeListItem {
  first_name?: string | null;
  last_name?: string | null;
  area?: HhNamed | null;
  salary?: { amount: number | null; currency: string | null } | null;
  skill_set?: string[];
  skills?: string | null;
  experience?: { company?: string | null; position?: string | null; description?: string | null; start?: string; end?: string | null }[];
  total_experience?: { months: number } | null;
  [key: string]: unknown;
}

export interface HhSalary {
  from: number | null;
  to: number | null;
  currency: string | null;
  gross?: boolean | null;
}

export interface HhVacancy {
  id: string;
  name: string;
  area?: HhNamed | null;
  salary?: HhSalary | null;
  employer?: { id?: string; name: string; logo_urls?: Record<string, string> | null } | null;
  snippet?: { requirement?: string | null; responsibility?: string | null } | null;
  schedule?: HhNamed | null;
  experience?: HhNamed | null;
  has_test?: boolean;
  response_letter_required?: boolean;
  alternate_url?: string;
  archived?: boolean;
}

export interface HhVacancyDetail extends HhVacancy {
  description?: string;
  key_skills?: { name: string }[];
  test?: { required: boolean } | null;
  type?: HhNamed | null;
}

export interface HhArea {
  id: string;
  name: string;
  parent_id?: string | null;
  areas: HhArea[];
}

export interface HhNegotiation {
  id: string;
  state?: HhNamed;
  created_at?: string;
  vacancy?: { id: string; name?: string } | null;
  resume?: { id: string } | null;
}

export type HhApplyResult =
  | { kind: "created"; negotiationId: string | null }
  | { kind: "external"; url: string };

export interface HhVacancySearch {
  text?: string;
  area?: string[];
  salary?: number;
  only_with_salary?: boolean;
  experience?: string;
  schedule?: string;
  page?: number;
  per_page?: number;
}
