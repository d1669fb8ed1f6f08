// Keyboard only: on the calculator, the guide's first step and the search page, in both languages, Tab
// goes from the top of the page to the footer's last link and Shift+Tab all the way back, through nothing
// hidden, with a focus indicator on every stop; and the calculator gives a result with the keyboard alone.
// (guide.test.mjs and search.test.mjs walk the guide's questions and a search with the keyboard.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, useSite } from "./harness.mjs";

const site = useSite();
const MAX_STOPS = 200;

const PAGES = [
  ["en", "/en/unlawful-presence/calculator/", ".calc-app"],
  ["es", "/es/presencia-ilegal/calculadora/", ".calc-app"],
  ["en", "/en/guide/", "form.guide-question"],
  ["es", "/es/guia/", "form.guide-question"],
  ["en", "/en/search/", ".search-form"],
  ["es", "/es/search/", ".search-form"],
];

/**
 * What a sighted keyboard user sees of the focused element: where it is, its name, whether it shows on
 * screen, and its focus indicator. Elements are remembered in `window.focusStops`, so that the same
 * element gets the same number going forward and back, and its look without focus can be read later.
 */
function focusStop() {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const stops = (window.focusStops ??= []);
  let n = stops.indexOf(e);
  if (n < 0) n = stops.push(e) - 1;
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const text = (e.textContent || e.value || e.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 40);
  return {
    n,
    // A radio group is one stop: Tab enters it at its first radio, Shift+Tab at its last.
    key: e.type === "radio" ? `radio ${e.name}` : String(n),
    name: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${[...e.classList].map((c) => `.${c}`).join("")} "${text}"`,
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    look: { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow },
    first: e.classList.contains("skip-link"),
    last: e === [...document.querySelectorAll(".site-footer a")].at(-1),
  };
}

/** The look of every remembered element now that none has focus. */
function unfocusedLooks() {
  document.activeElement?.blur();
  return window.focusStops.map((e) => {
    const s = getComputedStyle(e);
    return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow };
  });
}

/** An outline that shows (some style, some width, a colour that is not transparent) or a box shadow. */
function indicator(focused, unfocused) {
  const [style, width, ...color] = focused.outline.split(" ");
  const transparent = /rgba\(.*,\s*0\)$|transparent/.test(color.join(" "));
  const outline = style !== "none" && parseFloat(width) > 0 && !transparent && focused.outline !== unfocused.outline;
  const shadow = focused.boxShadow !== "none" && focused.boxShadow !== unfocused.boxShadow;
  return outline || shadow;
}

/** Presses `key` until `done(stop)` or MAX_STOPS presses; returns the stops, one per press. */
async function walk(page, key, done) {
  const stops = [];
  for (let i = 0; i < MAX_STOPS; i++) {
    await page.keyboard.press(key);
    const stop = await page.evaluate(focusStop);
    stops.push(stop);
    if (stop && done(stop)) return { stops, reached: true };
  }
  return { stops, reached: false };
}

/** Keys in order, a run of presses on one element (the parts of a date field) as one. */
const distinct = (stops) => stops.map((s) => s?.key ?? "body").filter((k, i, all) => k !== all[i - 1]);

for (const [lang, path, ready] of PAGES) {
  // English pages in light mode, Spanish ones in dark mode: the focus indicator must show in both.
  const colorScheme = lang === "en" ? "light" : "dark";
  test(`${lang} ${path}, ${colorScheme} mode: Tab reaches the footer's last link and Shift+Tab comes back, every stop shown and marked`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
    const { page, errors } = await openPage(context, site.origin);
    await page.goto(site.origin + path);
    await page.locator(ready).waitFor();
    // From the top of the page. The search page puts focus in its box: go back up from there.
    let start = await page.evaluate(focusStop);
    if (start) {
      const up = await walk(page, "Shift+Tab", (s) => s.first);
      assert.ok(up.reached, `Shift+Tab from ${start.name} never reached the skip link`);
    } else {
      await page.keyboard.press("Tab");
    }
    start = await page.evaluate(focusStop);
    assert.ok(start?.first, `the first stop is the skip link, not ${start?.name}`);

    const forward = await walk(page, "Tab", (s) => s.last);
    const stops = [start, ...forward.stops];
    const names = stops.map((s) => s?.name ?? "(nothing)");
    assert.ok(forward.reached, `focus did not reach the footer's last link in ${MAX_STOPS} presses; it went:\n${names.join("\n")}`);
    assert.ok(stops.length > 10, `only ${stops.length} stops:\n${names.join("\n")}`);

    const back = await walk(page, "Shift+Tab", (s) => s.first);
    assert.ok(back.reached, `Shift+Tab from the footer did not get back to the skip link in ${MAX_STOPS} presses`);
    const backStops = [stops.at(-1), ...back.stops];
    assert.deepEqual(distinct(backStops), distinct(stops).reverse(), "Shift+Tab goes back through the same stops");

    const unfocused = await page.evaluate(unfocusedLooks);
    const problems = [];
    for (const s of [...stops, ...backStops]) {
      if (!s) problems.push("focus left the page on the way");
      else if (!s.visible) problems.push(`${s.name}: focused but not on screen`);
      else if (!indicator(s.look, unfocused[s.n])) {
        problems.push(`${s.name}: no visible focus indicator (focused ${JSON.stringify(s.look)}, unfocused ${JSON.stringify(unfocused[s.n])})`);
      }
    }
    assert.deepEqual([...new Set(problems)], []);
    assert.deepEqual(errors, []);
    console.log(`${path}: ${distinct(stops).length} focus stops, ${stops.length} Tab presses`);
    await context.close();
  });
}

