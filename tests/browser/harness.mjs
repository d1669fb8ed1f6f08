// Shared set-up for browser tests: build the site once, serve it on 127.0.0.1, drive Debian's Chromium.
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain",
};

const flowFile = () => readFileSync(join(repo, "content/flows/eligibility.yaml"), "utf8");

/** The text of an answer of the guide's flow, in `lang`, read from the flow file. */
export function answerText(question, answer, lang) {
  const flow = flowFile();
  const start = flow.indexOf(`\n  ${question}:`);
  const id = new RegExp(`id: "?${answer}"?\\n`, "g");
  id.lastIndex = start;
  const at = id.exec(flow).index;
  const block = flow.slice(at, flow.indexOf("next:", at));
  // `text: { en: …, es: … }` on one line, or each language on its own line (where commas are text).
  const inline = block.includes("text: {");
  const match = block.match(new RegExp(`${lang}: (?:"([^"]+)"|(${inline ? "[^,}\\n]+" : "[^\\n]+"}))`));
  return (match[1] || match[2]).trim();
}

/** Builds `content` (the site's `content/` by default) with the puente binary into a fresh folder and returns that folder. */
export function buildSite(content = null) {
  const bin = process.env.PUENTE_BIN || join(repo, "target/debug/puente");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`cargo build\` first (tests/run does)`);
  const out = join(mkdtempSync(join(tmpdir(), "puente-browser-")), "public");
  const args = ["build", "--out", out, ...(content ? ["--content", content] : [])];
  execFileSync(bin, args, { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
  return out;
}

/**
 * The rules of the `_headers` file the build writes, as [pattern, [[name, value]…]]. Patterns are exact
 * paths or end in `*` (a prefix), as Netlify and Cloudflare Pages read them.
 */
export function readHeaders(root) {
  const rules = [];
  for (const line of readFileSync(join(root, "_headers"), "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    if (!line.startsWith(" ")) rules.push([line.trim(), []]);
    else {
      const at = line.indexOf(":");
      rules.at(-1)[1].push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The headers `_headers` gives `path`. */
export function headersFor(rules, path) {
  const out = {};
  for (const [pattern, headers] of rules) {
    const matches = pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (!matches) continue;
    for (const [name, value] of headers) {
      const key = name.toLowerCase();
      if (key in out) throw new Error(`${path}: two rules of _headers set ${name}`);
      out[key] = value;
    }
  }
  // The test server is plain http on 127.0.0.1: nothing to upgrade, no HSTS.
  if (out["content-security-policy"]) {
    out["content-security-policy"] = out["content-security-policy"].replace(/;\s*upgrade-insecure-requests/, "");
  }
  delete out["strict-transport-security"];
  return out;
}

/** The 404 rules of `_redirects`, as [prefix, page], most specific first. */
function notFoundRules(root) {
  return readFileSync(join(root, "_redirects"), "utf8")
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[2] === "404")
    .map(([from, to]) => [from.replace(/\*$/, ""), to]);
}

/**
 * Serves `root` like a static host that reads the build's `_headers` and `_redirects`: index.html for
 * folders, the headers of `_headers` on every response, the 404 page of `_redirects` for a missing file.
 */
export function serve(root) {
  const rules = readHeaders(root);
  const notFound = notFoundRules(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.includes("..")) path = "/";
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      const page = notFound.find(([prefix]) => path.startsWith(prefix))[1];
      res.writeHead(404, { "content-type": TYPES[".html"], ...headersFor(rules, path) });
      res.end(readFileSync(join(root, page)));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", ...headersFor(rules, path) });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("Chromium is missing: install Debian's `chromium` package (tests/run does this as root)");
}

export function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Opens a page that records what a reader's privacy depends on: every request's origin, console
 * errors and uncaught exceptions.
 */
export async function openPage(context, origin) {
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin && u.protocol !== "data:") foreign.push(r.url());
  });
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, foreign, errors };
}

const AXE = readFileSync(join(repo, "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2.2 A and AA violations on the current page. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an inline script would be
  // refused, as it should be).
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** The site's pages, read from its sitemap, as paths. */
export function sitemapPaths(out) {
  const xml = readFileSync(join(out, "sitemap.xml"), "utf8");
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

/**
 * Builds the site once for a test file, serves it and starts Chromium; stops both after the file's tests.
 * The returned object's `out`, `origin` and `browser` are set before the first test runs.
 */
export function useSite(content = null) {
  const site = {};
  before(async () => {
    site.out = buildSite(typeof content === "function" ? content() : content);
    const served = await serve(site.out);
    site.server = served.server;
    site.origin = served.origin;
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}
