/** Профиль: who is logged in, the resumes (pick the active one) and the sync from hh.ru. */
import { formatDateTime, relativeTime } from "../format";
import { now } from "../models/clock";
import { resumes, session } from "../models/store";
import { ResumeOption } from "../components/ResumeOption";
import { Page } from "../components/Page";
import { EmptyState, ErrorState, Skeleton, Spinner } from "../components/States";
import { NEW_RESUME_URL, profile as t } from "../text";

function SyncStatusLine() {
  const sync = resumes.sync.value;
  const error = resumes.syncError.value ?? sync?.last_error ?? null;
  const notice = resumes.notice.value;
  const last = sync?.last_synced_at;
  return (
    <div class="sync-status" data-testid="sync-status" role="status">
      {resumes.running.value ? (
        <p>{t.syncRunning}</p>
      ) : (
        <p>{last ? <time dateTime={last} title={formatDateTime(last)}>{t.lastSync(relativeTime(last, now.value))}</time> : t.neverSynced}</p>
      )}
      {error && !resumes.running.value ? <p class="text-error">{error}</p> : null}
      {notice ? <p class="text-muted">{notice}</p> : null}
    </div>
  );
}

function ResumeList() {
  const list = resumes.list.value;
  if (list === null) {
    return resumes.loadError.value ? (
      <ErrorState message={resumes.loadError.value} onRetry={() => void resumes.load()} />
    ) : (
      <Skeleton rows={2} tall />
    );
  }
  if (!list.length) {
    return (
      <EmptyState title={t.emptyTitle} icon="resume">
        <p class="state-text">{resumes.sync.value?.last_synced_at ? t.emptySynced : t.emptyNeverSynced}</p>
        <a class="btn" href={NEW_RESUME_URL} target="_blank" rel="noopener noreferrer">
          {t.createResume}
        </a>
      </EmptyState>
    );
  }
  const checkedId = resumes.checkedId.value;
  const pending = resumes.pending.value;
  return (
    <fieldset class="resume-list">
      <legend class="sr-only">{t.resumesTitle}</legend>
      {list.map((r) => (
        <ResumeOption
          key={r.hh_resume_id}
          resume={r}
          checked={r.hh_resume_id === checkedId}
          saving={r.hh_resume_id === pending}
          disabled={pending !== null}
          onSelect={(id) => void resumes.select(id)}
        />
      ))}
    </fieldset>
  );
}

function Profile() {
  const user = session.me.value?.user;
  const running = resumes.running.value;
  return (
    <>
      <section class="panel profile-card">
        <div class="avatar" aria-hidden="true">
          {(session.displayName.value || "?").slice(0, 1).toUpperCase()}
        </div>
        <div class="profile-who">
          <p class="profile-name">{session.displayName.value}</p>
          {user?.email ? <p class="text-muted">{user.email}</p> : null}
        </div>
        <button type="button" class="btn btn-ghost" disabled={session.loggingOut.value} onClick={() => void session.logout()}>
          {t.logout}
        </button>
      </section>

      <section class="panel" aria-labelledby="resumes-title">
        <div class="section-head">
          <div>
            <h2 id="resumes-title">{t.resumesTitle}</h2>
            <p class="text-muted">{t.resumesHint}</p>
          </div>
          <button type="button" class="btn" disabled={running} aria-busy={running} onClick={() => void resumes.syncNow()}>
            {running ? (
              <>
                <Spinner />
                {/* Keeps the button findable by its usual name while it says «Обновляем…». */}
                <span class="sr-only">{t.sync}: </span>
                {t.syncing}
              </>
            ) : (
              t.sync
            )}
          </button>
        </div>
        <SyncStatusLine />
        <ResumeList />
      </section>
    </>
  );
}

export function ProfilePage() {
  return (
    <Page title={t.title}>
      <Profile />
    </Page>
  );
}
