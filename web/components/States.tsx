/** Shared building blocks for empty, error and loading states. */
import type { ComponentChildren } from "preact";
import { common } from "../text";

/** Line icons (24×24 strokes), so nothing depends on an emoji font. */
const ICONS = {
  login: "M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4M10 17l5-5-5-5M15 12H3",
  resume: "M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9zM14 3v6h6M8 13h8M8 17h5",
  inbox: "M22 12h-6l-2 3h-4l-2-3H2M5.5 5h13L22 12v6a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2v-6z",
  done: "M22 11v1a10 10 0 1 1-6-9.2M22 4 12 14l-3-3",
  warning: "M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z",
} as const;
export type IconName = keyof typeof ICONS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={ICONS[name]} />
    </svg>
  );
}

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

export function EmptyState({ title, children, icon }: { title: string; children?: ComponentChildren; icon: IconName }) {
  return (
    <div class="state">
      <div class="state-icon">
        <Icon name={icon} />
      </div>
      <h2 class="state-title">{title}</h2>
      {children}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div class="state state-error" role="alert">
      <div class="state-icon">
        <Icon name="warning" />
      </div>
      <p class="state-text">{message}</p>
      <button type="button" class="btn" onClick={onRetry}>
        {common.retry}
      </button>
    </div>
  );
}

/** Grey placeholder blocks while the first answer is on its way. */
export function Skeleton({ rows = 3, tall = false }: { rows?: number; tall?: boolean }) {
  return (
    <div class="skeleton-list" aria-busy="true" aria-label={common.loading}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} class={tall ? "skeleton skeleton-tall" : "skeleton"} />
      ))}
    </div>
  );
}
