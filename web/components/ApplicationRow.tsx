/** One application in the history: vacancy, status, dates, the failure reason in plain sight, the letter. */
import type { Application } from "../../shared/schema";
import { formatDateTime } from "../format";
import { history as t, TEST_REQUIRED_REASON } from "../text";

/** Where to finish by hand, if anywhere: hh.ru for test-required vacancies, else the employer's site. */
function manualLink(app: Application): { href: string; label: string } | null {
  if (app.status !== "failed") return null;
  if (app.reason === TEST_REQUIRED_REASON) return { href: app.external_url || app.vacancy_url, label: t.applyOnHh };
  if (app.external_url) return { href: app.external_url, label: t.applyOnEmployerSite };
  return null;
}

/** `onRetry`: send a failed application again — offered where hh.ru might now accept it. */
export function ApplicationRow({ app, onRetry }: { app: Application; onRetry?: () => void }) {
  const link = manualLink(app);
  const changed = app.updated_at !== app.created_at && app.status !== "queued";
  return (
    <li class={`app app-${app.status}`} data-testid="application-row" data-status={app.status} data-vacancy-id={app.vacancy_id}>
      <div class="app-head">
        <div class="app-what">
          <a class="app-title" href={app.vacancy_url} target="_blank" rel="noopener noreferrer">
            {app.vacancy_title || t.untitled}
          </a>
          {app.employer_name ? <p class="app-employer">{app.employer_name}</p> : null}
        </div>
        <span class={`status status-${app.status}`} data-testid="application-status">
          {t.status[app.status]}
        </span>
      </div>
      {app.status === "failed" && app.reason ? (
        <p class="app-reason" data-testid="application-reason">
          {app.reason}
        </p>
      ) : null}
      {link ? (
        <a class="btn btn-small app-manual" href={link.href} target="_blank" rel="noopener noreferrer">
          {link.label}
          <span aria-hidden="true"> ↗</span>
        </a>
      ) : app.status === "failed" && onRetry ? (
        <button type="button" class="btn btn-small app-manual" onClick={onRetry}>
          {t.retry}
        </button>
      ) : null}
      <p class="app-meta text-muted">
        <time dateTime={app.created_at}>{t.created(formatDateTime(app.created_at))}</time>
        {changed ? (
          <>
            {" · "}
            <time dateTime={app.updated_at}>{t.updated(formatDateTime(app.updated_at))}</time>
          </>
        ) : null}
        {app.resume_title ? ` · ${t.resume(app.resume_title)}` : null}
      </p>
      {app.cover_letter ? (
        <details class="app-letter">
          <summary>{t.letter}</summary>
          <p>{app.cover_letter}</p>
        </details>
      ) : null}
    </li>
  );
}
