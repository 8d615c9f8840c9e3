/** The shell: header with tabs, banners, the current page and the toasts. */
import { useEffect, useRef } from "preact/hooks";
import { HistoryPage } from "../pages/HistoryPage";
import { ProfilePage } from "../pages/ProfilePage";
import { VacanciesPage } from "../pages/VacanciesPage";
import { route, type Route } from "../router";
import { common, tabs } from "../text";
import { Banners } from "./Session";
import { TabBar } from "./TabBar";
import { Toasts } from "./Toasts";

const TITLES: Record<Route, string> = { "/": tabs.vacancies, "/history": tabs.history, "/profile": tabs.profile };

export function App() {
  const current = route.value;
  const first = useRef(true);

  // After an in-app navigation, move focus to the new page's heading (screen readers, keyboard).
  useEffect(() => {
    document.title = common.pageTitle(TITLES[current]);
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>("main h1")?.focus({ preventScroll: true });
  }, [current]);

  return (
    <div class="shell">
      <header class="topbar">
        <a href="/" class="brand">
          <span class="brand-mark" aria-hidden="true">
            ✓
          </span>
          {common.appName}
        </a>
        <TabBar />
      </header>
      <main class="main" id="main">
        <Banners />
        {current === "/history" ? <HistoryPage /> : current === "/profile" ? <ProfilePage /> : <VacanciesPage />}
      </main>
      <Toasts />
    </div>
  );
}
