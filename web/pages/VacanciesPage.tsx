/** Вакансии: the swipe deck with its filters. Right = apply (in the background), left = skip. */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { VacancyCard } from "../../shared/schema";
import { FiltersPanel } from "../components/FiltersPanel";
import { Page } from "../components/Page";
import { EmptyState, ErrorState, Skeleton } from "../components/States";
import { FlyingCard, SwipeCard, type Offset } from "../components/SwipeCard";
import { VacancyCardBody } from "../components/VacancyCardBody";
import type { SwipeDirection } from "../models/deck";
import { deck, resumes } from "../models/store";
import { vacancies as t } from "../text";

interface Leaving {
  key: number;
  card: VacancyCard;
  dir: SwipeDirection;
  from: Offset;
}

let leavingKey = 0;

function openFilters() {
  if (!deck.filtersOpen.value) deck.toggleFilters();
  window.scrollTo(0, 0);
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

function Deck() {
  const leaving = useSignal<Leaving[]>([]);
  const cards = deck.cards.value;
  const top = cards[0];

  function swipe(dir: SwipeDirection, from: Offset = { x: 0, y: 0 }) {
    const card = deck.swipe(dir);
    if (card) leaving.value = [...leaving.value, { key: ++leavingKey, card, dir, from }];
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        e.preventDefault();
        swipe(e.key === "ArrowRight" ? "right" : "left");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const waiting = !top && (deck.status.value === "loading" || deck.status.value === "idle" || deck.fetching.value);
  let body;
  if (top) body = null;
  else if (deck.status.value === "error") body = <ErrorState message={deck.error.value ?? t.loadError} onRetry={() => void deck.reload()} />;
  else if (waiting) body = <Skeleton rows={1} tall />;
  else
    body = (
      <EmptyState title={t.emptyTitle} icon="done">
        <p class="state-text">{t.emptyText}</p>
        <div class="state-actions">
          <button type="button" class="btn btn-primary" onClick={openFilters}>
            {t.changeFilters}
          </button>
          <button type="button" class="btn" onClick={() => void deck.reload()}>
            {t.reload}
          </button>
        </div>
      </EmptyState>
    );

  return (
    <>
      <div class="deck">
        {body}
        {cards
          .slice(1, 3)
          .map((card, i) => (
            <div key={card.id} class={`card card-back card-back-${i + 1}`} aria-hidden="true" inert>
              <VacancyCardBody card={card} interactive={false} />
            </div>
          ))}
        {top ? <SwipeCard key={top.id} card={top} onSwipe={swipe} /> : null}
        {leaving.value.map((l) => (
          <FlyingCard
            key={l.key}
            card={l.card}
            dir={l.dir}
            from={l.from}
            onDone={() => (leaving.value = leaving.value.filter((x) => x.key !== l.key))}
          />
        ))}
      </div>
      <div class="deck-actions" hidden={!top && !waiting}>
        <button type="button" class="round round-no" aria-label={t.skip} disabled={!top} onClick={() => swipe("left")}>
          <span aria-hidden="true">✕</span>
        </button>
        <p class="deck-hint text-muted" aria-hidden="true">
          {t.keysHint}
        </p>
        <button type="button" class="round round-yes" aria-label={t.apply} disabled={!top} onClick={() => swipe("right")}>
          <span aria-hidden="true">✓</span>
        </button>
      </div>
    </>
  );
}

function Toolbar() {
  const selected = resumes.selected.value;
  const count = deck.activeFilters.value;
  const source = deck.source.value;
  return (
    <div class="toolbar">
      <p class="toolbar-source text-muted">
        {source === "search" ? t.sourceSearch : selected ? t.sourceSimilar(selected.title) : ""}
      </p>
      <button
        type="button"
        class={count ? "btn btn-small btn-accent" : "btn btn-small"}
        aria-expanded={deck.filtersOpen.value}
        aria-controls="filters"
        onClick={() => deck.toggleFilters()}
      >
        {count ? t.filtersActive(count) : t.filters}
      </button>
    </div>
  );
}

function Vacancies() {
  if (resumes.list.value === null) {
    return resumes.loadError.value ? (
      <ErrorState message={resumes.loadError.value} onRetry={() => void resumes.load()} />
    ) : (
      <Skeleton rows={1} tall />
    );
  }
  if (!resumes.selected.value) {
    return (
      <EmptyState title={t.noResumeTitle} icon="resume">
        <p class="state-text">{t.noResumeText}</p>
        <a class="btn btn-primary" href="/profile">
          {t.toProfile}
        </a>
      </EmptyState>
    );
  }
  return (
    <>
      <Toolbar />
      {deck.filtersOpen.value ? <FiltersPanel /> : null}
      <Deck />
    </>
  );
}

export function VacanciesPage() {
  return (
    <Page title={t.title} class="page-vacancies" titleClass="sr-only-mobile" loggedOutText={t.needLoginText}>
      <Vacancies />
    </Page>
  );
}
