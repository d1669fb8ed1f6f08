// The search page, in both languages, reached from every page's header, and the A–Z index it falls back
// to without JavaScript.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, openPage, useSite } from "./harness.mjs";

const site = useSite();

/** Types `query` into the search page's box and waits for its results. */
async function search(page, query) {
  await page.locator("#search-input").fill(query);
  await page.waitForFunction((q) => document.querySelector(".search-page").dataset.shown === q, query);
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
    await page.locator(".search-link").click();
    await page.waitForURL((u) => u.pathname === `/${lang}/search/`);
    await search(page, query);
    const results = page.locator(".search-result a");
    assert.ok((await results.count()) > 0, "results");
    assert.match(await page.locator(".search-status").textContent(), lang === "en" ? /^\d+ results?$/ : /^\d+ resultados?$/);
    // The query is kept in the #fragment only, which is never sent to a server.
    assert.equal(new URL(page.url()).hash, `#q=${encodeURIComponent(query)}`);
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

test("the keyboard: the header's Search link, the box focused, Enter to the first result, Back keeps the query", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await openPage(context, site.origin);
  await page.goto(`${site.origin}/en/parole/`);
  // Tab from the top of the page: skip link, site title, then Search.
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "search-link");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === "/en/search/");
  await page.waitForFunction(() => document.activeElement?.id === "search-input");
  await page.keyboard.type("work permit");
  await page.waitForFunction(() => document.querySelector(".search-page").dataset.shown === "work permit");
  await page.keyboard.press("Enter");
  const first = page.locator(".search-result a").first();
  assert.equal(await first.evaluate((a) => a === document.activeElement), true);
  const target = await first.getAttribute("href");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.closest(".search-results") !== null), true, "Tab goes on through the results");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname + u.hash === target);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector(".search-page").dataset.shown === "work permit");
  assert.equal(await page.locator("#search-input").inputValue(), "work permit");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a query answers in under 10 ms on this site", async () => {
  const context = await site.browser.newContext();
  const { page } = await openPage(context, site.origin);
  await page.goto(`${site.origin}/es/search/`);
  await search(page, "parole");
  const times = [];
  for (const q of ["permiso de regreso", "cuanto cuesta", "i131", "patrocinador", "presencia ilegal", "ninos", "trabajo", "ucrania", "castigo de 10 anos", "parol"]) {
    await search(page, q);
    times.push(Number(await page.locator(".search-page").getAttribute("data-query-ms")));
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
  await page.goto(`${site.origin}/es/search/`);
  await search(page, "zzzz");
  assert.equal(await page.locator(".search-status").textContent(), "No encontramos nada para «zzzz». Pruebe con otras palabras o consulte el índice de la A a la Z.");
  assert.equal(await page.locator(".search-result").count(), 0);
  await context.close();
});

test("without JavaScript the search page points to the A–Z index, which lists pages and glossary terms", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.origin}/es/parole/`);
  await page.locator(".search-link").click();
  await page.waitForURL((u) => u.pathname === "/es/search/");
  assert.equal(await page.locator(".search-form").isHidden(), true);
  await page.locator(".search-fallback a").click();
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
