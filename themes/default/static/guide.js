// The eligibility guide, one question at a time on this page. Which step comes next is decided by
// puente-core compiled to WebAssembly: the same engine that generated the plain-link pages this script
// stands in for. The answers live only in the page's address: each step gets the address of its own
// plain page (in this tab's history), so Back and Forward move between steps, and a reload, a bookmark or
// the language switch opens that step's page with the same answers. Nothing is stored, and nothing is sent.
// If anything here fails to load, the plain links the page was built with stay and keep working.
const root = document.querySelector('.guide[data-widget="eligibility"][data-glue]');
if (root) {
  start(root).catch((error) => console.warn("The interactive guide is off; the plain links still work.", error));
}

async function start(root) {
  const t = JSON.parse(root.querySelector(".guide-strings").textContent);
  const [glue, data] = await Promise.all([
    import(root.dataset.glue),
    fetch(root.dataset.flow).then((r) => {
      if (!r.ok) throw new Error(`${root.dataset.flow}: ${r.status}`);
      return r.text();
    }),
  ]);
  await glue.default();
  const guide = new glue.Guide(data);

  /** The answers given, in order: [question id, answer id]. */
  let answers = [];
  /** Where the guide lives in each language ({"en": "/en/guide/", "es": "/es/guia/"}). */
  const hosts = JSON.parse(root.dataset.hosts || "{}");
  const lang = document.documentElement.lang;
  const firstTitle = document.title;
  // The site's name after the page's, as base.html writes titles ("Title · Site").
  const siteTitle = firstTitle.includes(" · ") ? firstTitle.slice(firstTitle.lastIndexOf(" · ")) : "";
  /** The last answer chosen for each question, so going back shows it selected. */
  const chosen = new Map();
  /** The announcement waiting to be made, cancelled when the reader moves on first. */
  let announcement = 0;

  const view = element("div", "guide-view");
  const status = element("p", "visually-hidden");
  status.setAttribute("role", "status");
  root.replaceChildren(view, status);
  root.classList.add("guide-interactive");
  history.replaceState({ guide: answers }, "", location.href);
  show({ focus: false });
  // Back and Forward: the answers come from the history entry the browser returns to.
  window.addEventListener("popstate", (event) => {
    const saved = event.state && Array.isArray(event.state.guide) ? event.state.guide : [];
    answers = saved;
    show({ focus: true, push: false });
  });

  /** The address of the step `given` leads to, in `code`'s language: the plain page of that step. */
  function address(given, code) {
    return hosts[code] === undefined ? null : hosts[code] + guide.path(JSON.stringify(given), code);
  }

  /** Keeps the address, the title and the language switch on the step the reader is at. */
  function remember(step, push, from) {
    const url = address(answers, lang);
    if (url && push) history.pushState({ guide: answers, from }, "", url);
    const heading = step.kind === "question" ? step.text : step.title;
    document.title = answers.length ? `${heading}${siteTitle}` : firstTitle;
    for (const link of document.querySelectorAll("a[hreflang]")) {
      const other = address(answers, link.hreflang);
      if (other) link.href = other;
    }
  }

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

  function button(label, className, onClick) {
    const b = element("button", className, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function current() {
    const answer = JSON.parse(guide.step(JSON.stringify(answers)));
    if (answer.error) throw new Error(answer.error);
    return answer.ok;
  }

  /** Draws the step the answers lead to. `focus` moves focus to its heading (not on page load); `push`
   *  adds a history entry for it (not when the reader came back to one). */
  function show({ focus, push = false, from = null }) {
    const step = current();
    remember(step, push, from);
    const parts = [step.kind === "question" ? question(step) : outcome(step)];
    if (step.answered.length) parts.push(summary(step.answered));
    parts.push(element("p", "guide-privacy", text("guide_privacy_js")));
    view.replaceChildren(...parts);
    const progress = { n: step.number, total: step.at_most };
    status.textContent = "";
    clearTimeout(announcement);
    if (!focus) return;
    view.querySelector(".guide-heading").focus();
    // Said after the heading the screen reader reads on focus.
    announcement = setTimeout(() => {
      status.textContent =
        step.kind === "question"
          ? text("guide_question_number", progress)
          : text("guide_announce_result", { title: step.title });
    }, 100);
  }

  function go(newAnswers) {
    const from = answers;
    answers = newAnswers;
    show({ focus: true, push: true, from });
  }

  // "Back" is the browser's Back when this step's history entry was made from the previous step, so that
  // the button and the browser never disagree; otherwise (after a reload, say) it adds the previous step.
  function back() {
    const previous = answers.slice(0, -1);
    if (history.state && sameStep(history.state.from, previous)) history.back();
    else go(previous);
  }

  function sameStep(a, b) {
    return Array.isArray(a) && JSON.stringify(a) === JSON.stringify(b);
  }

  function question(step) {
    const form = element("form", "guide-question guide-form");
    form.noValidate = true;
    form.dataset.question = step.id;
    form.append(element("p", "guide-progress", text("guide_question_number", { n: step.number, total: step.at_most })));
    const fieldset = element("fieldset", "guide-fieldset");
    const legend = element("legend");
    const heading = element("h2", "guide-heading", step.text);
    heading.tabIndex = -1;
    legend.append(heading);
    fieldset.append(legend);
    const described = [];
    if (step.help) {
      const hint = element("p", "hint", step.help);
      hint.id = "guide-hint";
      described.push(hint.id);
      fieldset.append(hint);
    }
    const error = element("p", "field-error");
    error.id = "guide-error";
    error.hidden = true;
    fieldset.append(error);
    if (described.length) fieldset.setAttribute("aria-describedby", described.join(" "));
    const choices = element("div", "guide-choices");
    step.answers.forEach((answer, i) => {
      const row = element("div", "field-check guide-choice");
      const input = element("input");
      input.type = "radio";
      input.name = "answer";
      input.value = answer.id;
      input.id = `guide-answer-${i}`;
      input.checked = chosen.get(step.id) === answer.id;
      const label = element("label", null, answer.text);
      label.htmlFor = input.id;
      row.append(input, label);
      choices.append(row);
    });
    fieldset.append(choices);
    form.append(fieldset);
    const actions = element("p", "guide-actions");
    const next = element("button", "button", text("guide_continue"));
    next.type = "submit";
    actions.append(next);
    if (answers.length) actions.append(button(text("guide_back"), "button button-secondary guide-back", back));
    form.append(actions);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const picked = form.querySelector("input[name=answer]:checked");
      if (!picked) {
        error.textContent = `${text("guide_error_prefix")} ${text("guide_choose")}`;
        error.hidden = false;
        fieldset.setAttribute("aria-describedby", [...described, error.id].join(" "));
        fieldset.classList.add("guide-fieldset-error");
        form.querySelector("input[name=answer]").focus();
        return;
      }
      chosen.set(step.id, picked.value);
      go([...answers, [step.id, picked.value]]);
    });
    return form;
  }

  function outcome(step) {
    const section = element("section", "guide-outcome");
    section.id = "guide-result";
    section.dataset.outcome = step.id;
    section.setAttribute("aria-labelledby", `guide-outcome-${step.id}`);
    const heading = element("h2", "guide-heading", step.title);
    heading.id = `guide-outcome-${step.id}`;
    heading.tabIndex = -1;
    section.append(heading, element("p", "lead", step.summary));
    // What these answers add (such as a bar that leaving could start), before anything else.
    for (const notice of step.notices) {
      const callout = element("div", `callout callout-${notice.kind} guide-notice`);
      callout.setAttribute("role", "note");
      callout.dataset.notice = notice.id;
      callout.append(element("p", "callout-title", text(`callout_${notice.kind}`)), element("p", null, notice.text));
      if (notice.pages.length) {
        const ul = element("ul");
        for (const page of notice.pages) {
          const a = element("a", null, page.title);
          a.href = page.url;
          const li = element("li");
          li.append(a);
          ul.append(li);
        }
        callout.append(ul);
      }
      section.append(callout);
    }
    for (const warning of step.warnings) {
      const callout = element("div", "callout callout-warning");
      callout.setAttribute("role", "note");
      callout.append(element("p", "callout-title", text("callout_warning")), element("p", null, warning));
      section.append(callout);
    }
    list(section, text("guide_read_next"), step.pages, (page) => {
      const a = element("a", null, page.title);
      a.href = page.url;
      return a;
    });
    list(section, text("guide_forms"), step.forms, (form) => `${text("guide_form_prefix")} ${form}`);
    list(section, text("guide_evidence"), step.evidence, (item) => item);
    const notice = element("p", "guide-not-decision", `${text("guide_not_a_decision")} `);
    const help = element("a", null, text("find_legal_help"));
    help.href = root.dataset.helpUrl;
    notice.append(help);
    section.append(notice);
    const actions = element("p", "guide-actions");
    actions.append(
      button(text("guide_back"), "button button-secondary guide-back", back),
      button(text("guide_print"), "button button-secondary guide-print", () => window.print()),
    );
    section.append(actions);
    return section;
  }

  function list(section, title, items, item) {
    if (!items.length) return;
    const ul = element("ul");
    for (const x of items) {
      const li = element("li");
      li.append(item(x));
      ul.append(li);
    }
    section.append(element("h3", null, title), ul);
  }

  function summary(answered) {
    const section = element("section", "guide-answered");
    section.setAttribute("aria-labelledby", "guide-answered-title");
    const heading = element("h2", null, text("guide_your_answers"));
    heading.id = "guide-answered-title";
    const dl = element("dl");
    answered.forEach((a, n) => {
      const row = element("div", "guide-answered-row");
      const dd = element("dd", null, `${a.answer} `);
      const change = button(text("guide_change"), "button-link guide-change", () => go(answers.slice(0, n)));
      change.append(element("span", "visually-hidden", `: ${a.question}`));
      dd.append(change);
      row.append(element("dt", null, a.question), dd);
      dl.append(row);
    });
    const restart = button(text("guide_start_again"), "button button-secondary guide-restart", () => {
      chosen.clear();
      go([]);
    });
    const again = element("p");
    again.append(restart);
    section.append(heading, dl, again);
    return section;
  }
}
