/** What a vacancy card shows. Snippets are plain text: hh.ru's <highlighttext> tags are stripped. */
import type { VacancyCard } from "../../shared/schema";
import { formatSalary, snippetText } from "../format";
import { vacancies as t } from "../text";

export function VacancyCardBody({ card, interactive = true }: { card: VacancyCard; interactive?: boolean }) {
  const requirement = snippetText(card.requirement);
  const responsibility = snippetText(card.responsibility);
  const facts = [card.area, card.schedule, card.experience].filter((x): x is string => !!x);
  return (
    <div class="card-body">
      <div class="card-hint card-hint-yes" aria-hidden="true">
        {t.apply}
      </div>
      <div class="card-hint card-hint-no" aria-hidden="true">
        {t.skip}
      </div>
      {card.employer ? (
        <div class="card-employer">
          {card.employer.logo_url ? (
            <img class="logo" src={card.employer.logo_url} alt="" width={40} height={40} loading="lazy" draggable={false} />
          ) : (
            <span class="logo logo-fallback" aria-hidden="true">
              {card.employer.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <span class="card-employer-name">{card.employer.name}</span>
        </div>
      ) : null}
      <h2 class="card-title">{card.name}</h2>
      <p class={card.salary ? "card-salary" : "card-salary card-salary-none"}>{formatSalary(card.salary)}</p>
      {facts.length ? <p class="card-facts">{facts.join(" · ")}</p> : null}
      {card.has_test || card.response_letter_required ? (
        <div class="chips">
          {card.has_test ? <span class="chip chip-warn">{t.hasTest}</span> : null}
          {card.response_letter_required ? <span class="chip chip-info">{t.letterRequired}</span> : null}
        </div>
      ) : null}
      {requirement ? (
        <div class="card-snippet">
          <h3>{t.requirement}</h3>
          <p>{requirement}</p>
        </div>
      ) : null}
      {responsibility ? (
        <div class="card-snippet">
          <h3>{t.responsibility}</h3>
          <p>{responsibility}</p>
        </div>
      ) : null}
      {card.key_skills.length ? (
        <div class="chips">
          {card.key_skills.slice(0, 12).map((s) => (
            <span key={s} class="chip chip-skill">
              {s}
            </span>
          ))}
        </div>
      ) : null}
      {interactive ? (
        <a class="card-link" href={card.alternate_url} target="_blank" rel="noopener noreferrer">
          {t.openOnHh}
          <span aria-hidden="true"> ↗</span>
        </a>
      ) : null}
    </div>
  );
}
