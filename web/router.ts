/** A tiny history-API router: three tabs, each its own URL, the current one in a signal. */
import { signal } from "@preact/signals";

export const ROUTES = ["/", "/history", "/profile"] as const;
export type Route = (typeof ROUTES)[number];

function toRoute(pathname: string): Route | null {
  const path = pathname.replace(/\/+$/, "") || "/";
  return (ROUTES as readonly string[]).includes(path) ? (path as Route) : null;
}

const initial = toRoute(location.pathname);
// An unknown path (the SPA fallback serves us for any URL) lands on the vacancies tab.
if (!initial) history.replaceState(null, "", "/");

export const route = signal<Route>(initial ?? "/");

export function navigate(to: Route): void {
  if (to === route.value && location.pathname === to && !location.search) return;
  history.pushState(null, "", to);
  route.value = to;
  window.scrollTo(0, 0);
}

/** Reads and removes one query parameter without adding a history entry. */
export function takeQueryParam(name: string): string | null {
  const url = new URL(location.href);
  const value = url.searchParams.get(name);
  if (value === null) return null;
  url.searchParams.delete(name);
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  return value;
}

/** Same-origin links to our own tabs navigate in place; everything else (e.g. /auth/*) loads normally. */
export function startRouter(): void {
  window.addEventListener("popstate", () => {
    route.value = toRoute(location.pathname) ?? "/";
  });
  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.("a");
    if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    const to = toRoute(url.pathname);
    if (!to) return;
    event.preventDefault();
    navigate(to);
  });
}
