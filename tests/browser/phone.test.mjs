// A 390×844 phone, in both languages, in light and dark mode: the page starts in the top quarter of the
// screen, the guide's first answers and the calculator's first field are on the first screen (with and
// without JavaScript), wide tables scroll in a named, focusable frame that keeps their first column in view,
// every tap target of the header, the footer and the navigation is at least 24×24 px (the main ones 44 px
// tall), the menu opens and closes without JavaScript, the footer leads on, and axe finds nothing.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { answerText, axeViolations, openPage, repo, sitemapPaths, useSite } from "./harness.mjs";

const site = useSite();
const PHONE = { width: 390, height: 844 };
const TOP_QUARTER = PHONE.height / 4;
const GUIDE = { en: "/en/guide/", es: "/es/guia/" };
const CALCULATOR = { en: "/en/unlawful-presence/calculator/", es: "/es/presencia-ilegal/calculadora/" };
const OTHER = { en: "es", es: "en" };
const LANGUAGE_NAME = { en: "English", es: "Español" };

/** The theme's interface strings of `lang` (one `key: value` a line), as a reader sees them. */
function strings(lang) {
  const out = {};
  for (const line of readFileSync(join(repo, `themes/default/i18n/${lang}.yaml`), "utf8").split("\n")) {
    const m = line.match(/^(\w+): (.*)$/);
    if (!m) continue;
    let v = m[2].trim();
    if (v.startsWith('"')) v = JSON.parse(v);
    out[m[1]] = v;
  }
  return out;
}
const T = { en: strings("en"), es: strings("es") };

/**
 * What one page shows a phone reader: where its heading starts, the tap targets of the header, the footer
 * and every navigation (too small ones listed), the footer's ways on, and every table's frame.
 */