/** Presses Tab until `selector` has focus (at most 60 presses). */
async function tabTo(page, selector) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((sel) => document.activeElement.matches(sel), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}; focus is on ${(await page.evaluate(focusStop))?.name}`);
}

for (const [lang, path, colorScheme, expected] of [
  ["en", "/en/unlawful-presence/calculator/", "light", ["Days of unlawful presence: 181", "This departure started a 3-year bar. It is over on July 16, 2028."]],
  ["es", "/es/presencia-ilegal/calculadora/", "dark", ["181", "16 de julio de 2028"]],
]) {
  test(`${lang}, ${colorScheme} mode: the calculator with the keyboard alone, its result shown, focused and read out`, async () => {
    const context = await site.browser.newContext({ colorScheme });
    const { page, errors } = await openPage(context, site.origin);
    await page.goto(site.origin + path);
    await page.locator(".calc-app").waitFor();
    // Chromium lays out a date field in the language of its own interface (American English here),
    // whatever the page's: month, day, year, each part moving on to the next once typed.
    const type = (iso) => {
      const [y, m, d] = iso.split("-");
      return page.keyboard.type(m + d + y);
    };
    // Worked example 2: admitted until January 15, 2025, stayed until July 15, 2025.
    await tabTo(page, "#calc-as-of");
    await type("2026-11-23");
    await tabTo(page, ".calc-stay [data-name=entry_date]");
    await type("2024-12-01");
    await tabTo(page, ".calc-stay [data-name=entry]");
    assert.equal(await page.locator(".calc-stay [data-name=entry]").inputValue(), "admitted", "admitted is the usual answer, already chosen");
    await tabTo(page, ".calc-stay [data-name=authorized_until]");
    await type("2025-01-15");
    await tabTo(page, ".calc-stay [data-name=departure]");
    // A closed list changes with the arrow keys; the departure date appears once one is chosen.
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator(".calc-stay [data-name=departure]").inputValue(), "ordinary");
    await tabTo(page, ".calc-stay [data-name=departure_date]");
    await type("2025-07-15");
    assert.deepEqual(
      await page.evaluate(() => [...document.querySelectorAll(".calc-form input[type=date]")].map((i) => i.value)),
      ["", "2026-11-23", "", "2024-12-01", "2025-01-15", "2025-07-15"],
      "every date typed where it belongs",
    );
    await tabTo(page, ".calc-submit");
    await page.keyboard.press("Enter");

    // The result is shown, focus is on it (a screen reader reads its heading), and it is in a live region.
    const result = page.locator(".calc-result");
    await result.waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("calc-result")), true, "focus on the result");
    assert.equal(await result.getAttribute("aria-labelledby"), "calc-result-title");
    assert.equal(await page.locator(".calc-result-body").getAttribute("aria-live"), "polite");
    const text = await page.locator(".calc-result-body").innerText();
    for (const e of expected) assert.ok(text.includes(e), `missing "${e}" in:\n${text}`);
    // Focused, the result is outlined and keeps its colours (the highlight of links and buttons would
    // fill the whole result, and in dark mode turn its text dark on dark).
    const look = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { outline: s.outlineStyle, background: s.backgroundColor, color: s.color, text: getComputedStyle(document.body).color };
    });
    assert.equal(look.outline, "solid", "the focused result is outlined");
    assert.equal(look.background, "rgba(0, 0, 0, 0)", "the focused result is not filled");
    assert.equal(look.color, look.text, "the focused result keeps the page's text colour");
    const box = await result.boundingBox();
    assert.ok(box.y < 800 && box.y + box.height > 0, "the result is scrolled into view");
    // From the result, Tab goes on to what follows it: the link to legal help, then printing.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.closest(".calc-result")?.tagName), "SECTION", "Tab stays in the result's next steps");
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "A");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("calc-print")), true);
    // Shift+Tab back past the result leads to the form's buttons.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("calc-clear")), true, "back to Clear");
    assert.deepEqual(errors, []);
    await context.close();
  });
}
