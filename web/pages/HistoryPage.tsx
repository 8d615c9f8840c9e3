/** История: every application and what happened to it, refreshed by polling. */
import { ApplicationRow } from "../components/ApplicationRow";
import { Page } from "../components/Page";
import { EmptyState, ErrorState, Skeleton } from "../components/States";
import { historyModel } from "../models/store";
import { history as t } from "../text";

function Applications() {
  const list = historyModel.list.value;
  if (list === null) {
    return historyModel.error.value ? (
      <ErrorState message={historyModel.error.value} onRetry={() => void historyModel.reload()} />
    ) : (
      <Skeleton rows={3} />
    );
  }
  if (!list.length) {
    return (
      <EmptyState title={t.empty} icon="inbox">
        <p class="state-text">{t.emptyText}</p>
        <a class="btn btn-primary" href="/">
          {t.toVacancies}
        </a>
      </EmptyState>
    );
  }
  return (
    <ul class="apps">
      {list.map((app) => (
        <ApplicationRow key={app.id} app={app} onRetry={() => void historyModel.retry(app)} />
      ))}
    </ul>
  );
}

export function HistoryPage() {
  return (
    <Page title={t.title}>
      <Applications />
    </Page>
  );
}
