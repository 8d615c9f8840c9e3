// On a phone, with a finger: the deck fits, drags, filters, and a revoked login asks to reconnect.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loginThroughConsent, nextCard, PHONE, shot, useApp, useBrowser } from "./harness.mjs";

const ANNA = "Анна Смирнова";

const app = useApp();

describe("a job seeker on a phone, with a finger", () => {
  const browser = useBrowser({ viewport: PHONE, hasTouch: true });

  test("logs in, and the deck fits the screen with both buttons in reach", async () => {
    const { page } = browser;
    await loginThroughConsent(page, app.appUrl, "Иван Петров");
    await page.getByRole("radio", { name: /Аналитик данных/ }).waitFor({ timeout: 15_000 });
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/hh/resumes/select") && r.ok()),
      page.getByRole("radio", { name: /Аналитик данных/ }).tap(),
    ]);
    await shot(page, "10-phone-profile");
    await page.getByRole("link", { name: "Вакансии" }).tap();
    const card = page.getByTestId("vacancy-card");
    await card.waitFor();
    for (const name of ["Пропустить", "Откликнуться"]) {
      const box = await page.getByRole("button", { name }).boundingBox();
      assert.ok(box && box.y + box.height <= PHONE.height && box.x >= 0 && box.x + box.width <= PHONE.width, `${name} is on screen`);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no horizontal scroll (${width}px)`);
    await shot(page, "11-phone-deck");
  });

  test("drags a card left past the threshold to skip it, and a short drag springs back", async () => {
    const { page } = browser;
    const card = page.getByTestId("vacancy-card");
    const first = await card.getAttribute("data-vacancy-id");
    const box = await card.boundingBox();
    const y = box.y + box.height / 2;
    const drag = async (dx) => {
      await page.mouse.move(box.x + box.width / 2, y);
      await page.mouse.down();
      for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + box.width / 2 + (dx * step) / 8, y);
      await page.mouse.up();
    };
    await drag(-30);
    await page.waitForTimeout(400);
    assert.equal(await card.getAttribute("data-vacancy-id"), first, "a short drag keeps the card");
    await drag(-box.width * 0.6);
    await nextCard(page, first);
    const swipes = await page.evaluate(() => fetch("/api/applications").then((r) => r.json()));
    assert.ok(!swipes.applications.some((a) => a.vacancy_id === first), "skipping does not apply");
  });
});

describe("a job seeker filtering the deck", () => {
  const browser = useBrowser({ viewport: PHONE, hasTouch: true });

  test("picks a region in the filters panel and gets only that region's cards", async () => {
    const { page } = browser;
    await loginThroughConsent(page, app.appUrl, ANNA);
    const radio = page.getByRole("radio", { name: /Frontend-разработчик/ });
    await radio.waitFor({ timeout: 15_000 });
    if (!(await radio.isChecked())) {
      await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/hh/resumes/select")), radio.check()]);
    }
    await page.getByRole("link", { name: "Вакансии", exact: true }).tap();
    await page.getByTestId("vacancy-card").waitFor();
    await page.getByRole("button", { name: /Фильтры/ }).tap();
    await page.getByLabel("Санкт-Петербург").check();
    await shot(page, "13-phone-filters");
    await page.getByRole("button", { name: "Применить" }).tap();
    await page.getByRole("button", { name: "Фильтры (1)" }).waitFor();
    for (let i = 0; i < 3; i++) {
      const card = page.getByTestId("vacancy-card");
      await card.waitFor();
      assert.match(await card.innerText(), /Санкт-Петербург/);
      const id = await card.getAttribute("data-vacancy-id");
      await page.getByRole("button", { name: "Пропустить" }).tap();
      await nextCard(page, id);
    }
  });
});

describe("a job seeker whose hh.ru access was revoked", () => {
  const browser = useBrowser({ viewport: PHONE, hasTouch: true });

  test("is asked to reconnect hh.ru, and reconnecting brings the resumes back", async () => {
    const { page } = browser;
    await loginThroughConsent(page, app.appUrl, "Иван Петров");
    await page.getByRole("radio", { name: /Аналитик данных/ }).waitFor({ timeout: 15_000 });
    const { users } = await app.control("");
    await app.control(`/users/${users.ivan.id}/revoke`, {});
    await page.getByRole("button", { name: /Обновить резюме из hh\.ru/ }).tap();
    const reconnect = page.getByRole("link", { name: "Переподключить hh.ru" });
    await reconnect.first().waitFor({ timeout: 15_000 });
    await shot(page, "12-phone-reconnect");
    await reconnect.first().tap();
    await page.getByRole("button", { name: "Войти как Иван Петров" }).tap();
    await page.waitForURL(`${app.appUrl}/profile`);
    await page.getByRole("radio", { name: /Аналитик данных/ }).waitFor({ timeout: 15_000 });
    assert.equal(await reconnect.count(), 0);
  });
});
