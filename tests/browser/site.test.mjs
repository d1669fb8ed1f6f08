// What a reader sees of the built site, in a real browser.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, openPage, sitemapPaths, useSite } from "./harness.mjs";

const site = useSite();

test("every page in both languages passes axe (WCAG 2.2 A/AA) at desktop and phone widths, with no foreign request", async () => {
  const paths = sitemapPaths(site.out);
  assert.ok(paths.length > 50, `only ${paths.length} pages in the sitemap`);
  const problems = [];
  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 800 }]) {
    const context = await site.browser.newContext({ viewport });
    // Every page at both widths, the root chooser and the 404 pages included.
    const pages = [...paths, "/", "/en/404.html", "/es/404.html"];
    for (const path of pages) {
      const { page, foreign, errors } = await openPage(context, site.origin);
      await page.goto(site.origin + path, { waitUntil: "load" });
      for (const v of await axeViolations(page)) problems.push(`${viewport.width}px ${path}: ${v}`);
      for (const f of foreign) problems.push(`${path}: request to another site.origin: ${f}`);
      for (const e of errors) problems.push(`${path}: console error: ${e}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${viewport.width}px ${path}: scrolls sideways by ${overflow}px`);
      await page.close();
    }
    const cookies = await context.cookies();
    if (cookies.length) problems.push(`cookies were set: ${cookies.map((c) => c.name).join(", ")}`);
    await context.close();
  }
  console.log(`axe: ${paths.length + 3} pages at 1280 and 375 px`);
  assert.deepEqual(problems, []);
});

test("the root page offers both languages, with no script (the server picks by Accept-Language)", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false, locale: "es-MX" });
  const page = await context.newPage();
  await page.goto(site.origin + "/");
  assert.equal(new URL(page.url()).pathname, "/");
  const links = await page.locator("a[hreflang]").evaluateAll((as) => as.map((a) => [a.getAttribute("hreflang"), a.getAttribute("href")]));
  assert.deepEqual(links, [["en", "/en/"], ["es", "/es/"]]);
  assert.equal(await page.locator("script").count(), 0);
  await context.close();
});

test("the skip link is the first stop for a keyboard and moves focus to the main content", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.origin + "/es/parole/permiso-humanitario/");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Ir al contenido principal");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await context.close();
});

test("the language switcher leads from a Spanish page to its English translation", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.origin + "/es/parole/permiso-humanitario/");
  await page.getByRole("navigation", { name: "Idioma" }).getByRole("link", { name: "English" }).click();
  assert.equal(new URL(page.url()).pathname, "/en/parole/humanitarian/");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await context.close();
});

test("pages come with the build's _headers: its CSP refuses inline script, assets are cached for good", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${site.origin}/es/presencia-ilegal/calculadora/`);
  const headers = response.headers();
  assert.match(headers["content-security-policy"], /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
  assert.equal(headers["referrer-policy"], "no-referrer");
  assert.equal(headers["cache-control"], "public, max-age=300, must-revalidate");
  // The calculator's WebAssembly compiles under the policy (its form appears)…
  await page.locator(".calc-app").waitFor();
  // …while a script written into the page is refused.
  await page.addScriptTag({ content: "window.injected = true" }).catch(() => {});
  assert.equal(await page.evaluate(() => window.injected), undefined);
  const css = await page.evaluate(() => document.querySelector("link[rel=stylesheet]").href);
  const asset = await page.request.get(css);
  assert.equal(asset.headers()["cache-control"], "public, max-age=31536000, immutable");
  await context.close();
});
