// The search box in the header, in both languages, and the A–Z index it falls back to without JavaScript.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, openPage, useSite } from "./harness.mjs";

const site = useSite();

/** Types `query` into the search box and waits for results. */
async function search(page, query) {
  await page.locator("#site-search-input").fill(query);
  await page.waitForFunction((q) => document.querySelector(".search-form").dataset.shown === q, query);
}

for (const [lang, query, opens, heading] of [
  ["en", "travel with advance parole", "/en/travel/advance-parole/", null],
  ["en", "I 131", "/en/help/forms/", "form-i-131"],
  ["es", "cuánto cuesta el parole", "/es/ayuda/preguntas-frecuentes/", "cuanto-cuesta-el-parole"],
  ["es", "tramite", null, null],
]) {
  test(`${lang}: "${query}" finds its page, highlighted, accessible and private`, async () => {
    const context = await site.browser.newContext();
    const { page, foreign, errors } = await openPage(context, site.origin);
    await page.goto(`${site.origin}/${lang}/`);
    await search(page, query);
    const results = page.locator(".search-result");
    assert.ok((await results.count()) > 0, "results");
    assert.equal(await page.locator("#site-search-input").getAttribute("aria-expanded"), "true");
    assert.match(await page.locator(".search-status").textContent(), lang === "en" ? /^\d+ results?$/ : /^\d+ resultados?$/);
    // Excerpts arrive from the page's fragment file, with the matched words marked.
    await page.locator(".search-result mark").first().waitFor();
    assert.deepEqual(await axeViolations(page), [], "with the results open");
    if (opens) {
      await results.first().click();
      await page.waitForURL((u) => u.pathname === opens);
      if (heading) assert.equal(new URL(page.url()).hash, `#${heading}`);
    }
    assert.deepEqual(foreign, [], "no request leaves the site");
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]), [0, 0, ""]);
    await context.close();
  });
}

test("the keyboard: / focuses the box, arrows move through results, Enter opens, Escape closes", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await openPage(context, site.origin);
  await page.goto(`${site.origin}/en/parole/`);
  await page.locator("main").click();
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "site-search-input");
  await page.keyboard.type("work permit");
  await page.waitForFunction(() => document.querySelector(".search-form").dataset.shown === "work permit");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const input = page.locator("#site-search-input");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-result-1");
  assert.equal(await page.locator("#search-result-1").getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowUp");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-result-0");
  await page.keyboard.press("Escape");
  assert.equal(await page.locator(".search-panel").isHidden(), true);
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  await page.keyboard.press("ArrowDown");
  const first = await page.locator("#search-result-0").getAttribute("data-url");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname + u.hash === first);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a query answers in under 10 ms on this site", async () => {
  const context = await site.browser.newContext();
  const { page } = await openPage(context, site.origin);
  await page.goto(`${site.origin}/es/`);
  await search(page, "parole");
  const times = [];
  for (const q of ["permiso de regreso", "cuanto cuesta", "i131", "patrocinador", "presencia ilegal", "ninos", "trabajo", "ucrania", "castigo de 10 anos", "parol"]) {
    await search(page, q);
    times.push(Number(await page.locator(".search-form").getAttribute("data-query-ms")));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`search query time in the browser: median ${median} ms, max ${times.at(-1)} ms over ${times.length} queries`);
  assert.ok(median < 10, `median ${median} ms`);
  await context.close();
});

test("nothing found says so, in the reader's language", async () => {
  const context = await site.browser.newContext();
  const { page } = await openPage(context, site.origin);
  await page.goto(`${site.origin}/es/`);
  await search(page, "zzzz");
  assert.equal(await page.locator(".search-message").textContent(), "No encontramos nada para «zzzz». Pruebe con otras palabras o consulte el índice de la A a la Z.");
  assert.equal(await page.locator(".search-status").textContent(), await page.locator(".search-message").textContent());
  await context.close();
});

test("without JavaScript the header links to the A–Z index, which lists pages and glossary terms", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.origin}/es/parole/`);
  assert.equal(await page.locator(".search-form").isHidden(), true);
  await page.locator(".az-link").click();
  await page.waitForURL((u) => u.pathname === "/es/a-z/");
  assert.equal(await page.locator("h1").textContent(), "Índice de la A a la Z");
  assert.ok((await page.locator(".az-list a").count()) > 31, "every page and more");
  assert.ok((await page.locator(".az-tag").count()) > 10, "glossary terms");
  await page.locator(".az-letters a", { hasText: "P" }).click();
  assert.equal(new URL(page.url()).hash, "#letter-p");
  await context.close();
  // axe-core needs JavaScript to run; the A–Z page is the same with it.
  const withScripts = await site.browser.newContext();
  const checked = await withScripts.newPage();
  await checked.goto(`${site.origin}/es/a-z/`);
  assert.deepEqual(await axeViolations(checked), []);
  await withScripts.close();
});
