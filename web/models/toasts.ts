/** Short messages at the edge of the screen: what just happened in the background. */
import { createModel, signal } from "@preact/signals";

export type ToastKind = "info" | "success" | "error";

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  detail?: string;
}

const LIFETIME: Record<ToastKind, number> = { info: 4000, success: 6000, error: 10000 };
const MAX_VISIBLE = 4;

export const ToastsModel = createModel(() => {
  const items = signal<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number) {
    items.value = items.value.filter((t) => t.id !== id);
  }

  function show(kind: ToastKind, text: string, detail?: string): number {
    const id = nextId++;
    items.value = [...items.value, { id, kind, text, detail }].slice(-MAX_VISIBLE);
    setTimeout(() => dismiss(id), LIFETIME[kind]);
    return id;
  }

  return {
    items,
    dismiss,
    info: (text: string, detail?: string) => show("info", text, detail),
    success: (text: string, detail?: string) => show("success", text, detail),
    error: (text: string, detail?: string) => show("error", text, detail),
    clear() {
      items.value = [];
    },
  };
});
export type ToastsModel = InstanceType<typeof ToastsModel>;
