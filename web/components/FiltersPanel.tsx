/** The collapsible filters form. Edits a draft; «Применить» hands it to the deck, which reloads. */
import { useSignal } from "@preact/signals";
import { deck } from "../models/store";
import type { Filters } from "../models/deck";
import { common, vacancies as t } from "../text";
import { Spinner } from "./States";

const REGION_SEARCH_FROM = 12;

function Regions({ draft }: { draft: { value: Filters } }) {
  const query = useSignal("");
  const areas = deck.areas.value;
  if (deck.areasError.value) {
    return (
      <p class="text-error">
        {deck.areasError.value}{" "}
        <button type="button" class="btn-link" onClick={() => void deck.loadAreas()}>
          {common.retry}
        </button>
      </p>
    );
  }
  if (!areas) {
    return (
      <p class="text-muted">
        <Spinner /> {t.regionsLoading}
      </p>
    );
  }
  const chosen = new Set(draft.value.areas);
  const q = query.value.trim().toLowerCase();
  const shown = q ? areas.filter((a) => a.name.toLowerCase().includes(q) || chosen.has(a.id)) : areas;
  function toggle(id: string, on: boolean) {
    const next = new Set(draft.value.areas);
    if (on) next.add(id);
    else next.delete(id);
    draft.value = { ...draft.value, areas: [...next] };
  }
  return (
    <>
      {areas.length > REGION_SEARCH_FROM ? (
        <input
          type="search"
          class="input input-small"
          placeholder={t.regionsFilter}
          aria-label={t.regionsFilter}
          value={query.value}
          onInput={(e) => (query.value = e.currentTarget.value)}
        />
      ) : null}
      <div class="regions">
        {shown.map((a) => (
          <label key={a.id} class="check">
            <input type="checkbox" name="area" value={a.id} checked={chosen.has(a.id)} onChange={(e) => toggle(a.id, e.currentTarget.checked)} />
            <span>{a.name}</span>
          </label>
        ))}
      </div>
    </>
  );
}

export function FiltersPanel() {
  const draft = useSignal<Filters>(deck.filters.value);
  const f = draft.value;
  return (
    <form
      id="filters"
      class="panel filters"
      onSubmit={(e) => {
        e.preventDefault();
        deck.setFilters(draft.value);
      }}
    >
      <label class="field">
        <span class="field-label">{t.search}</span>
        <input
          type="search"
          name="text"
          class="input"
          placeholder={t.searchPlaceholder}
          value={f.text}
          onInput={(e) => (draft.value = { ...draft.value, text: e.currentTarget.value })}
        />
      </label>
      <fieldset class="field">
        <legend class="field-label">{t.regions}</legend>
        <Regions draft={draft} />
      </fieldset>
      <div class="filters-row">
        <label class="field">
          <span class="field-label">{t.salary}</span>
          <input
            type="number"
            name="salary"
            class="input"
            min={0}
            step={1000}
            inputMode="numeric"
            value={f.salary}
            onInput={(e) => (draft.value = { ...draft.value, salary: e.currentTarget.value })}
          />
        </label>
        <label class="check check-inline">
          <input
            type="checkbox"
            name="only_with_salary"
            checked={f.onlyWithSalary}
            onChange={(e) => (draft.value = { ...draft.value, onlyWithSalary: e.currentTarget.checked })}
          />
          <span>{t.onlyWithSalary}</span>
        </label>
      </div>
      <div class="filters-actions">
        <button type="submit" class="btn btn-primary">
          {t.applyFilters}
        </button>
        <button type="button" class="btn btn-ghost" onClick={() => deck.resetFilters()}>
          {t.resetFilters}
        </button>
      </div>
    </form>
  );
}
