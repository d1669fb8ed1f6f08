// The search page. The index and the WebAssembly that reads it (puente-core's search, the same code
// that built the index) load when this page opens; no other page loads any of it. The query never
// leaves the page: searching happens here, the only requests are for the site's own index files, and
// the query is kept only in the address's #fragment, which browsers never send, so Back returns to it.
const root = document.querySelector(".search-page[data-index]");
if (root) start(root);

function start(root) {
  const form = root.querySelector(".search-form");
  const input = root.querySelector(".search-input");
  const list = root.querySelector(".search-results");
  const status = root.querySelector(".search-status");
  const t = JSON.parse(root.querySelector(".search-strings").textContent);
  const fragments = new Map();
  let engine = null;
  let shown = 0;

  function text(key, values = {}) {
    let s = t[key] ?? key;
    for (const [k, v] of Object.entries(values)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  }

  function element(tag, className, content) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  async function fetchText(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  }

  function fragment(url) {
    if (!fragments.has(url)) fragments.set(url, fetchText(url).then(JSON.parse));
    return fragments.get(url);
  }

  async function load() {
    const [glue, index] = await Promise.all([import(root.dataset.glue), fetchText(root.dataset.index)]);
    await glue.default();
    engine = new glue.Search(index);
  }

  function search() {
    const query = input.value;
    const run = ++shown;
    history.replaceState(null, "", query.trim() ? `#q=${encodeURIComponent(query)}` : location.pathname);
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      delete root.dataset.shown;
      return;
    }
    const started = performance.now();
    const hits = JSON.parse(engine.query(query, 20));
    root.dataset.queryMs = (performance.now() - started).toFixed(2);
    list.replaceChildren(...hits.map(result));
    status.textContent = hits.length
      ? text(hits.length === 1 ? "search_results_one" : "search_results_many", { n: hits.length })
      : text("search_none", { q: query.trim() });
    // Which query the list shows (the browser tests wait for it).
    root.dataset.shown = query;
    hits.forEach((hit, i) => addExcerpt(hit, list.children[i], run));
  }

  function result(hit) {
    const item = element("li", "search-result");
    const link = element("a", "search-result-title", hit.title);
    link.href = hit.url;
    item.append(link);
    const where = hit.heading && hit.heading !== hit.title ? `${hit.section} › ${hit.heading}` : hit.section;
    if (where && where !== hit.title) item.append(element("span", "search-result-where", where));
    return item;
  }

  async function addExcerpt(hit, item, run) {
    let texts;
    try {
      texts = await fragment(hit.fragment);
    } catch {
      return;
    }
    const body = texts[hit.fragment_index];
    if (run !== shown || !body) return;
    const excerpt = element("p", "search-result-excerpt");
    for (const piece of JSON.parse(engine.excerpt(body, JSON.stringify(hit.terms), 24))) {
      excerpt.append(piece.mark ? element("mark", null, piece.text) : document.createTextNode(piece.text));
    }
    item.append(excerpt);
  }

  root.querySelector(".search-fallback").hidden = true;
  form.hidden = false;
  status.textContent = text("search_loading");
  const wanted = new URLSearchParams(location.hash.slice(1)).get("q");
  if (wanted) input.value = wanted;
  input.focus();
  load().then(
    () => {
      status.textContent = "";
      input.addEventListener("input", search);
      if (input.value) search();
    },
    (error) => {
      console.warn("Search could not load.", error);
      status.textContent = text("search_failed");
      root.querySelector(".search-fallback").hidden = false;
      form.hidden = true;
    },
  );
  // Enter moves to the first result; the results are already on the page.
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    list.querySelector("a")?.focus();
  });
}
