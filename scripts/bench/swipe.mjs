// In Chromium: after the deck has loaded, press → or ← and time until the top card's
// data-vacancy-id changes (measured in the page, from the keydown to the DOM change).
import { loginThroughConsent, openBrowser } from "../../test/e2e/harness.mjs";
import { median, row } from "./report.mjs";

const SWIPES = 12;

/** Arms the measurement for the next key press; the result is awaited with `swipeDone`. */
function arm() {
  const selector = '[data-testid="vacancy-card"]';
  const before = document.querySelector(selector)?.getAttribute("data-vacancy-id");
  let t0 = null;
  const onKey = (e) => {
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") t0 ??= performance.now();
  };
  window.addEventListener("keydown", onKey, { capture: true });
  window.swipeDone = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the top card did not change in 10 s")), 10_000);
    const check = () => {
      const id = document.querySelector(selector)?.getAttribute("data-vacancy-id");
      if (t0 === null || !id || id === before) return;
      observer.disconnect();
      clearTimeout(timer);
      window.removeEventListener("keydown", onKey, { capture: true });
      resolve({ ms: performance.now() - t0, from: before, to: id });
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-vacancy-id"] });
  });
  return before;
}

export async function benchSwipe({ appUrl, sandbox, latency }) {
  const user = await sandbox.createUser("Замер", "Браузер", 2);
  const browser = await openBrowser();
  try {
    const { page } = browser;
    await loginThroughConsent(page, appUrl, user.name);
    // The resume list arrives with the background sync; then pick one, as on the profile page.
    const radio = page.locator('input[type="radio"][name="resume"]').first();
    await radio.waitFor({ timeout: 15_000 });
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/hh/resumes/select") && r.ok()), radio.check()]);

    await page.goto(`${appUrl}/`);
    await page.getByTestId("vacancy-card").waitFor({ timeout: 15_000 });
    await page.waitForLoadState("networkidle");

    const samples = [];
    const swipes = [];
    for (let i = 0; i < SWIPES; i++) {
      const key = i % 2 ? "ArrowRight" : "ArrowLeft";
      await page.evaluate(arm);
      await page.keyboard.press(key);
      const result = await page.evaluate(() => window.swipeDone);
      samples.push(result.ms);
      swipes.push({ key, ...result });
      // A person reads the card for a moment; lets the background requests of the swipe run.
      await page.waitForTimeout(300);
    }
    const section = "Лента";
    return {
      rows: [
        row({
          section, metric: `следующая карточка после ←/→ в Chromium (медиана ${SWIPES})`, value: median(samples), unit: "мс", samples,
          baseline: "задержка hh.ru", baselineValue: latency, target: { op: "<", value: 1 },
        }),
        row({ section, metric: "то же, худший случай", value: Math.max(...samples), unit: "мс", baseline: "задержка hh.ru", baselineValue: latency, target: { op: "<", value: 1 } }),
      ],
      diagnostics: { swipes },
    };
  } finally {
    await browser.close();
  }
}
