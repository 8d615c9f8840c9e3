// What a person does on a desktop, in a real Chromium against the real local stack (wrangler dev +
// sandbox hh.ru): log in, pick a resume, refresh, swipe, read the history, log out.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DESKTOP, historyRow, loginThroughConsent, nextCard, shot, topCard, useApp, useBrowser } from "./harness.mjs";

const TEST_REQUIRED = "Вакансия требует тестового задания. Отклик возможен только на hh.ru.";
const ANNA = "Анна Смирнова";

const app = useApp();

describe("a job seeker on a desktop", () => {
  const browser = useBrowser({ viewport: DESKTOP });

  test("logs in through hh.ru's consent page and sees their name and resumes", async () => {
    const { page } = browser;
    await page.goto(app.appUrl);
    await page.getByRole("link", { name: "Войти через hh.ru" }).first().waitFor();
    await shot(page, "01-logged-out");
    await loginThroughConsent(page, app.appUrl, ANNA);
    await page.getByText(ANNA).first().waitFor();
    await page.locator('input[type="radio"][name="resume"]').first().waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('input[type="radio"][name="resume"]').count(), 3);
    await shot(page, "02-profile");
  });

  test("picks the active resume with its radio; the choice survives a reload", async () => {
    const { page } = browser;
    const radio = page.getByRole("radio", { name: /Frontend-разработчик/ });
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/hh/resumes/select") && r.ok()),
      radio.check(),
    ]);
    await page.reload();
    await page.getByRole("radio", { name: /Frontend-разработчик/ }).waitFor();
    assert.equal(await page.getByRole("radio", { name: /Frontend-разработчик/ }).isChecked(), true);
    assert.equal(await page.getByRole("radio", { name: /Веб-разработчик/ }).isChecked(), false);
  });

  test("«Обновить резюме из hh.ru» refreshes and updates the status line", async () => {
    const { page } = browser;
    // The resume changes on hh.ru; the refresh must bring the new title.
    const webResume = await page.getByRole("radio", { name: /Веб-разработчик/ }).getAttribute("value");
    await app.control(`/resumes/${webResume}/touch`, {});
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/hh/resumes/sync") && r.ok()),
      page.getByRole("button", { name: /Обновить резюме из hh\.ru/ }).click(),
    ]);
    await page.getByRole("radio", { name: /Веб-разработчик · правка 1/ }).waitFor({ timeout: 15_000 });
    await page.getByTestId("sync-status").getByText(/Последняя синхронизация: только что/).waitFor();
    await shot(page, "03-profile-synced");
  });

  const applied = {};
  test("swipes right on a normal and on a test-required vacancy, and left on another", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Вакансии" }).click();
    await page.waitForURL(`${app.appUrl}/`);
    while (!applied.normal || !applied.test || !applied.skipped) {
      const card = await topCard(page);
      if (card.hasTest && !applied.test) {
        applied.test = card.id;
        await page.getByRole("button", { name: "Откликнуться" }).click();
      } else if (!card.hasTest && !applied.normal) {
        applied.normal = card.id;
        await shot(page, "04-deck");
        await page.getByRole("button", { name: "Откликнуться" }).click();
      } else {
        applied.skipped ??= card.id;
        await page.getByRole("button", { name: "Пропустить" }).click();
      }
      await nextCard(page, card.id);
    }
    await page.getByTestId("toast").first().waitFor();
  });

  test("the history shows «Отправлен» for the normal one and the hh.ru-only reason for the test", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "История" }).click();
    const sent = await historyRow(page, applied.normal);
    await sent.and(page.locator('[data-status="success"]')).waitFor({ timeout: 20_000 });
    assert.match(await sent.getByTestId("application-status").innerText(), /Отправлен/);
    const failed = await historyRow(page, applied.test);
    await failed.and(page.locator('[data-status="failed"]')).waitFor({ timeout: 20_000 });
    assert.equal((await failed.getByTestId("application-reason").innerText()).trim(), TEST_REQUIRED);
    await failed.getByRole("link", { name: "Откликнуться на hh.ru" }).waitFor();
    await shot(page, "05-history");
  });

  test("a refused application can be sent again from the history", async () => {
    const { page } = browser;
    await app.control("/faults", {
      count: 1,
      status: 403,
      method: "POST",
      path_prefix: "/negotiations",
      body: { errors: [{ type: "negotiations", value: "application_denied" }] },
    });
    await page.getByRole("link", { name: "Вакансии", exact: true }).click();
    let card = await topCard(page);
    while (card.hasTest) {
      // A test-required vacancy would fail again for its own reason.
      await page.getByRole("button", { name: "Пропустить" }).click();
      await nextCard(page, card.id);
      card = await topCard(page);
    }
    await page.getByRole("button", { name: "Откликнуться" }).click();
    await nextCard(page, card.id);
    await page.getByRole("link", { name: "История", exact: true }).click();
    const row = historyRow(page, card.id);
    await row.and(page.locator('[data-status="failed"]')).waitFor({ timeout: 20_000 });
    assert.match(await row.getByTestId("application-reason").innerText(), /hh\.ru не разрешил отклик/);
    await row.getByRole("button", { name: "Отправить снова" }).click();
    await row.and(page.locator('[data-status="success"]')).waitFor({ timeout: 20_000 });
    applied.retried = card.id;
  });

  test("a skipped card never comes back after a reload", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Вакансии" }).click();
    await page.reload();
    const seen = [];
    for (let i = 0; i < 5; i++) {
      const card = await topCard(page);
      seen.push(card.id);
      await page.getByRole("button", { name: "Пропустить" }).click();
      await nextCard(page, card.id);
    }
    for (const id of Object.values(applied)) assert.ok(!seen.includes(id), `vacancy ${id} came back`);
  });

  test("when hh.ru closes its API to the app, the profile says so in plain words", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Профиль" }).click();
    await app.control("/config", { closed: true });
    try {
      await page.getByRole("button", { name: /Обновить резюме из hh\.ru/ }).click();
      await page.getByTestId("sync-status").getByText(/hh\.ru не разрешает этому приложению/).waitFor({ timeout: 15_000 });
      // The cached resumes stay.
      assert.equal(await page.locator('input[type="radio"][name="resume"]').count(), 3);
      await shot(page, "06-hh-closed");
    } finally {
      await app.control("/config", { closed: false });
    }
  });

  test("logs out: the app asks to log in again", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Профиль" }).click();
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("link", { name: "Войти через hh.ru" }).first().waitFor();
    const me = await page.evaluate(() => fetch("/api/me").then((r) => r.status));
    assert.equal(me, 401);
  });
});
