// The search box in the header. The index and the WebAssembly that reads it (puente-core's search, the
// same code that built the index) load the first time the box is used. The query never leaves this
// page: searching happens here, and the only requests are for the site's own index files.
const form = document.querySelector(".search-form[data-index]");
if (form) start(form);

function start(form) {
  const input = form.querySelector(".search-input");
  const panel = form.querySelector(".search-panel");
  const list = form.querySelector(".search-results");
  const message = form.querySelector(".search-message");
  const status = form.querySelector(".search-status");
  const t = JSON.parse(form.querySelector(".search-strings").textContent);
  const fragments = new Map();
  let engine = null;
  let loading = null;
  let hits = [];
  let active = -1;
  let shown = 0;

  form.hidden = false;

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

  function load() {
    loading ??= (async () => {
      const [glue, index] = await Promise.all([import(form.dataset.glue), fetchText(form.dataset.index)]);
      await glue.default();
      engine = new glue.Search(index);
    })();
    return loading;
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

  function open(isOpen) {
    panel.hidden = !isOpen;
    input.setAttribute("aria-expanded", String(isOpen));
    if (!isOpen) select(-1);
  }

  function select(n) {
    active = n;
    list.querySelectorAll("[role=option]").forEach((option, i) => option.setAttribute("aria-selected", String(i === n)));
    if (n >= 0) {
      const option = list.children[n];
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  async function search() {
    const query = input.value;
    const run = ++shown;
    if (!query.trim()) {
      list.replaceChildren();
      message.textContent = "";
      status.textContent = "";
      hits = [];
      open(false);
      return;
    }
    if (!engine) {
      message.textContent = text("search_loading");
      open(true);
      try {
        await load();
      } catch (error) {
        console.warn("Search could not load.", error);
        message.textContent = text("search_failed");
        return;
      }
      if (run !== shown) return;
    }
    const started = performance.now();
    hits = JSON.parse(engine.query(query, 8));
    form.dataset.queryMs = (performance.now() - started).toFixed(2);
    list.replaceChildren(...hits.map(result));
    select(-1);
    message.textContent = hits.length ? "" : text("search_none", { q: query.trim() });
    status.textContent = hits.length
      ? text(hits.length === 1 ? "search_results_one" : "search_results_many", { n: hits.length })
      : message.textContent;
    open(true);
    // Which query the list shows (the browser tests wait for it).
    form.dataset.shown = query;
    hits.forEach((hit, i) => addExcerpt(hit, list.children[i], run));
  }

  function result(hit, i) {
    const option = element("li", "search-result");
    option.id = `search-result-${i}`;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    option.dataset.url = hit.url;
    option.append(element("span", "search-result-title", hit.title));
    const where = hit.heading && hit.heading !== hit.title ? `${hit.section} › ${hit.heading}` : hit.section;
    if (where && where !== hit.title) option.append(element("span", "search-result-where", where));
    option.addEventListener("mousedown", (e) => e.preventDefault());
    option.addEventListener("click", () => go(i));
    return option;
  }

  async function addExcerpt(hit, option, run) {
    let texts;
    try {
      texts = await fragment(hit.fragment);
    } catch {
      return;
    }
    const body = texts[hit.fragment_index];
    if (run !== shown || !body) return;
    const excerpt = element("span", "search-result-excerpt");
    for (const piece of JSON.parse(engine.excerpt(body, JSON.stringify(hit.terms), 24))) {
      excerpt.append(piece.mark ? element("mark", null, piece.text) : document.createTextNode(piece.text));
    }
    option.append(excerpt);
  }

  function go(n) {
    const hit = hits[n];
    if (hit) window.location.assign(hit.url);
  }

  input.addEventListener("focus", () => {
    load().catch(() => {});
    if (hits.length || message.textContent) open(true);
  });
  input.addEventListener("input", search);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!hits.length) return;
      e.preventDefault();
      open(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      // From the box (-1) through each result and back to the box.
      let next = active + step;
      if (next >= hits.length) next = -1;
      if (next < -1) next = hits.length - 1;
      select(next);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (hits.length) go(active >= 0 ? active : 0);
    } else if (e.key === "Escape") {
      if (!panel.hidden) {
        e.preventDefault();
        open(false);
      } else if (input.value) {
        input.value = "";
        search();
      }
    }
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("focusout", (e) => {
    if (!form.contains(e.relatedTarget)) open(false);
  });
  // "/" jumps to the search box from anywhere but a text field.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    e.preventDefault();
    input.focus();
  });
}
