// Valid HTML: the Nu HTML Checker (vnu.jar from the npm package `vnu-jar`, run with the machine's Java)
// finds no error on any page of the built site, on any page of a nonprofit's branded copy, nor in the
// pages with widgets as their scripts leave them (the calculator's result and errors, the guide's
// questions and outcome, search results).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { buildSite, repo, useSite } from "./harness.mjs";

const VNU_JAR = String(createRequire(import.meta.url)("vnu-jar"));
const site = useSite();

function javaPath() {
  for (const p of [process.env.JAVA, process.env.JAVA_HOME && join(process.env.JAVA_HOME, "bin/java"), "/usr/bin/java"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("Java is missing: install Debian's `default-jre-headless` (tests/run does this as root), or set JAVA=/path/to/java");
}

/** Every .html file under `dir`. */
function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".html"));
}

/**
 * Runs the checker once (one JVM) over every HTML file of the named folders; returns its errors as
 * `name:/path:line:column: message [extract]`. No message is filtered out.
 */
function vnuErrors(folders) {
  const run = spawnSync(javaPath(), ["-jar", VNU_JAR, "--errors-only", "--format", "json", "--skip-non-html", ...Object.values(folders)], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  // vnu writes its report to stderr, and exits with 1 when it finds an error.
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch {
    throw new Error(`vnu exited with ${run.status} and no JSON report:\n${run.stderr}${run.stdout}`);
  }
  assert.ok(run.status === 0 || report.messages.length > 0, `vnu exited with ${run.status}:\n${run.stderr}`);
  return report.messages.map((m) => {
    const file = m.url?.startsWith("file:") ? fileURLToPath(m.url) : m.url ?? "(no file)";
    const [name, dir] = Object.entries(folders).find(([, d]) => file.startsWith(d + "/")) ?? [null];
    const where = name ? `${name}:/${relative(dir, file)}` : file;
    // --errors-only leaves errors and "non-document-error"s (a file that could not be read).
    const kind = m.type === "error" ? "" : `${m.type}${m.subType ? `/${m.subType}` : ""}: `;
    const extract = m.extract ? ` [${m.extract.replace(/\s+/g, " ").trim()}]` : "";
    return `${where}:${m.firstLine ?? m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}: ${kind}${m.message}${extract}`;
  });
}

/** The branded copy of tests/sites/valid, put together as branding.test.mjs does. */
function brandedContent() {
  const dir = join(mkdtempSync(join(tmpdir(), "puente-branded-")), "content");
  cpSync(join(repo, "tests/sites/valid/content"), dir, { recursive: true });
  cpSync(join(repo, "tests/sites/branded/content"), dir, { recursive: true });
  return dir;
}

test("the Nu HTML Checker finds no error on any page of the site or of a branded copy", () => {
  const folders = { site: site.out, branded: buildSite(brandedContent()) };
  const counts = Object.fromEntries(Object.entries(folders).map(([name, dir]) => [name, htmlFiles(dir).length]));
  assert.ok(counts.site > 100 && counts.branded > 10, `too few pages: ${JSON.stringify(counts)}`);
  const errors = vnuErrors(folders);
  console.log(`vnu checked ${counts.site + counts.branded} pages (${counts.site} of the site, ${counts.branded} of the branded copy): ${errors.length} errors`);
  assert.deepEqual(errors, []);
});

test("the Nu HTML Checker finds no error in the widgets' pages as their scripts leave them", async () => {
  const dom = mkdtempSync(join(tmpdir(), "puente-dom-"));
  const context = await site.browser.newContext();
  const page = await context.newPage();
  let saved = 0;
  const save = async (name) => {
    const html = await page.evaluate(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}`);
    mkdirSync(join(dom, name), { recursive: true });
    writeFileSync(join(dom, name, "index.html"), html);
    saved++;
  };
  for (const [lang, calculator, guide] of [
    ["en", "/en/unlawful-presence/calculator/", "/en/guide/"],
    ["es", "/es/presencia-ilegal/calculadora/", "/es/guia/"],
  ]) {
    // The calculator: a stay with an event, its result; then a stay that ends before it starts, its errors.
    await page.goto(site.origin + calculator);
    await page.locator(".calc-app").waitFor();
    const stay = page.locator(".calc-stay").first();
    await stay.locator("[data-name=entry_date]").fill("2023-12-01");
    await stay.locator("[data-name=authorized_until]").fill("2024-05-31");
    await stay.locator(".calc-add-event").click();
    await stay.locator("[data-name=date]").fill("2024-05-15");
    await stay.locator("[data-name=decision]").selectOption("denied");
    await stay.locator("[data-name=decision_date]").fill("2025-02-10");
    await stay.locator("[data-name=departure]").selectOption("ordinary");
    await stay.locator("[data-name=departure_date]").fill("2025-08-20");
    await page.locator(".calc-add-stay").click();
    await page.locator(".calc-stay").nth(1).locator("[data-name=entry_date]").fill("2025-10-01");
    await page.locator(".calc-stay").nth(1).locator("[data-name=entry]").selectOption("without_inspection");
    await page.locator(".calc-submit").click();
    await page.locator(".calc-result").waitFor();
    await save(`${lang}/calculator-result`);
    await stay.locator("[data-name=departure_date]").fill("2023-01-01");
    await page.locator(".calc-submit").click();
    await page.locator(".calc-error-summary li").first().waitFor();
    await save(`${lang}/calculator-errors`);

    // The guide: a question after the first (with the answers so far), then an outcome.
    await page.goto(site.origin + guide);
    await page.locator("form.guide-question").waitFor();
    await page.locator("form.guide-question button[type=submit]").click();
    await page.locator("#guide-error").waitFor();
    await save(`${lang}/guide-error`);
    for (let n = 0; n < 10 && (await page.locator(".guide-outcome").count()) === 0; n++) {
      await page.locator("#guide-answer-0").check();
      await page.locator("form.guide-question button[type=submit]").click();
      if (n === 0) await save(`${lang}/guide-question-2`);
    }
    await page.locator(".guide-outcome").waitFor();
    await save(`${lang}/guide-outcome`);

    // Search: results with their excerpts.
    await page.goto(`${site.origin}/${lang}/search/`);
    await page.locator("#search-input").fill("parole");
    await page.waitForFunction(() => document.querySelector(".search-page").dataset.shown === "parole");
    await page.locator(".search-result mark").first().waitFor();
    await save(`${lang}/search-results`);
  }
  await context.close();
  const errors = vnuErrors({ dom });
  console.log(`vnu checked ${saved} pages as scripts left them: ${errors.length} errors`);
  assert.deepEqual(errors, []);
});
