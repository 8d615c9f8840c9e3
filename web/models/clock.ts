/** "Now", ticking twice a minute, so relative times («5 минут назад») stay true on screen. */
import { signal } from "@preact/signals";

export const now = signal(Date.now());
setInterval(() => {
  now.value = Date.now();
}, 30_000);
