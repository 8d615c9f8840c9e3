/** The app's model instances and the few rules that tie them together. */
import { computed, effect, untracked } from "@preact/signals";
import { DeckModel } from "./deck";
import { HistoryModel } from "./history";
import { ResumesModel } from "./resumes";
import { SessionModel } from "./session";
import { ToastsModel } from "./toasts";

export const toasts = new ToastsModel();
export const session = new SessionModel(toasts);
export const historyModel = new HistoryModel(toasts);
// A finished sync may have found the hh.ru tokens revoked: re-read /api/me.
export const resumes = new ResumesModel(toasts, () => void session.refresh());
export const deck = new DeckModel(toasts, historyModel);

// Logged in: load resumes and start watching applications. Logged out: forget everything.
effect(() => {
  const status = session.status.value;
  untracked(() => {
    if (status === "in") {
      void resumes.load();
      historyModel.start();
    } else if (status === "out") {
      resumes.reset();
      historyModel.stop();
      deck.clear();
    }
  });
});

// The feed is built for the active resume: a new choice means a new deck.
const selectedResumeId = computed(() => resumes.selected.value?.hh_resume_id ?? null);
effect(() => {
  const id = selectedResumeId.value;
  untracked(() => (id ? void deck.reload() : deck.clear()));
});