function survey() {
  const shown = (e) => e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
  const name = (e) => `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join("")} "${(e.textContent || e.value || "").replace(/\s+/g, " ").trim().slice(0, 40)}"`;
  const h1 = document.querySelector("main h1");
  const h1Top = h1 ? Math.round(h1.getBoundingClientRect().top + scrollY) : null;
  // The menu and the folded lists of a page's contents are opened, so that their links are measured too.
  for (const d of document.querySelectorAll("details.site-menu, nav details")) d.open = true;
  const targets = [];
  const selector = ["header", "footer", "nav"].map((w) => `${w} a, ${w} button, ${w} summary, ${w} input, ${w} select`).join(", ");
  for (const e of document.querySelectorAll(selector)) {
    if (!shown(e) || e.closest(".visually-hidden") || e.classList.contains("skip-link")) continue;
    const r = e.getBoundingClientRect();
    // The controls a reader reaches for most: the header's, the menu's, the footer's ways on.
    const main = e.matches(".site-header a, .site-header summary, .footer-nav a, .back-to-top a");
    targets.push({ name: name(e), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10, main });
  }
  const footerNav = document.querySelector("footer nav.footer-nav");
  const hrefs = (links) => [...links].map((a) => a.getAttribute("href"));
  const tables = [...document.querySelectorAll("main table")].map((t) => {
    const frame = t.closest(".table-wrap");
    const f = (frame ?? t.parentElement).getBoundingClientRect();
    const firsts = () => [...t.rows].map((row) => row.cells[0].getBoundingClientRect());
    const inView = () => firsts().every((c) => c.left >= f.left - 0.5 && c.right <= f.right + 0.5);
    const result = { at: name(t.rows[0].cells[0]), fits: t.getBoundingClientRect().width <= f.width + 0.5, firstInView: inView() };
    if (frame) {
      const label = frame.getAttribute("aria-label") || (frame.getAttribute("aria-labelledby") || "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim();
      result.frame = {
        scrolls: frame.scrollWidth > frame.clientWidth,
        overflow: getComputedStyle(frame).overflowX,
        tabindex: frame.getAttribute("tabindex"),
        role: frame.getAttribute("role"),
        label,
        // What shows that it scrolls: a shadow at the edge (a gradient that stays put while a cover moves
        // with the content) and a scrollbar (which headless Chromium hides, so its style is read).
        shadow: /gradient/.test(getComputedStyle(frame).backgroundImage) && /local/.test(getComputedStyle(frame).backgroundAttachment),
        scrollbar: getComputedStyle(frame).scrollbarWidth !== "none",
      };
      // Scrolled to the far end, the first column is still there.
      frame.scrollLeft = frame.scrollWidth;
      result.firstInViewScrolled = inView();
      result.lastColumnReached = [...t.rows].every((row) => row.cells[row.cells.length - 1].getBoundingClientRect().right <= f.right + 1);
      frame.scrollLeft = 0;
    }
    return result;
  });
  return {
    h1: h1Top,
    targets,
    footer: footerNav
      ? {
          sections: hrefs(footerNav.querySelectorAll(".footer-sections a")),
          menu: hrefs(document.querySelectorAll("details.site-menu nav.site-nav li:not(.menu-az) > a")),
          legalHelp: [...footerNav.querySelectorAll("a")].some((a) => a.getAttribute("href") === document.querySelector(".notice-bar a")?.getAttribute("href")),
          other: [...footerNav.querySelectorAll("a[hreflang]")].map((a) => ({ lang: a.getAttribute("hreflang"), text: a.textContent.trim(), sentence: a.parentElement.textContent.replace(/\s+/g, " ").trim() })),
          top: document.querySelector(".back-to-top a")?.getAttribute("href") ?? null,
          topText: document.querySelector(".back-to-top a")?.textContent.trim() ?? null,
        }
      : null,
    tables,
  };
}

for (const colorScheme of ["light", "dark"]) {
  test(`every page of the sitemap, ${colorScheme} mode, 390×844: heading in the top quarter, tap targets, footer, tables`, async () => {
    const paths = sitemapPaths(site.out);
    assert.ok(paths.filter((p) => p.startsWith("/en/")).length > 25 && paths.filter((p) => p.startsWith("/es/")).length > 25);
    const context = await site.browser.newContext({ viewport: PHONE, colorScheme });
    const page = await context.newPage();
    const problems = [];
    let tables = 0;
    let scrolling = 0;
    for (const path of paths) {
      await page.goto(site.origin + path, { waitUntil: "load" });
      // The widgets draw their forms once their WebAssembly has loaded.
      if (await page.locator(".calc[data-widget]").count()) await page.locator(".calc-app").waitFor();
      if (await page.locator(".guide[data-glue]").count()) await page.locator("form.guide-question").waitFor();
      const lang = path.split("/")[1];
      const s = await page.evaluate(survey);
      if (s.h1 === null) problems.push(`${path}: no h1 in main`);
      else if (s.h1 >= TOP_QUARTER) problems.push(`${path}: the heading starts at y = ${s.h1}, not in the top quarter (< ${TOP_QUARTER})`);
      for (const t of s.targets) {
        if (t.width < 24 || t.height < 24) problems.push(`${path}: ${t.name} is ${t.width}×${t.height} px, under 24×24`);
        else if (t.main && t.height < 44) problems.push(`${path}: ${t.name} is ${t.height} px tall, under 44`);
      }
      if (!s.footer) problems.push(`${path}: no footer navigation`);
      else {
        if (JSON.stringify(s.footer.sections) !== JSON.stringify(s.footer.menu)) problems.push(`${path}: the footer's sections ${JSON.stringify(s.footer.sections)} are not the menu's ${JSON.stringify(s.footer.menu)}`);
        if (!s.footer.legalHelp) problems.push(`${path}: the footer does not link to legal help`);
        const other = s.footer.other.find((o) => o.lang === OTHER[lang]);
        if (!other || other.text !== LANGUAGE_NAME[OTHER[lang]] || !other.sentence.startsWith(T[lang].footer_other_language)) {
          problems.push(`${path}: the footer does not offer the page in ${LANGUAGE_NAME[OTHER[lang]]}: ${JSON.stringify(s.footer.other)}`);
        }
        if (s.footer.top !== "#top" || !s.footer.topText.endsWith(T[lang].back_to_top)) problems.push(`${path}: no "${T[lang].back_to_top}" link (${s.footer.top}, ${s.footer.topText})`);
      }
      for (const t of s.tables) {
        tables++;
        if (!t.firstInView) problems.push(`${path}: the first column of the table at ${t.at} is not in view`);
        if (t.fits) continue;
        scrolling++;
        const f = t.frame;
        if (!f) problems.push(`${path}: the table at ${t.at} is wider than the screen and has no frame`);
        else {
          if (!f.scrolls || !["auto", "scroll"].includes(f.overflow)) problems.push(`${path}: the table at ${t.at} is cut off, its frame does not scroll (${JSON.stringify(f)})`);
          if (f.tabindex !== "0" || f.role !== "region" || !f.label) problems.push(`${path}: the frame of the table at ${t.at} is not a focusable, named region (${JSON.stringify(f)})`);
          if (!f.shadow || !f.scrollbar) problems.push(`${path}: the frame of the table at ${t.at} does not show that it scrolls (${JSON.stringify(f)})`);
          if (!t.firstInViewScrolled) problems.push(`${path}: scrolled sideways, the table at ${t.at} loses its first column`);
          if (!t.lastColumnReached) problems.push(`${path}: scrolling does not reach the last column of the table at ${t.at}`);
        }
      }
    }
    console.log(`${colorScheme}: ${paths.length} pages, ${tables} tables (${scrolling} scroll in their frame)`);
    await context.close();
    assert.ok(scrolling >= 4, `only ${scrolling} tables scroll at 390 px: the check of scrolling frames would check nothing`);
    assert.deepEqual(problems, []);
  });
}

/** Where an element's box ends, from the top of the page. */
const bottom = (locator) => locator.evaluate((e) => Math.round(e.getBoundingClientRect().bottom + scrollY));

for (const lang of ["en", "es"]) {
  for (const javaScriptEnabled of [true, false]) {
    const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
    test(`${lang}, ${how}: the guide's first answers and the calculator's first field are on the first screen`, async () => {
      const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled, colorScheme: lang === "en" ? "light" : "dark" });
      const page = await context.newPage();
      await page.goto(site.origin + GUIDE[lang]);
      const answers = ["abroad", "inside"].map((a) => answerText("where", a, lang));
      for (const text of answers) {
        const answer = javaScriptEnabled
          ? page.locator("form.guide-question").getByLabel(text, { exact: true })
          : page.locator("a.guide-answer", { hasText: text });
        await answer.waitFor();
        const end = await bottom(javaScriptEnabled ? page.locator("label", { hasText: text }) : answer);
        assert.ok(end < PHONE.height, `${lang} guide: the answer "${text}" ends at y = ${end}, below the first screen`);
      }

      await page.goto(site.origin + CALCULATOR[lang]);
      if (javaScriptEnabled) {
        const field = page.getByLabel(T[lang].calc_date_of_birth, { exact: true });
        await field.waitFor();
        const end = await bottom(field);
        assert.ok(end < PHONE.height, `${lang} calculator: the first field ends at y = ${end}, below the first screen`);
        assert.equal(await page.locator(".calc-nojs").isVisible(), false);
      } else {
        // Without JavaScript the calculator is its worked examples and worksheet: the note saying so, and
        // the examples' heading, are on the first screen.
        const note = page.locator(".calc-nojs");
        assert.equal((await note.innerText()).trim(), T[lang].calc_nojs);
        const heading = page.getByRole("heading", { name: T[lang].calc_examples_title, exact: true });
        const end = await bottom(heading);
        assert.ok(end < PHONE.height, `${lang} calculator: the worked examples' heading ends at y = ${end}, below the first screen`);
        // Day counts are grouped as the language writes them.
        assert.match(await page.locator(".calc-examples").innerText(), lang === "en" ? /\b3,623\b/ : /\b3\.623\b/);
      }
      await context.close();
    });
  }
}

