/**
 * The swipe deck: vacancy cards fetched page by page ahead of the user, so a swipe
 * never waits on the network; filters (kept in localStorage) and the regions list.
 */
import { computed, createModel, signal } from "@preact/signals";
import type { Area, VacanciesResponse, VacancyCard } from "../../shared/schema";
import { api, errorMessage, isUnauthorized, post } from "../api";
import { vacancies as t } from "../text";
import type { HistoryModel } from "./history";
import type { ToastsModel } from "./toasts";

export interface Filters {
  text: string;
  areas: string[];
  salary: string;
  onlyWithSalary: boolean;
}

export type SwipeDirection = "left" | "right";
export type DeckStatus = "idle" | "loading" | "ready" | "error";

export const EMPTY_FILTERS: Filters = { text: "", areas: [], salary: "", onlyWithSalary: false };
/** Fetch the next page once fewer cards than this remain (the top one included). */
const BUFFER = 5;
/** Pages in a row that bring nothing new before we stop asking (all already swiped). */
const MAX_EMPTY_PAGES = 5;
const STORAGE_KEY = "otklik.filters";

function normalize(f: Filters): Filters {
  return {
    text: f.text.trim().slice(0, 200),
    areas: [...new Set(f.areas)],
    salary: /^\d{1,9}$/.test(f.salary.trim()) ? String(Number(f.salary.trim())) : "",
    onlyWithSalary: f.onlyWithSalary,
  };
}

function loadFilters(): Filters {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<Filters> | null;
    if (!raw || typeof raw !== "object") return EMPTY_FILTERS;
    return normalize({
      text: typeof raw.text === "string" ? raw.text : "",
      areas: Array.isArray(raw.areas) ? raw.areas.filter((a): a is string => typeof a === "string") : [],
      salary: typeof raw.salary === "string" ? raw.salary : "",
      onlyWithSalary: raw.onlyWithSalary === true,
    });
  } catch {
    return EMPTY_FILTERS;
  }
}

export const DeckModel = createModel((toasts: ToastsModel, history: HistoryModel) => {
  const filters = signal<Filters>(loadFilters());
  const filtersOpen = signal(false);
  const cards = signal<VacancyCard[]>([]);
  const status = signal<DeckStatus>("idle");
  const fetching = signal(false);
  const error = signal<string | null>(null);
  const source = signal<VacanciesResponse["source"] | null>(null);
  const areas = signal<Area[] | null>(null);
  const areasError = signal<string | null>(null);

  const top = computed(() => cards.value[0] ?? null);
  const activeFilters = computed(() => {
    const f = filters.value;
    return (f.text ? 1 : 0) + (f.areas.length ? 1 : 0) + (f.salary ? 1 : 0) + (f.onlyWithSalary ? 1 : 0);
  });

  let page = -1;
  let pages = 1;
  let generation = 0;
  let inFlight: Promise<void> | null = null;
  const seen = new Set<string>();

  function fetchNext(): Promise<void> {
    if (inFlight) return inFlight;
    const gen = generation;
    const next = page + 1;
    const f = filters.value;
    fetching.value = true;
    inFlight = api<VacanciesResponse>("/api/vacancies", {
      query: { text: f.text, area: f.areas, salary: f.salary, only_with_salary: f.onlyWithSalary, page: next },
    })
      .then((data) => {
        if (gen !== generation) return;
        page = next;
        pages = Number.isFinite(data.pages) ? data.pages : next + 1;
        source.value = data.source;
        const fresh = data.items.filter((v) => !seen.has(v.id));
        for (const v of fresh) seen.add(v.id);
        if (fresh.length) cards.value = [...cards.value, ...fresh];
      })
      .finally(() => {
        if (gen !== generation) return;
        inFlight = null;
        fetching.value = false;
      });
    return inFlight;
  }

  /** Tops the deck up to BUFFER cards, page after page, while hh.ru has more. */
  async function fill() {
    const gen = generation;
    let emptyPages = 0;
    try {
      while (gen === generation && cards.value.length < BUFFER && page + 1 < pages && emptyPages < MAX_EMPTY_PAGES) {
        const before = cards.value.length;
        await fetchNext();
        if (cards.value.length === before) emptyPages++;
      }
      if (gen === generation) status.value = "ready";
    } catch (err) {
      if (gen !== generation || isUnauthorized(err)) return;
      // With cards still on screen a failed top-up stays quiet; the next swipe tries again.
      if (!cards.value.length) {
        error.value = errorMessage(err);
        status.value = "error";
      }
    }
  }

  function clear() {
    generation++;
    inFlight = null;
    fetching.value = false;
    page = -1;
    pages = 1;
    seen.clear();
    cards.value = [];
    source.value = null;
    error.value = null;
    status.value = "idle";
  }

  function reload() {
    clear();
    status.value = "loading";
    return fill();
  }

  function setFilters(next: Filters) {
    filters.value = normalize(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(filters.value));
    } catch {
      // Private mode or full storage: the filters just won't survive a reload.
    }
    filtersOpen.value = false;
    void reload();
  }

  /** Takes the top card off at once; the network work happens in the background. */
  function swipe(direction: SwipeDirection): VacancyCard | null {
    const card = cards.value[0];
    if (!card) return null;
    cards.value = cards.value.slice(1);
    if (direction === "left") {
      post("/api/swipes", { vacancy_id: card.id, direction: "left" }).catch((err: unknown) => {
        if (!isUnauthorized(err)) toasts.error(t.skipFailed(errorMessage(err)), card.name);
      });
    } else {
      void history.apply(card);
    }
    if (cards.value.length < BUFFER) void fill();
    return card;
  }

  async function loadAreas() {
    if (areas.value) return;
    areasError.value = null;
    try {
      areas.value = await api<Area[]>("/api/areas");
    } catch (err) {
      if (!isUnauthorized(err)) areasError.value = errorMessage(err);
    }
  }

  return {
    filters,
    filtersOpen,
    cards,
    top,
    status,
    fetching,
    error,
    source,
    areas,
    areasError,
    activeFilters,
    reload,
    clear,
    swipe,
    setFilters,
    resetFilters: () => setFilters(EMPTY_FILTERS),
    loadAreas,
    toggleFilters() {
      filtersOpen.value = !filtersOpen.value;
      if (filtersOpen.value) void loadAreas();
    },
  };
});
export type DeckModel = InstanceType<typeof DeckModel>;
