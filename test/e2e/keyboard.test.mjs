// With the keyboard only: log in, pick a resume, skip and apply with the arrow keys.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DESKTOP, nextCard, shot, useApp, useBrowser } from "./harness.mjs";

const app = useApp();

describe("a job seeker with the keyboard only", () => {
  const browser = useBrowser({ viewport: DESKTOP });

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