test("the menu opens and closes without JavaScript on a phone, and always shows on a wide screen", async () => {
  for (const [lang, path] of [["en", "/en/parole/humanitarian/"], ["es", "/es/parole/permiso-humanitario/"]]) {
    const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled: false, colorScheme: lang === "en" ? "light" : "dark" });
    const page = await context.newPage();
    await page.goto(site.origin + path);
    const menu = page.locator("summary.menu-button");
    assert.equal((await menu.innerText()).trim(), T[lang].menu_label, "the button says Menu");
    const nav = page.getByRole("navigation", { name: T[lang].main_nav_label });
    const links = nav.getByRole("link");
    const sections = await page.locator(".footer-sections a").allInnerTexts();
    assert.ok(sections.length >= 5, `${sections.length} sections`);
    assert.equal(await nav.isVisible(), false, "the menu starts closed");
    // Every section is in the header's menu, and the reader on the header's row sees the site's name,
    // Search, the other language and the menu button on one row.
    const row = await page.evaluate(() => [".brand", ".search-link", `.lang-switch a`, "summary.menu-button"].map((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return [r.top, r.bottom];
    }));
    const middle = (r) => (r[0] + r[1]) / 2;
    for (const r of row.slice(1)) assert.ok(r[0] < middle(row[0]) && middle(row[0]) < r[1], `not on one row: ${JSON.stringify(row)}`);

    await menu.click();
    assert.equal(await nav.isVisible(), true, "the menu opens");
    assert.equal(await page.locator("details.site-menu").getAttribute("open"), "");
    const shown = await links.allInnerTexts();
    for (const s of sections) assert.ok(shown.includes(s), `"${s}" missing from the open menu: ${JSON.stringify(shown)}`);
    assert.ok(shown.includes(T[lang].search_az_link), `the A–Z index is in the open menu: ${JSON.stringify(shown)}`);
    for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON()))) {
      assert.ok(box.height >= 44 && box.width >= 24 && box.right <= PHONE.width, `a menu link is ${box.width}×${box.height} at x ${box.left}–${box.right}`);
    }
    // The keyboard closes it again, as it opened.
    await menu.focus();
    await page.keyboard.press("Enter");
    assert.equal(await nav.isVisible(), false, "Enter on the button closes the menu");
    await page.keyboard.press("Space");
    assert.equal(await nav.isVisible(), true, "Space opens it");
    await menu.click();
    assert.equal(await nav.isVisible(), false, "a second click closes it");
    await context.close();

    // On a wide screen the sections show on their own row and there is no button to press.
    const wide = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const desk = await wide.newPage();
    await desk.goto(site.origin + path);
    assert.equal(await desk.locator("summary.menu-button").isVisible(), false);
    const deskNav = desk.getByRole("navigation", { name: T[lang].main_nav_label });
    assert.equal(await deskNav.isVisible(), true);
    for (const s of sections) assert.equal(await deskNav.getByRole("link", { name: s, exact: true }).isVisible(), true, `"${s}" shows on a wide screen`);
    await wide.close();

    // axe needs JavaScript to run: the open menu is checked in a page that has it.
    const scripted = await site.browser.newContext({ viewport: PHONE, colorScheme: lang === "en" ? "light" : "dark" });
    const open = await scripted.newPage();
    await open.goto(site.origin + path);
    await open.locator("summary.menu-button").click();
    assert.equal(await open.getByRole("navigation", { name: T[lang].main_nav_label }).isVisible(), true);
    assert.deepEqual(await axeViolations(open), [], `${lang}: the open menu`);
    await scripted.close();
  }
});

