// The eligibility guide: one question at a time in the page (WebAssembly), and as plain links with
// JavaScript switched off, in both languages.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { answerText, axeViolations, openPage, repo, useSite } from "./harness.mjs";

const site = useSite();

// Scenarios from the editors' tests file: the answers, in order, are followed by clicking links.
const scenarios = readFileSync(join(repo, "content/flows/eligibility.tests.yaml"), "utf8");

/** Every scenario of the tests file, as [name, [[question, answer]…], outcome]. */
function allScenarios() {
  const list = [];
  for (const part of scenarios.split("\n  - name:").slice(1)) {
    const answers = [...part.matchAll(/^\s{6}(\w+): "?([\w]+)"?$/gm)].map((m) => [m[1], m[2]]);
    const inline = part.match(/answers: \{([^}]*)\}/);
    const pairs = inline ? inline[1].split(",").map((kv) => kv.split(":").map((x) => x.trim().replace(/"/g, ""))) : answers;
    list.push([part.split("\n")[0].trim(), pairs, part.match(/outcome: (\w+)/)[1]]);
  }
  return list;
}

const everyScenario = allScenarios();
const firstScenarios = (n) => everyScenario.slice(0, n);
/** The three longest paths, each ending at a different outcome: they cross the most questions and rules. */
function longestScenarios(n) {
  const picked = [];
  for (const s of [...everyScenario].sort((a, b) => b[1].length - a[1].length)) {
    if (!picked.some((p) => p[2] === s[2])) picked.push(s);
    if (picked.length === n) break;
  }
  return picked;
}

const GUIDE = { en: "/en/guide/", es: "/es/guia/" };

for (const lang of ["en", "es"]) {
  for (const [name, answers, outcome] of firstScenarios(3)) {
    test(`${lang}, without JavaScript: ${name}`, async () => {
      const context = await site.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(site.origin + GUIDE[lang]);
      for (const [question, answer] of answers) {
        const text = answerText(question, answer, lang);
        await page.locator("a.guide-answer", { hasText: text }).first().click();
      }
      // An outcome: what to read next, the answers given with links to change them.
      const reached = page.locator(`.guide-outcome[aria-labelledby="guide-outcome-${outcome}"]`);
      assert.equal(await reached.count(), 1, `not at outcome ${outcome} after ${JSON.stringify(answers)}`);
      assert.equal(await page.locator(".guide-answered dt").count(), answers.length);
      const change = page.locator(".guide-answered a").first();
      await change.click();
      assert.equal(await page.locator(".guide-question").count(), 1, "Change leads back to the first question");
      await context.close();
    });
  }
}

for (const lang of ["en", "es"]) {
  for (const [name, answers, outcome] of longestScenarios(3)) {
    test(`${lang}, interactive: ${name}`, async () => {
      const context = await site.browser.newContext();
      const { page, foreign, errors } = await openPage(context, site.origin);
      await page.goto(site.origin + GUIDE[lang]);
      await page.locator(".guide-interactive form.guide-question").waitFor();
      assert.deepEqual(await axeViolations(page), [], "the first question");
      // The scenario gives the answer to each question on its path; the guide decides the order.
      const given = new Map(answers);
      for (let n = 0; n < answers.length; n++) {
        const form = page.locator("form.guide-question");
        const question = await form.getAttribute("data-question");
        assert.ok(given.has(question), `question ${n + 1} is ${question}, which the scenario does not answer`);
        // The progress says which question this is; focus is on the question itself (after the first).
        assert.match(await form.locator(".guide-progress").textContent(), new RegExp(`\\b${n + 1}\\b`));
        if (n > 0) assert.equal(await page.evaluate(() => document.activeElement.className), "guide-heading");
        await form.getByLabel(answerText(question, given.get(question), lang), { exact: true }).check();
        await form.locator("button[type=submit]").click();
      }
      const reached = page.locator(`.guide-outcome[data-outcome="${outcome}"]`);
      await reached.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.id), `guide-outcome-${outcome}`, "focus on the result");
      await page.waitForFunction(() => document.querySelector(".guide [role=status]").textContent !== "");
      assert.match(await page.locator(".guide [role=status]").textContent(), lang === "en" ? /^Your result: / : /^Su resultado: /);
      assert.equal(await page.locator(".guide-answered dt").count(), answers.length, "a summary of every answer");
      assert.deepEqual(await axeViolations(page), [], "the result");
      // The address is the result's own page, which a reload opens with the same answers (without the
      // script); nothing is stored, no request goes elsewhere, no errors.
      const address = new URL(page.url()).pathname;
      assert.ok(address.startsWith(GUIDE[lang]) && address !== GUIDE[lang], address);
      assert.deepEqual(
        await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
        [0, 0, ""],
      );
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
      await page.reload();
      assert.equal(await page.locator(`.guide-outcome[aria-labelledby="guide-outcome-${outcome}"]`).count(), 1, "a reload keeps the result");
      assert.equal(await page.locator(".guide-answered dt").count(), answers.length, "and every answer");
      await context.close();
    });
  }
}

test("interactive: an answer is required, Back keeps the answer, Change and Start again go back", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await openPage(context, site.origin);
  await page.goto(site.origin + GUIDE.es);
  const form = page.locator("form.guide-question");
  await form.waitFor();
  // Continuing without an answer says why, next to the answers, and puts focus on the first one.
  await form.locator("button[type=submit]").click();
  assert.equal(await page.locator("#guide-error").textContent(), "Error: Elija una respuesta para continuar.");
  assert.equal(await page.evaluate(() => document.activeElement.id), "guide-answer-0");
  assert.match(await page.locator("fieldset.guide-fieldset").getAttribute("aria-describedby"), /guide-error/);

  await form.getByLabel(answerText("where", "inside", "es"), { exact: true }).check();
  await form.locator("button[type=submit]").click();
  await page.locator('form[data-question="removal"]').waitFor();
  await page.getByRole("button", { name: "Volver a la pregunta anterior" }).click();
  await page.locator('form[data-question="where"]').waitFor();
  assert.equal(await page.getByLabel(answerText("where", "inside", "es"), { exact: true }).isChecked(), true);

  await page.locator("form.guide-question button[type=submit]").click();
  await page.getByLabel(answerText("removal", "yes", "es"), { exact: true }).check();
  await page.locator("form.guide-question button[type=submit]").click();
  await page.locator('.guide-outcome[data-outcome="removal_inside"]').waitFor();
  // Change the first answer: back at the first question, with the summary gone.
  await page.locator(".guide-change").first().click();
  await page.locator('form[data-question="where"]').waitFor();
  assert.equal(await page.locator(".guide-answered").count(), 0);
  await page.getByLabel(answerText("where", "abroad", "es"), { exact: true }).check();
  await page.locator("form.guide-question button[type=submit]").click();
  await page.getByRole("button", { name: "Empezar de nuevo" }).click();
  await page.locator('form[data-question="where"]').waitFor();
  assert.equal(await page.getByLabel(answerText("where", "abroad", "es"), { exact: true }).isChecked(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("interactive: the keyboard alone reaches a result", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await openPage(context, site.origin);
  await page.goto(site.origin + GUIDE.en);
  await page.locator("form.guide-question").waitFor();
  await page.locator("#guide-answer-0").focus();
  // Radios: Space selects the focused answer; Enter submits the form.
  for (let i = 0; i < 8 && (await page.locator(".guide-outcome").count()) === 0; i++) {
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement.classList.contains("guide-heading"));
    if ((await page.locator(".guide-outcome").count()) === 0) {
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.type), "radio");
    }
  }
  assert.equal(await page.locator(".guide-outcome").count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
