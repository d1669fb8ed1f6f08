// A nonprofit's branded copy (tests/sites/branded over tests/sites/valid): its colours, logo, banner,
// contact details and providers pass axe in light and dark mode, in both languages.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { axeViolations, openPage, repo, useSite } from "./harness.mjs";

const site = useSite(() => {
  const dir = join(mkdtempSync(join(tmpdir(), "puente-branded-")), "content");
  cpSync(join(repo, "tests/sites/valid/content"), dir, { recursive: true });
  cpSync(join(repo, "tests/sites/branded/content"), dir, { recursive: true });
  return dir;
});

for (const scheme of ["light", "dark"]) {
  for (const path of ["/en/", "/es/ayuda/ayuda-legal/"]) {
    test(`${path} in ${scheme} mode: the organisation's details, accessible`, async () => {
      const context = await site.browser.newContext({ colorScheme: scheme });
      const { page, errors } = await openPage(context, site.origin);
      await page.goto(site.origin + path);
      assert.equal(await page.locator(".banner").count(), 1);
      assert.equal(await page.locator(".brand-logo").getAttribute("alt"), "");
      assert.equal(await page.locator(".intake-link").count(), 1);
      if (path.includes("ayuda")) assert.equal(await page.locator(".provider").count(), 1);
      const header = await page.locator(".site-header").evaluate((e) => getComputedStyle(e).backgroundColor);
      // The organisation's primary colour in light mode; the theme's own in dark mode.
      assert.equal(header, scheme === "light" ? "rgb(59, 31, 92)" : "rgb(11, 31, 51)");
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