test("the calculator's lists fit a phone's screen and show the whole of the chosen answer", async () => {
  for (const lang of ["en", "es"]) {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(site.origin + CALCULATOR[lang]);
    await page.locator(".calc-app").waitFor();
    await page.locator(".calc-add-event").first().click();
    const problems = await page.evaluate(() => {
      const out = [];
      const canvas = document.createElement("canvas").getContext("2d");
      for (const select of document.querySelectorAll(".calc-app select")) {
        if (!select.offsetParent) continue;
        const before = select.value;
        for (const option of select.options) {
          select.value = option.value;
          const r = select.getBoundingClientRect();
          const s = getComputedStyle(select);
          canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
          // The room for text: the box less its padding, borders and the arrow.
          const room = select.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 24;
          const lines = Math.ceil(canvas.measureText(option.text).width / room);
          const lineHeight = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2;
          if (r.left < 0 || r.right > innerWidth) out.push(`${select.dataset.name}: ${r.left}–${r.right} px, off the screen`);
          if (r.height < lines * lineHeight * 0.9) out.push(`${select.dataset.name}: "${option.text}" needs ${lines} lines; the list is ${r.height} px tall`);
        }
        select.value = before;
      }
      return out;
    });
    assert.deepEqual(problems, [], lang);
    await context.close();
  }
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe finds nothing at 390×844 in ${colorScheme} mode on the tools, the tables and the long pages, both languages`, async () => {
    const context = await site.browser.newContext({ viewport: PHONE, colorScheme });
    const problems = [];
    for (const path of [
      "/en/", "/es/", GUIDE.en, GUIDE.es, CALCULATOR.en, CALCULATOR.es,
      "/en/help/forms/", "/es/ayuda/formularios/", "/en/parole/compared/", "/es/parole/comparacion/",
      "/en/help/faq/", "/es/ayuda/preguntas-frecuentes/", "/en/search/", "/es/a-z/",
    ]) {
      const { page, foreign, errors } = await openPage(context, site.origin);
      const response = await page.goto(site.origin + path);
      assert.equal(response.status(), 200, path);
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v}`);
      for (const e of [...foreign, ...errors]) problems.push(`${path}: ${e}`);
      await page.close();
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
}
