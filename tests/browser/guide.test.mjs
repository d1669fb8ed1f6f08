// The eligibility guide as plain links: it must work with JavaScript switched off, in both languages.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repo, useSite } from "./harness.mjs";

const site = useSite();

// Scenarios from the editors' tests file: the answers, in order, are followed by clicking links.
const flow = readFileSync(join(repo, "content/flows/eligibility.yaml"), "utf8");
const scenarios = readFileSync(join(repo, "content/flows/eligibility.tests.yaml"), "utf8");

/** The answer texts of a question, per language, read from the flow file. */
function answerText(question, answer, lang) {
  const start = flow.indexOf(`\n  ${question}:`);
  const at = flow.indexOf(`id: ${answer}`, start) >= 0 ? flow.indexOf(`id: ${answer}`, start) : flow.indexOf(`id: "${answer}"`, start);
  const block = flow.slice(at, flow.indexOf("next:", at));
  const match = block.match(new RegExp(`${lang}: (?:"([^"]+)"|([^,}\\n]+))`));
  return (match[1] || match[2]).trim();
}

/** The first three scenarios of the tests file, as [name, [[question, answer]…], outcome]. */
function firstScenarios(n) {
  const list = [];
  for (const part of scenarios.split("\n  - name:").slice(1, n + 1)) {
    const answers = [...part.matchAll(/^\s{6}(\w+): "?([\w]+)"?$/gm)].map((m) => [m[1], m[2]]);
    const inline = part.match(/answers: \{([^}]*)\}/);
    const pairs = inline ? inline[1].split(",").map((kv) => kv.split(":").map((x) => x.trim().replace(/"/g, ""))) : answers;
    list.push([part.split("\n")[0].trim(), pairs, part.match(/outcome: (\w+)/)[1]]);
  }
  return list;
}

for (const lang of ["en", "es"]) {
  for (const [name, answers, outcome] of firstScenarios(3)) {
    test(`${lang}, without JavaScript: ${name}`, async () => {
      const context = await site.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(site.origin + (lang === "en" ? "/en/guide/" : "/es/guia/"));
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
