// A nonprofit's copy made with nothing but the `puente` binary: in an empty folder outside the repository,
// with no cargo on PATH, `init`, `build`, `check` and `serve` work; the deploy script that `init` writes
// fetches the release and checks its checksum, and the site it builds has a working calculator, guide and
// search, in both languages.
//
// tests/run sets PUENTE_RELEASE_BIN to a `puente` installed with `cargo install --locked` by a toolchain
// without the wasm32 target, and compiled to believe its release lives in PUENTE_RELEASE_DIR (a file://
// address), so the deploy script can be run for real here.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { axeViolations, launch, openPage, repo, serve } from "./harness.mjs";

const releaseBin = process.env.PUENTE_RELEASE_BIN;
const releaseDir = process.env.PUENTE_RELEASE_DIR;
const source = releaseBin || join(repo, "target/debug/puente");

const root = mkdtempSync(join(tmpdir(), "puente-nonprofit-"));

// A PATH of one folder holding only the everyday tools a host has (links to them), so no cargo or rustc
// can be found, whatever else this machine has installed.
const tools = join(root, "tools");
mkdirSync(tools);
for (const tool of ["sh", "tar", "gzip", "curl", "sha256sum", "grep", "uname", "rm", "cat"]) {
  const found = process.env.PATH.split(":").map((d) => join(d, tool)).find((p) => existsSync(p));
  if (found) symlinkSync(found, join(tools, tool));
}
const env = { PATH: tools, HOME: process.env.HOME, LANG: "C.UTF-8" };
const work = join(root, "work");
const bin = join(root, "bin", "puente");

/** Runs the copied `puente` in `cwd` with the cargo-less PATH; returns stdout, fails on a non-zero exit. */
function puente(args, cwd = work) {
  const r = spawnSync(bin, args, { cwd, env, encoding: "utf8" });
  assert.equal(r.status, 0, `puente ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const site = {};
before(async () => {
  mkdirSync(join(root, "bin"), { recursive: true });
  mkdirSync(work);
  copyFileSync(source, bin);
  chmodSync(bin, 0o755);
});
after(async () => {
  await site.browser?.close();
  site.server?.close();
});

test("nothing of Rust is reachable: cargo is not on PATH", () => {
  const r = spawnSync("cargo", ["--version"], { env });
  assert.equal(r.error?.code, "ENOENT", "cargo must be absent for this test to mean anything");
});

test("puente --version names the guide content it carries", () => {
  assert.match(puente(["--version"]), /^puente \d+\.\d+\.\d+ \(guide content of \d{4}-\d{2}-\d{2}, commit [0-9a-f]{7,40}\)\n$/);
});

test("init, build, check and serve work in an empty folder", async () => {
  const made = puente(["init", "myorg", "--name", "Clínica Esperanza"]);
  for (const file of ["site.yaml", "README.md", "theme/i18n/es.yaml", "deploy/nginx/puente.conf", "deploy/nginx/puente-security-headers.conf"]) {
    assert.ok(made.includes(`myorg/${file}`), `init creates ${file}:\n${made}`);
  }
  assert.match(made, /Next: puente serve --site myorg/);
  assert.match(puente(["build", "--site", "myorg"]), /^Built \d+ pages \(\d+ en, \d+ es\)/);
  const home = readFileSync(join(work, "public/es/index.html"), "utf8");
  assert.ok(home.includes("Esta copia la publica") && home.includes("Clínica Esperanza"), "the organisation's name and string");
  assert.match(puente(["check", "--site", "myorg"]), /== Problems: none ==/);

  // serve: the pages and the widgets from memory.
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(bin, ["serve", "--site", "myorg", "--port", String(port)], { cwd: work, env });
  try {
    await new Promise((ok, fail) => {
      let out = "";
      server.stdout.on("data", (d) => { out += d; if (out.includes("Serving")) ok(); });
      server.on("exit", (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
      setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 30000);
    });
    const page = await (await fetch(`http://127.0.0.1:${port}/en/unlawful-presence/calculator/`)).text();
    const widget = page.match(/\/widgets\/puente_widgets\.[0-9a-f]+\.js/);
    assert.ok(widget, "the calculator page loads the widgets");
    const glue = await fetch(`http://127.0.0.1:${port}${widget[0]}`);
    assert.equal(glue.status, 200);
    const wasm = (await glue.text()).match(/puente_widgets\.[0-9a-f]+\.wasm/);
    const bytes = new Uint8Array(await (await fetch(`http://127.0.0.1:${port}/widgets/${wasm[0]}`)).arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 4)], [0, 0x61, 0x73, 0x6d], "real WebAssembly");
  } finally {
    server.kill();
  }
});

