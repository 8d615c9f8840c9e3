// Data model of the fake hh.ru. Times are epoch milliseconds; formatted on output.

export type IdName = { id: string; name: string };

export interface SandboxUser {
  id: string;
  first_name: string;
  last_name: string;
  middle_name: string | null;
  email: string;
}

export interface ResumeExperience {
  company: string;
  position: string;
  start: string; // YYYY-MM-DD
  end: string | null;
  description: string;
}

export interface SandboxResume {
  id: string;
  owner_id: string;
  base_title: string;
  title: string;
  status: "published" | "not_published";
  access: "clients" | "no_one";
  area_id: string;
  salary: { amount: number; currency: string } | null;
  total_experience_months: number;
  skill_set: string[];
  skills: string;
  experience: ResumeExperience[];
  professional_roles: IdName[];
  education: { level: IdName; primary: { name: string; organization: string; result: string; year: number }[] };
  language: { id: string; name: string; level: IdName }[];
  created_at: number;
  updated_at: number;
  touches: number;
}

export interface SandboxEmployer {
  id: string;
  name: string;
  has_logo: boolean;
}

export interface SandboxVacancy {
  id: string;
  name: string;
  area_id: string;
  salary: { from: number | null; to: number | null; currency: string; gross: boolean } | null;
  employer_id: string;
  requirement: string;
  responsibility: string;
  schedule: IdName;
  experience: IdName;
  employment: IdName;
  professional_role: IdName;
  key_skills: string[];
  description: string;
  has_test: boolean;
  response_letter_required: boolean;
  archived: boolean;
  type: "open" | "direct";
  published_at: number;
}

export interface Negotiation {
  id: string;
  user_id: string;
  vacancy_id: string;
  resume_id: string;
  resume_title: string;
  message_length: number;
  created_at: number;
  updated_at: number;
}

export type TokenStatus = "active" | "refreshed" | "revoked" | "deactivated";

export interface TokenRecord {
  access_token: string;
  refresh_token: string;
  user_id: string;
  issued_at: number;
  expires_at: number;
  status: TokenStatus;
}

export interface AuthCode {
  code: string;
  user_id: string;
  client_id: string;
  redirect_uri: string;
  created_at: number;
  used: boolean;
}

export type ClosedMode = false | true | "application_not_found";

export interface SandboxConfig {
  latency_ms: number;
  token_ttl_seconds: number;
  negotiations_daily_limit: number;
  closed: ClosedMode;
}

export interface Fault {
  remaining: number;
  status: number;
  body?: unknown;
  path_prefix?: string;
  method?: string;
}

export interface Chaos {
  rate: number;
  statuses: number[];
  latency_spike_ms: number;
  path_prefix?: string;
  rng: () => number;
}

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  has_bearer: boolean;
  user_id?: string;
  form?: Record<string, string>;
}
