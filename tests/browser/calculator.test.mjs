// The unlawful-presence calculator as a reader uses it, in English and in Spanish.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, openPage, useSite } from "./harness.mjs";

const site = useSite();
const PAGES = { en: "/en/unlawful-presence/calculator/", es: "/es/presencia-ilegal/calculadora/" };

/** Fills the first stay's fields; `events` are added with the "add" button. */
async function fillStay(page, index, stay) {
  const fs = page.locator(".calc-stay").nth(index);
  await fs.locator("[data-name=entry_date]").fill(stay.entry_date);
  await fs.locator("[data-name=entry]").selectOption(stay.entry);
  if (stay.authorized_until) await fs.locator("[data-name=authorized_until]").fill(stay.authorized_until);
  for (const [j, event] of (stay.events || []).entries()) {
    await fs.locator(".calc-add-event").click();
    const ev = fs.locator(".calc-event").nth(j);
    await ev.locator("[data-name=type]").selectOption(event.type);
    await fs.locator("[data-name=entry]").dispatchEvent("change");
    if (event.date) await ev.locator("[data-name=date]").fill(event.date);
    if (event.decision) {
      await ev.locator("[data-name=decision]").selectOption(event.decision);
      await ev.locator("[data-name=decision]").dispatchEvent("change");
    }
    if (event.decision_date) await ev.locator("[data-name=decision_date]").fill(event.decision_date);
  }
  if (stay.departure) {
    await fs.locator("[data-name=departure]").selectOption(stay.departure);
    await fs.locator("[data-name=departure_date]").fill(stay.departure_date);
  }
}

async function calculate(lang, facts) {
  const context = await site.browser.newContext();
  const { page, foreign, errors } = await openPage(context, site.origin);
  await page.goto(site.origin + PAGES[lang]);
  await page.locator(".calc-app").waitFor({ state: "visible" });
  if (facts.date_of_birth) await page.locator("#calc-dob").fill(facts.date_of_birth);
  await page.locator("#calc-as-of").fill("2026-11-23");
  for (const [i, stay] of facts.stays.entries()) {
    if (i > 0) await page.locator(".calc-add-stay").click();
    await fillStay(page, i, stay);
  }
  await page.locator(".calc-submit").click();
  await page.locator(".calc-result").waitFor({ state: "visible" });
  const focused = await page.evaluate(() => document.activeElement.classList.contains("calc-result"));
  const text = await page.locator(".calc-result-body").innerText();
  const violations = await axeViolations(page);
  await context.close();
  return { text, focused, violations, foreign, errors };
}

const EXAMPLE_2 = { stays: [{ entry_date: "2024-12-01", entry: "admitted", authorized_until: "2025-01-15", departure: "ordinary", departure_date: "2025-07-15" }] };
const EXAMPLE_8 = { stays: [
  { entry_date: "2019-03-10", entry: "without_inspection", departure: "ordinary", departure_date: "2021-05-01" },
  { entry_date: "2021-08-01", entry: "without_inspection" },
] };
const EXAMPLE_11 = { stays: [{ entry_date: "2023-12-01", entry: "admitted", authorized_until: "2024-05-31",
  events: [{ type: "extension_or_change_filed", date: "2024-05-15", decision: "denied", decision_date: "2025-02-10" }],
  departure: "ordinary", departure_date: "2025-08-20" }] };

const CASES = [
  ["en", EXAMPLE_2, ["Days of unlawful presence: 181", "This departure started a 3-year bar. It is over on July 16, 2028."]],
  ["es", EXAMPLE_2, ["181", "16 de julio de 2028"]],
  ["en", EXAMPLE_8, ["Days of unlawful presence: 784", "This departure started a 10-year bar. It is over on May 2, 2031.", "212(a)(9)(C)"]],
  ["es", EXAMPLE_8, ["784", "2 de mayo de 2031", "212(a)(9)(C)"]],
  ["en", EXAMPLE_11, ["Days of unlawful presence: 191", "This departure started a 3-year bar. It is over on August 21, 2028."]],
  ["es", EXAMPLE_11, ["191", "21 de agosto de 2028"]],
];

for (const [lang, facts, expected] of CASES) {
  test(`${lang}: ${expected[0]} … computed in the browser, accessible, private`, async () => {
    const r = await calculate(lang, facts);
    for (const e of expected) assert.ok(r.text.includes(e), `missing "${e}" in:\n${r.text}`);
    assert.ok(r.focused, "focus moves to the result");
    assert.deepEqual(r.violations, []);
    assert.deepEqual(r.foreign, []);
    assert.deepEqual(r.errors, []);
  });
}

test("a departure before the entry is reported next to the field, in Spanish", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.origin + PAGES.es);
  await fillStay(page, 0, { entry_date: "2025-01-01", entry: "without_inspection", departure: "ordinary", departure_date: "2024-01-01" });
  await page.locator(".calc-submit").click();
  const error = page.locator(".calc-stay [data-name=departure_date]").locator("xpath=..").locator(".field-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.innerText(), /\S/);
  assert.equal(await page.locator(".calc-stay [data-name=departure_date]").getAttribute("aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("calc-error-summary")), true);
  await context.close();
});

test("clear forgets every answer, and nothing is stored in the browser", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.origin + PAGES.en);
  await fillStay(page, 0, EXAMPLE_2.stays[0]);
  await page.locator(".calc-submit").click();
  await page.locator(".calc-result").waitFor({ state: "visible" });
  await page.locator(".calc-clear").click();
  assert.equal(await page.locator(".calc-result").isHidden(), true);
  assert.equal(await page.locator(".calc-stay [data-name=entry_date]").inputValue(), "");
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length);
  assert.equal(stored, 0);
  await context.close();
});

test("without JavaScript the worked examples and the worksheet are there, and the form is not", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.origin + PAGES.en);
  assert.equal(await page.locator(".calc-app").isHidden(), true);
  assert.ok((await page.locator(".calc-examples tbody tr").count()) >= 6);
  assert.match(await page.locator(".calc-examples").innerText(), /This departure started a 3-year bar\. It is over on July 16, 2028\./);
  assert.equal(await page.locator(".calc-worksheet").isVisible(), true);
  assert.equal(await page.locator(".calc-nojs").isVisible(), true);
  await context.close();
});
