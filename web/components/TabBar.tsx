/** The three tabs: at the bottom on phones, in the header on wide screens. */
import type { ComponentChildren } from "preact";
import { historyModel } from "../models/store";
import { route, type Route } from "../router";
import { tabs as t } from "../text";

const ICONS: Record<Route, ComponentChildren> = {
  "/": <path d="M4 7h16v12H4zM9 7V5h6v2M4 12h16" />,
  "/history": <path d="M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4" />,
  "/profile": <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-6 8-6s8 2 8 6" />,
};

function Tab({ to, label, badge }: { to: Route; label: string; badge?: number }) {
  const current = route.value === to;
  return (
    <li>
      <a href={to} class="tab" aria-current={current ? "page" : undefined}>
        <svg class="tab-icon" viewBox="0 0 24 24" aria-hidden="true">
          {ICONS[to]}
        </svg>
        <span class="tab-label">{label}</span>
        {badge ? (
          <span class="badge" data-testid="history-badge">
            <span aria-hidden="true">{badge}</span>
            <span class="sr-only">{t.pending(badge)}</span>
          </span>
        ) : null}
      </a>
    </li>
  );
}

export function TabBar() {
  return (
    <nav class="tabbar" aria-label={t.label}>
      <ul>
        <Tab to="/" label={t.vacancies} />
        <Tab to="/history" label={t.history} badge={historyModel.pendingCount.value} />
        <Tab to="/profile" label={t.profile} />
      </ul>
    </nav>
  );
}
