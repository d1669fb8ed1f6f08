// prefers-reduced-motion: with the reader's system asking for less motion, nothing on the pages with
// widgets moves: no transition, no animation, no smooth scrolling, in both languages.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repo, useSite } from "./harness.mjs";

const site = useSite();

const PAGES = [
  "/en/", "/es/",
  "/en/unlawful-presence/calculator/", "/es/presencia-ilegal/calculadora/",
  "/en/guide/", "/es/guia/",
  "/en/search/", "/es/search/",
];

/** Opens `path` with its widget drawn (and, on the search page, results). */
async function open(page, path) {
  await page.goto(site.origin + path, { waitUntil: "load" });
  if (path.includes("calcul")) await page.locator(".calc-app").waitFor();
  if (/guide|guia/.test(path)) await page.locator("form.guide-question").waitFor();
  if (path.includes("search")) {
    // With results shown.
    await page.locator("#search-input").fill("parole");
    await page.locator(".search-result mark").first().waitFor();
  }
}

/** Every element and ::before/::after box that would move: [checked, [what moves…]]. */
function motion() {
  const seconds = (list) => Math.max(...list.split(",").map((d) => parseFloat(d) * (d.trim().endsWith("ms") ? 0.001 : 1)));
  const moving = [];
  let checked = 0;
  for (const e of [document.documentElement, ...document.querySelectorAll("html *")]) {
    for (const pseudo of [null, "::before", "::after"]) {
      const s = getComputedStyle(e, pseudo);
      if (pseudo && (s.content === "none" || s.content === "normal")) continue;
      checked++;
      const name = e.tagName.toLowerCase() + [...e.classList].map((c) => `.${c}`).join("") + (pseudo || "");
      if (seconds(s.transitionDuration) > 0) moving.push(`${name}: transition ${s.transitionProperty} ${s.transitionDuration}`);
      if (seconds(s.animationDuration) > 0 && s.animationName !== "none") moving.push(`${name}: animation ${s.animationName} ${s.animationDuration}`);
      if (s.scrollBehavior === "smooth") moving.push(`${name}: scroll-behavior: smooth`);
    }
  }
  return [checked, moving];
}

test("with reduced motion asked for, nothing moves on the home, calculator, guide and search pages", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  const problems = [];
  const counts = [];
  for (const path of PAGES) {
    await open(page, path);
    const [checked, moving] = await page.evaluate(motion);
    assert.ok(checked > 100, `${path}: only ${checked} boxes checked`);
    counts.push(checked);
    for (const m of moving) problems.push(`${path}: ${m}`);
  }
  await context.close();
  console.log(`reduced motion: ${PAGES.length} pages, ${counts.join(", ")} boxes checked`);
  assert.deepEqual(problems, []);
});

test("the check catches motion, and the reduced-motion rule stops even motion a script adds", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await open(page, "/en/unlawful-presence/calculator/");
  // Motion given through the CSSOM (the page's CSP refuses <style> elements and style attributes, not this).
  const addMotion = () => {
    document.querySelector(".calc-submit").style.transition = "background-color 0.3s";
    document.querySelector(".calc-app").style.animation = "none 2s";
    document.querySelector(".calc-app").style.animationName = "calc-fade";
    document.documentElement.style.scrollBehavior = "smooth";
  };
  await page.evaluate(addMotion);
  const [checked, moving] = await page.evaluate(motion);
  assert.ok(checked > 100, `only ${checked} boxes checked`);
  assert.deepEqual(moving, [
    "html: scroll-behavior: smooth",
    "section.calc-app: animation calc-fade 2s",
    "button.button.calc-submit: transition background-color 0.3s",
  ]);
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.deepEqual((await page.evaluate(motion))[1], []);
  await context.close();
});

test("the scripts scroll nothing smoothly and animate nothing", () => {
  const dir = join(repo, "themes/default/static");
  const found = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const source = readFileSync(join(dir, file), "utf8");
    for (const pattern of [/behavior:\s*["']smooth["']/, /\.animate\(/, /requestAnimationFrame/]) {
      if (pattern.test(source)) found.push(`${file}: ${pattern}`);
    }
  }
  assert.deepEqual(found, []);
});
