/** The cached hh.ru resumes: list, the active one, sync from hh.ru (polled while running). */
import { computed, createModel, signal } from "@preact/signals";
import type { Resume, ResumesResponse, SyncStatus } from "../../shared/schema";
import { api, errorMessage, isUnauthorized, post } from "../api";
import { profile as t } from "../text";
import type { ToastsModel } from "./toasts";

const POLL_MS = 2000;

export const ResumesModel = createModel((toasts: ToastsModel, onSynced: () => void) => {
  /** null until the first answer. */
  const list = signal<Resume[] | null>(null);
  const sync = signal<SyncStatus | null>(null);
  const notice = signal<string | null>(null);
  const loadError = signal<string | null>(null);
  /** An error from the sync request itself (429, network…), shown next to the status line. */
  const syncError = signal<string | null>(null);
  const syncing = signal(false);
  /** hh resume id being saved as active; shown checked until the server answers. */
  const pending = signal<string | null>(null);

  const running = computed(() => syncing.value || (sync.value?.running ?? false));
  const selected = computed(() => list.value?.find((r) => r.selected) ?? null);
  const checkedId = computed(() => pending.value ?? selected.value?.hh_resume_id ?? null);

  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  function apply(data: ResumesResponse) {
    list.value = data.resumes;
    sync.value = data.sync;
    if (data.notice !== undefined) notice.value = data.notice ?? null;
    schedulePoll();
  }

  // While the server says a sync is running (ours or the cron's), re-read the cache until it ends.
  function schedulePoll() {
    clearTimeout(pollTimer);
    if (!sync.value?.running || syncing.value) return;
    const gen = generation;
    pollTimer = setTimeout(async () => {
      if (gen !== generation) return;
      const wasRunning = sync.value?.running;
      try {
        const data = await api<ResumesResponse>("/api/hh/resumes");
        if (gen !== generation) return;
        apply(data);
        if (wasRunning && !data.sync.running) onSynced();
      } catch (err) {
        if (!isUnauthorized(err)) schedulePoll();
      }
    }, POLL_MS);
  }

  async function load() {
    const gen = generation;
    loadError.value = null;
    try {
      const data = await api<ResumesResponse>("/api/hh/resumes");
      if (gen === generation) apply(data);
    } catch (err) {
      if (gen === generation && !isUnauthorized(err)) loadError.value = errorMessage(err);
    }
  }

  async function syncNow() {
    if (syncing.value) return;
    const gen = generation;
    syncing.value = true;
    syncError.value = null;
    notice.value = null;
    try {
      const data = await post<ResumesResponse>("/api/hh/resumes/sync");
      if (gen !== generation) return;
      syncing.value = false;
      apply(data);
    } catch (err) {
      if (gen !== generation || isUnauthorized(err)) return;
      syncError.value = errorMessage(err);
      // The server records its own view of the failure (sync.last_error); show that too.
      await load();
    } finally {
      if (gen === generation) {
        syncing.value = false;
        onSynced();
      }
    }
  }

  async function select(hhResumeId: string) {
    const current = list.value?.find((r) => r.hh_resume_id === hhResumeId);
    if (!current || checkedId.value === hhResumeId) return;
    const gen = generation;
    pending.value = hhResumeId;
    try {
      const data = await post<ResumesResponse>("/api/hh/resumes/select", { resume_id: hhResumeId });
      if (gen !== generation) return;
      apply(data);
      toasts.success(t.selectedToast(current.title));
    } catch (err) {
      if (gen === generation && !isUnauthorized(err)) toasts.error(errorMessage(err));
    } finally {
      // Clearing `pending` shows the server's choice again: the new one, or the old one on error.
      if (gen === generation && pending.value === hhResumeId) pending.value = null;
    }
  }

  return {
    list,
    sync,
    notice,
    loadError,
    syncError,
    syncing,
    pending,
    running,
    selected,
    checkedId,
    load,
    syncNow,
    select,
    /** Seeds the sync status from /api/me before the list arrives. */
    seedSync(status: SyncStatus) {
      if (!sync.value) sync.value = status;
    },
    reset() {
      generation++;
      clearTimeout(pollTimer);
      list.value = null;
      sync.value = null;
      notice.value = null;
      loadError.value = null;
      syncError.value = null;
      syncing.value = false;
      pending.value = null;
    },
  };
});
export type ResumesModel = InstanceType<typeof ResumesModel>;
