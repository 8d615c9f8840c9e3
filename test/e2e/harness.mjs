// Browser tests' harness: the real local stack (wrangler dev + sandbox, as `npm start`
// runs it) on free ports with fresh state, and Debian's Chromium driven by playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { applyMigrations, ensureDevVars, freePort, root, startStack } from "../../scripts/lib/stack.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SHOTS = join(root, "test-results", "e2e");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Starts a fresh stack; `sandboxEnv` reaches the sandbox process (e.g. SANDBOX_LATENCY_MS). */
export async function startApp({ sandboxEnv = {} } = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), "otklik-e2e-"));
  ensureDevVars();
  applyMigrations(stateDir);
  const stack = await startStack({
    port: await freePort(),
    sandboxPort: await freePort(),
    persistTo: stateDir,
    quiet: true,
    real: false,
    sandboxEnv,
    // A person may press «Обновить» right after login; the 60 s throttle is covered by the Worker tests.
    vars: { RESUME_SYNC_THROTTLE_SECONDS: "0" },
  });
  return {
    ...stack,
    /** Calls the sandbox's control API. */
    async control(path, body) {
      const response = await fetch(`${stack.sandboxUrl}/__sandbox${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json();
    },
    stop() {
      stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser profile; `viewport` and `hasTouch` per device. */
export async function openBrowser({ viewport = DESKTOP, hasTouch = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "otklik-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport,
    hasTouch,
    isMobile: hasTouch,
    locale: "ru-RU",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under test-results/e2e (git-ignored) for a person to look at. */
export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** Logs in through the sandbox's consent page as the named test user. */
export async function loginThroughConsent(page, appUrl, userName) {
  await page.goto(`${appUrl}/auth/hh/start`);
  await page.getByRole("button", { name: `Войти как ${userName}` }).click();
  await page.waitForURL(`${appUrl}/profile`);
}

/** The top card: its vacancy id and whether it needs a test. */
export async function topCard(page) {
  const card = page.getByTestId("vacancy-card");
  await card.waitFor();
  return {
    id: await card.getAttribute("data-vacancy-id"),
    hasTest: (await card.getByText("Тестовое задание").count()) > 0,
  };
}

/** Waits until the top card is no longer `vacancyId` (it flew off). */
export function nextCard(page, vacancyId) {
  return page.waitForFunction(
    (id) => document.querySelector('[data-testid="vacancy-card"]')?.getAttribute("data-vacancy-id") !== id,
    vacancyId,
  );
}

export function historyRow(page, vacancyId) {
  return page.locator(`[data-testid="application-row"][data-vacancy-id="${vacancyId}"]`);
}

/** A fresh stack for the file (or suite) that calls this; its fields exist once `before` has run. */
export function useApp(options) {
  const app = {};
  before(async () => Object.assign(app, await startApp(options)));
  after(() => app.stop?.());
  return app;
}

/** A fresh browser for the suite that calls this: `browser.page` once `before` has run. */
export function useBrowser(options) {
  const browser = {};
  before(async () => Object.assign(browser, await openBrowser(options)));
  after(() => browser.close?.());
  return browser;
}
