// Measures the search box's work outside the browser, with the same WebAssembly and index files:
// the index's size, the time to read it, and the median time of a query.
// Usage: node tests/bench/search_query.mjs PUBLIC_DIR LANG [QUERY …]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, lang = "en", ...given] = process.argv.slice(2);
const home = readFileSync(join(dir, lang, "index.html"), "utf8");
const attr = (name) => home.match(new RegExp(`${name}=([^ >]+)`))[1];
const indexFile = join(dir, attr("data-index"));
const glueFile = join(dir, attr("data-glue"));
const glue = await import(pathToFileURL(glueFile));
// The glue names its wasm file; read that one.
const wasmName = readFileSync(glueFile, "utf8").match(/puente_search\.[0-9a-f]+\.wasm/)[0];
glue.initSync({ module: readFileSync(join(dir, "widgets", wasmName)) });

const index = readFileSync(indexFile, "utf8");
let t = performance.now();
const search = new glue.Search(index);
const loadMs = performance.now() - t;
const queries = given.length
  ? given
  : lang === "es"
    ? ["permiso de viaje", "cuánto cuesta el parole", "i131", "patrocinador", "presencia ilegal", "niños", "formulario", "trámite", "perm", "documento de viaje"]
    : ["advance parole", "how much does it cost", "i131", "sponsor", "unlawful presence", "children", "form", "travel document", "perm", "imigration"];
const times = [];
for (let round = 0; round < 20; round++) {
  for (const q of queries) {
    t = performance.now();
    search.query(q, 8);
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p95 = times[Math.floor(times.length * 0.95)];
console.log(
  JSON.stringify({
    index_bytes: Buffer.byteLength(index),
    index_gzip_bytes: gzipSync(index, { level: 9 }).length,
    load_ms: Number(loadMs.toFixed(1)),
    query_median_ms: Number(median.toFixed(3)),
    query_p95_ms: Number(p95.toFixed(3)),
    queries: times.length,
  }),
);
