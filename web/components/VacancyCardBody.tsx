/** What a vacancy card shows. Snippets are plain text: hh.ru's <highlighttext> tags are stripped. */
import type { VacancyCard } from "../../shared/schema";
import { factsLine, formatSalary, snippetText } from "../format";
import { vacancies as t } from "../text";
import { SkillChips } from "./SkillChips";

function Snippet({ title, text }: { title: string; text: string | null }) {
  if (!text) return null;
  return (
    <div class="card-snippet">
      <h3>{title}</h3>
      <p>{text}</p>
    </div>
  );
}

export function VacancyCardBody({ card, interactive = true }: { card: VacancyCard; interactive?: boolean }) {
  const facts = factsLine([card.area, card.schedule, card.experience]);
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
      {facts ? <p class="card-facts">{facts}</p> : null}
      {card.has_test || card.response_letter_required ? (
        <div class="chips">
          {card.has_test ? <span class="chip chip-warn">{t.hasTest}</span> : null}
          {card.response_letter_required ? <span class="chip chip-info">{t.letterRequired}</span> : null}
        </div>
      ) : null}
      <Snippet title={t.requirement} text={snippetText(card.requirement)} />
      <Snippet title={t.responsibility} text={snippetText(card.responsibility)} />
      <SkillChips skills={card.key_skills} limit={12} />
      {interactive ? (
        <a class="card-link" href={card.alternate_url} target="_blank" rel="noopener noreferrer">
          {t.openOnHh}
          <span aria-hidden="true"> ↗</span>
        </a>
      ) : null}
    </div>
  );
}
