// The nginx configuration in deploy/nginx, as docs/deploy.md tells people to use it: the built site
// served by Debian's nginx gets the same headers as the build's `_headers`, the language redirect and the
// 404 pages, and the widgets work in Chromium under its Content-Security-Policy.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { openPage, readHeaders, repo, useSite } from "./harness.mjs";

const site = useSite();
const nginx = {};

function nginxPath() {
  for (const p of [process.env.NGINX, "/usr/sbin/nginx"]) if (p && existsSync(p)) return p;
  throw new Error("nginx is missing: install Debian's `nginx-light` (tests/run does this as root)");
}

function freePort() {
  return new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

before(async () => {
  const prefix = mkdtempSync(join(tmpdir(), "puente-nginx-"));
  for (const d of ["logs", "tmp"]) mkdirSync(join(prefix, d));
  // nginx's workers may run as another user: let them read the built site.
  for (let d = site.out; d !== tmpdir() && d !== "/"; d = dirname(d)) chmodSync(d, 0o755);
  const port = await freePort();
  const snippet = join(prefix, "puente-security-headers.conf");
  writeFileSync(snippet, readFileSync(join(repo, "deploy/nginx/puente-security-headers.conf")));
  const server = readFileSync(join(repo, "deploy/nginx/puente.conf"), "utf8")
    .replace("listen 80;", `listen 127.0.0.1:${port};`)
    .replace("root /srv/puente/public;", `root ${site.out};`)
    .replaceAll("/etc/nginx/snippets/puente-security-headers.conf", snippet);
  writeFileSync(join(prefix, "puente.conf"), server);
  const tempPaths = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((t) => `  ${t}_temp_path ${join(prefix, "tmp", t)};`)
    .join("\n");
  writeFileSync(
    join(prefix, "nginx.conf"),
    `worker_processes 1;\npid ${join(prefix, "nginx.pid")};\nerror_log ${join(prefix, "logs/error.log")};\n` +
      `events {}\nhttp {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n${tempPaths}\n  include ${join(prefix, "puente.conf")};\n}\n`,
  );
  nginx.process = spawn(nginxPath(), ["-p", prefix, "-c", join(prefix, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
  nginx.origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${nginx.origin}/robots.txt`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nginx did not start; see ${prefix}/logs/error.log`);
});

after(() => nginx.process?.kill());

/** What the build's `_headers` says `path` gets, by header name in lower case. */
function expected(path) {
  const out = {};
  for (const [pattern, headers] of readHeaders(site.out)) {
    const matches = pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (matches) for (const [name, value] of headers) out[name.toLowerCase()] = value;
  }
  return out;
}

test("nginx sends what _headers says, for pages, assets and missing pages", async () => {
  const home = await fetch(`${nginx.origin}/es/`);
  const css = readFileSync(join(site.out, "es/index.html"), "utf8").match(/href=(\/assets\/site\.[0-9a-f]+\.css)/)[1];
  for (const [path, status] of [["/es/", 200], ["/en/parole/", 200], [css, 200], ["/es/no-existe/", 404], ["/en/nope/", 404]]) {
    const response = await fetch(`${nginx.origin}${path}`, { redirect: "manual" });
    assert.equal(response.status, status, path);
    for (const [name, value] of Object.entries(expected(path))) {
      assert.equal(response.headers.get(name), value, `${path}: ${name}`);
    }
  }
  assert.equal(home.headers.get("content-type"), "text/html; charset=utf-8");
  assert.match(await (await fetch(`${nginx.origin}/es/no-existe/`)).text(), /No encontramos esta página/);
  assert.match(await (await fetch(`${nginx.origin}/en/nope/`)).text(), /Page not found/);
});

test("nginx sends / to the reader's language", async () => {
  for (const [accept, to] of [["es-MX,es;q=0.9,en;q=0.8", "/es/"], ["en-US,en;q=0.9", "/en/"], ["fr-FR", "/en/"]]) {
    const response = await fetch(`${nginx.origin}/`, { redirect: "manual", headers: { "accept-language": accept } });
    assert.equal(response.status, 302, accept);
    assert.equal(new URL(response.headers.get("location"), nginx.origin).pathname, to, accept);
  }
});

test("through nginx, the calculator, the guide and search work with no CSP violation", async () => {
  const context = await site.browser.newContext();
  const { page, foreign, errors } = await openPage(context, nginx.origin);
  await page.goto(`${nginx.origin}/en/unlawful-presence/calculator/`);
  await page.locator(".calc-app").waitFor();
  await page.goto(`${nginx.origin}/es/guia/`);
  await page.locator(".guide-interactive form.guide-question").waitFor();
  await page.goto(`${nginx.origin}/es/search/#q=permiso%20de%20trabajo`);
  await page.waitForFunction(() => document.querySelector(".search-page").dataset.shown === "permiso de trabajo");
  assert.ok((await page.locator(".search-result").count()) > 0);
  const wasm = await page.request.get(`${nginx.origin}${await page.evaluate(() => document.querySelector(".search-page").dataset.glue)}`);
  assert.equal(wasm.headers()["cache-control"], "public, max-age=31536000, immutable");
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});