test("the deploy script fetches the release, checks it and builds the site as a host would", { skip: !releaseDir && "PUENTE_RELEASE_DIR is not set (tests/run sets it)" }, () => {
  // The release as the workflow publishes it: an archive per system and SHA256SUMS.
  const archive = "puente-x86_64-unknown-linux-gnu.tar.gz";
  mkdirSync(releaseDir, { recursive: true });
  execFileSync("tar", ["-czf", join(releaseDir, archive), "-C", join(root, "bin"), "puente"]);
  const sum = createHash("sha256").update(readFileSync(join(releaseDir, archive))).digest("hex");
  writeFileSync(join(releaseDir, "SHA256SUMS"), `${sum}  ${archive}\n`);

  const org = join(work, "myorg");
  for (const file of ["netlify.toml", "deploy/get-puente.sh", ".github/workflows/pages.yml"]) {
    assert.ok(existsSync(join(org, file)), `a released puente writes ${file}`);
  }
  const netlify = readFileSync(join(org, "netlify.toml"), "utf8");
  const command = netlify.match(/command = "(.*)"/)[1].replace(/\\"/g, '"');
  assert.equal(command, 'sh deploy/get-puente.sh && ./puente build --site . --out public --base-url "$URL"');
  const built = spawnSync("sh", ["-c", command], { cwd: org, env: { ...env, URL: "https://help.example.org" }, encoding: "utf8" });
  assert.equal(built.status, 0, `${built.stdout}\n${built.stderr}`);
  assert.match(built.stdout, /Built \d+ pages/);
  assert.ok(readFileSync(join(org, "public/sitemap.xml"), "utf8").includes("https://help.example.org/es/"));
  site.out = join(org, "public");

  // A tampered download is refused before it runs.
  writeFileSync(join(releaseDir, "SHA256SUMS"), `${"0".repeat(64)}  ${archive}\n`);
  const refused = spawnSync("sh", ["deploy/get-puente.sh"], { cwd: org, env, encoding: "utf8" });
  assert.notEqual(refused.status, 0, "a checksum mismatch stops the build");
});

test("the calculator, guide and search work in the nonprofit's build", async () => {
  if (!site.out) {
    // Without a release to fetch, the folder's own build.
    puente(["build", "--site", "myorg", "--out", "built"]);
    site.out = join(work, "built");
  }
  const served = await serve(site.out);
  site.server = served.server;
  site.browser = await launch();
  const origin = served.origin;
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page, foreign, errors } = await openPage(context, origin);

  // Calculator: a visa overstay of 181 days, then an ordinary departure.
  await page.goto(`${origin}/es/presencia-ilegal/calculadora/`);
  await page.locator(".calc-app").waitFor({ state: "visible" });
  await page.locator("#calc-as-of").fill("2026-11-23");
  const stay = page.locator(".calc-stay").first();
  await stay.locator("[data-name=entry_date]").fill("2024-12-01");
  await stay.locator("[data-name=entry]").selectOption("admitted");
  await stay.locator("[data-name=authorized_until]").fill("2025-01-15");
  await stay.locator("[data-name=departure]").selectOption("ordinary");
  await stay.locator("[data-name=departure_date]").fill("2025-07-15");
  await page.locator(".calc-submit").click();
  await page.locator(".calc-result").waitFor({ state: "visible" });
  const result = await page.locator(".calc-result-body").innerText();
  assert.ok(result.includes("181") && result.includes("16 de julio de 2028"), result);

  // Guide: the first question answered in the page.
  await page.goto(`${origin}/en/guide/`);
  const form = page.locator(".guide-interactive form.guide-question");
  await form.waitFor();
  const first = await form.getAttribute("data-question");
  await form.locator("input[type=radio]").first().check();
  await form.locator("button[type=submit]").click();
  await page.waitForFunction((q) => {
    const f = document.querySelector("form.guide-question");
    return document.querySelector(".guide-outcome") || (f && f.dataset.question !== q);
  }, first);

  // Search: a question finds the travel page.
  await page.goto(`${origin}/en/search/`);
  await page.locator("#search-input").fill("travel with advance parole");
  await page.waitForFunction(() => document.querySelector(".search-page").dataset.shown === "travel with advance parole");
  const links = await page.locator(".search-result a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.ok(links.includes("/en/travel/advance-parole/"), links.join(", "));

  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});
