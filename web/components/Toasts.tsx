/** Renders the toasts model: a polite live region, newest last. */
import { toasts } from "../models/store";
import { common } from "../text";

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.items.value.map((toast) => (
        <div key={toast.id} class={`toast toast-${toast.kind}`} data-testid="toast">
          <div class="toast-body">
            <p class="toast-text">{toast.text}</p>
            {toast.detail ? <p class="toast-detail">{toast.detail}</p> : null}
          </div>
          <button type="button" class="toast-close" aria-label={common.close} onClick={() => toasts.dismiss(toast.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
