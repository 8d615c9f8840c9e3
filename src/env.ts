/** Body of an APPLY_QUEUE message: the application to send. */
export interface ApplyMessage {
  application_id: number;
}

/** Bindings and configuration, as named in DESIGN.md. */
export interface Env {
  DB: D1Database;
  SESSIONS: KVNamespace;
  APPLY_QUEUE: Queue<ApplyMessage>;
  ASSETS: Fetcher;
  HH_CLIENT_ID?: string;
  HH_CLIENT_SECRET?: string;
  HH_REDIRECT_URI?: string;
  HH_USER_AGENT?: string;
  HH_OAUTH_BASE?: string;
  HH_API_BASE?: string;
  TOKEN_ENCRYPTION_KEY?: string;
  APP_ORIGIN?: string;
  /** Seconds between manual resume syncs of one user (default 60). */
  RESUME_SYNC_THROTTLE_SECONDS?: string;
  /** Optional cover-letter provider: "template" (default) or "openai". */
  LETTER_PROVIDER?: string;
  LETTER_API_URL?: string;
  LETTER_API_KEY?: string;
  LETTER_MODEL?: string;
}
