/**
 * The applications history, polled for status changes, and the background apply flow
 * a right swipe starts: cover letter → apply → remember the swipe, then a toast once
 * polling sees the outcome.
 */
import { computed, createModel, signal } from "@preact/signals";
import type { Application, VacancyCard } from "../../shared/schema";
import { api, errorMessage, isUnauthorized, post } from "../api";
import { vacancies as t } from "../text";
import type { ToastsModel } from "./toasts";

const FAST_POLL_MS = 2000;
const SLOW_POLL_MS = 20000;

const inFlight = (a: Application) => a.status === "queued" || a.status === "sending";

export const HistoryModel = createModel((toasts: ToastsModel) => {
  /** null until the first answer. */
  const list = signal<Application[] | null>(null);
  const error = signal<string | null>(null);
  const pendingCount = computed(() => list.value?.filter(inFlight).length ?? 0);

  /** Applications sent from this tab whose outcome we still owe the user a toast for. */
  const watched = new Map<number, { title: string; toastId: number }>();
  let active = false;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function announce(apps: Application[]) {
    for (const app of apps) {
      const watch = watched.get(app.id);
      if (!watch || inFlight(app)) continue;
      watched.delete(app.id);
      toasts.dismiss(watch.toastId);
      if (app.status === "success") toasts.success(t.sent(watch.title));
      else toasts.error(t.failed(app.reason || t.unknownReason), watch.title);
    }
  }

  function upsert(app: Application) {
    list.value = [app, ...(list.value ?? []).filter((a) => a.id !== app.id)];
  }

  async function refresh() {
    const gen = generation;
    try {
      const data = await api<{ applications: Application[] }>("/api/applications");
      if (gen !== generation) return;
      list.value = data.applications;
      error.value = null;
      announce(data.applications);
    } catch (err) {
      if (gen === generation && !isUnauthorized(err)) error.value = errorMessage(err);
    }
  }

  // Fast while anything is on its way (or we await an outcome), slow otherwise; idle in a hidden tab.
  function schedule() {
    clearTimeout(timer);
    if (!active) return;
    const busy = pendingCount.value > 0 || watched.size > 0;
    const gen = generation;
    timer = setTimeout(
      async () => {
        if (gen !== generation) return;
        if (busy || !document.hidden) await refresh();
        if (gen === generation) schedule();
      },
      busy ? FAST_POLL_MS : SLOW_POLL_MS,
    );
  }

  document.addEventListener("visibilitychange", () => {
    if (active && !document.hidden) void refresh().then(schedule);
  });

  /** Sends the application, then watches it until polling sees its outcome; false if it could not be sent. */
  async function send(vacancyId: string, coverLetter: () => Promise<string>, title: string): Promise<boolean> {
    const gen = generation;
    const toastId = toasts.info(t.sending, title);
    try {
      const cover_letter = await coverLetter();
      if (gen !== generation) return false;
      const app = await post<Application>("/api/hh/apply", { vacancy_id: vacancyId, cover_letter });
      if (gen !== generation) return false;
      upsert(app);
      watched.set(app.id, { title: app.vacancy_title || title, toastId });
      announce([app]);
      schedule();
      return true;
    } catch (err) {
      if (gen !== generation || isUnauthorized(err)) return false;
      toasts.dismiss(toastId);
      toasts.error(t.failed(errorMessage(err)), title);
      return false;
    }
  }

  /** A right swipe: a letter for this vacancy, the application, and the swipe remembered. */
  async function apply(card: VacancyCard) {
    const letter = () =>
      post<{ cover_letter: string }>("/api/cover-letter", { vacancy_id: card.id }).then((r) => r.cover_letter);
    if (await send(card.id, letter, card.name)) {
      // The feed already hides applied vacancies; the swipe is bookkeeping, so a failure here is silent.
      post("/api/swipes", { vacancy_id: card.id, direction: "right" }).catch(() => {});
    }
  }

  /** A failed application sent once more, with the letter it had (the server re-queues the same row). */
  function retry(app: Application) {
    return send(app.vacancy_id, async () => app.cover_letter, app.vacancy_title || app.vacancy_id);
  }

  return {
    list,
    error,
    pendingCount,
    apply,
    retry,
    async reload() {
      if (list.value === null) error.value = null;
      await refresh();
      schedule();
    },
    start() {
      if (active) return;
      active = true;
      void refresh().then(schedule);
    },
    stop() {
      active = false;
      generation++;
      clearTimeout(timer);
      watched.clear();
      list.value = null;
      error.value = null;
    },
  };
});
export type HistoryModel = InstanceType<typeof HistoryModel>;
