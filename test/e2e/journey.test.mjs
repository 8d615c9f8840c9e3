// What a person does, in a real Chromium against the real local stack (wrangler dev +
// sandbox hh.ru): log in, pick a resume, refresh, swipe, read the history, log out.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DESKTOP, loginThroughConsent, openBrowser, PHONE, shot, startApp } from "./harness.mjs";

const TEST_REQUIRED = "Вакансия требует тестового задания. Отклик возможен только на hh.ru.";
const ANNA = "Анна Смирнова";

let app;
before(async () => {
  app = await startApp();
});
after(() => app?.stop());

/** The top card: its vacancy id and whether it needs a test. */
async function topCard(page) {
  const card = page.getByTestId("vacancy-card");
  await card.waitFor();
  return {
    id: await card.getAttribute("data-vacancy-id"),
    hasTest: (await card.getByText("Тестовое задание").count()) > 0,
  };
}

/** Waits until the top card is no longer `vacancyId` (it flew off). */
function nextCard(page, vacancyId) {
  return page.waitForFunction(
    (id) => document.querySelector('[data-testid="vacancy-card"]')?.getAttribute("data-vacancy-id") !== id,
    vacancyId,
  );
}

async function historyRow(page, vacancyId) {
  return page.locator(`[data-testid="application-row"][data-vacancy-id="${vacancyId}"]`);
}

describe("a job seeker on a desktop", () => {
  let browser;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
  });
  after(() => browser?.close());

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

describe("a job seeker on a phone, with a finger", () => {
  let browser;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, hasTouch: true });
  });
  after(() => browser?.close());

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
  let browser;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, hasTouch: true });
  });
  after(() => browser?.close());

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
  let browser;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, hasTouch: true });
  });
  after(() => browser?.close());

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

describe("a job seeker with the keyboard only", () => {
  let browser;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
  });
  after(() => browser?.close());

  test("logs in, picks a resume with arrow keys and applies with →", async () => {
    const { page } = browser;
    await page.goto(app.appUrl);
    const login = page.getByRole("link", { name: "Войти через hh.ru" }).first();
    await login.waitFor();
    await login.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Войти как Ольга Новикова" }).waitFor();
    // Olga has no resumes: the empty state tells her where to create one.
    await page.getByRole("button", { name: "Войти как Ольга Новикова" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${app.appUrl}/profile`);
    await page.getByRole("link", { name: "Создать резюме на hh.ru" }).waitFor({ timeout: 15_000 });
    await shot(page, "20-keyboard-empty-profile");

    await page.getByRole("button", { name: "Выйти" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Войти через hh.ru" }).first().focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Войти как Анна Смирнова" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${app.appUrl}/profile`);

    const radios = page.locator('input[type="radio"][name="resume"]');
    await radios.first().waitFor({ timeout: 15_000 });
    const checked = await radios.evaluateAll((els) => els.findIndex((el) => el.checked));
    await radios.nth(Math.max(checked, 0)).focus();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/hh/resumes/select") && r.ok()),
      page.keyboard.press("ArrowDown"),
    ]);
    assert.equal(await radios.nth(Math.max(checked, 0) + 1).isChecked(), true);

    await page.getByRole("link", { name: "Вакансии" }).focus();
    await page.keyboard.press("Enter");
    const card = page.getByTestId("vacancy-card");
    await card.waitFor();
    const first = await card.getAttribute("data-vacancy-id");
    await page.keyboard.press("ArrowLeft");
    await nextCard(page, first);
    const second = await card.getAttribute("data-vacancy-id");
    await page.keyboard.press("ArrowRight");
    await page.getByTestId("toast").first().waitFor();
    await page.getByRole("link", { name: "История" }).focus();
    await page.keyboard.press("Enter");
    await page.locator(`[data-testid="application-row"][data-vacancy-id="${second}"]`).waitFor({ timeout: 20_000 });
    await shot(page, "21-keyboard-history");
  });
});
