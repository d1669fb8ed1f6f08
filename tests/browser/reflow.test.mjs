// Reflow (WCAG 1.4.10) and zoom: every page in both languages reads without sideways scrolling at 640 px
// (a 1280 px window at 200% zoom) and at 320 px (400% zoom). Wide tables may scroll inside their own
// region; the page itself may not.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sitemapPaths, useSite } from "./harness.mjs";

const site = useSite();

/** How far the page scrolls sideways, and the element that reaches furthest right outside any scroller. */
function overflow() {
  const width = window.innerWidth;
  const result = { scrollWidth: document.documentElement.scrollWidth, width, widest: null };
  if (result.scrollWidth <= width) return result;
  // An element inside a region that scrolls or clips (a table's .table-wrap) cannot widen the page.
  const clipped = (e) => {
    for (let p = e.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      if (p !== document.body && getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  let widest = null;
  let right = width;
  // The last of the elements reaching furthest is the innermost: the one to fix.
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect().right + window.scrollX;
    if (r >= right && r > width && !clipped(e)) {
      right = r;
      widest = e;
    }
  }
  if (widest) {
    const name = widest.tagName.toLowerCase() + (widest.id ? `#${widest.id}` : "") + [...widest.classList].map((c) => `.${c}`).join("");
    result.widest = `${name} reaching ${Math.round(right)}px: "${widest.textContent.replace(/\s+/g, " ").trim().slice(0, 60)}"`;
  }
  return result;
}

for (const viewport of [
  { width: 640, height: 800, why: "200% zoom" },
  { width: 320, height: 640, why: "400% zoom" },
]) {
  test(`every page in both languages reflows at ${viewport.width} px (${viewport.why}) with no sideways scrolling`, async () => {
    const paths = [...sitemapPaths(site.out), "/", "/en/404.html", "/es/404.html"];
    assert.ok(paths.filter((p) => p.startsWith("/en/")).length > 25 && paths.filter((p) => p.startsWith("/es/")).length > 25);
    const context = await site.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    const problems = [];
    for (const path of paths) {
      await page.goto(site.origin + path, { waitUntil: "load" });
      // The widgets draw their forms once their WebAssembly has loaded.
      if (await page.locator(".calc[data-widget]").count()) await page.locator(".calc-app").waitFor();
      if (await page.locator(".guide[data-glue]").count()) await page.locator("form.guide-question").waitFor();
      const o = await page.evaluate(overflow);
      if (o.scrollWidth > o.width) problems.push(`${path}: ${o.scrollWidth}px wide in a ${o.width}px window; widest: ${o.widest}`);
    }
    console.log(`reflow at ${viewport.width}px: ${paths.length} pages checked, ${problems.length} scroll sideways`);
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test("the calculator's result and the search page's results reflow at 320 px too", async () => {
  const context = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const problems = [];
  for (const lang of ["en", "es"]) {
    await page.goto(site.origin + (lang === "en" ? "/en/unlawful-presence/calculator/" : "/es/presencia-ilegal/calculadora/"));
    await page.locator(".calc-app").waitFor();
    // Two stays, the second with an event: the longest result the form gives.
    await page.locator("#calc-as-of").fill("2026-11-23");
    const stay = (i) => page.locator(".calc-stay").nth(i);
    await stay(0).locator("[data-name=entry_date]").fill("2019-03-10");
    await stay(0).locator("[data-name=entry]").selectOption("without_inspection");
    await stay(0).locator("[data-name=departure]").selectOption("ordinary");
    await stay(0).locator("[data-name=departure_date]").fill("2021-05-01");
    await page.locator(".calc-add-stay").click();
    await stay(1).locator("[data-name=entry_date]").fill("2021-08-01");
    await stay(1).locator("[data-name=entry]").selectOption("admitted");
    await stay(1).locator("[data-name=authorized_until]").fill("2021-12-31");
    await stay(1).locator(".calc-add-event").click();
    await stay(1).locator("[data-name=date]").fill("2021-12-01");
    await stay(1).locator("[data-name=decision]").selectOption("denied");
    await stay(1).locator("[data-name=decision_date]").fill("2022-10-15");
    await page.locator(".calc-submit").click();
    await page.locator(".calc-result").waitFor();
    let o = await page.evaluate(overflow);
    if (o.scrollWidth > o.width) problems.push(`${lang} calculator result: ${o.scrollWidth}px wide; widest: ${o.widest}`);

    await page.goto(`${site.origin}/${lang}/search/`);
    await page.locator("#search-input").fill("parole");
    await page.waitForFunction(() => document.querySelector(".search-page").dataset.shown === "parole");
    await page.locator(".search-result mark").first().waitFor();
    o = await page.evaluate(overflow);
    if (o.scrollWidth > o.width) problems.push(`${lang} search results: ${o.scrollWidth}px wide; widest: ${o.widest}`);
  }
  await context.close();
  assert.deepEqual(problems, []);
});
