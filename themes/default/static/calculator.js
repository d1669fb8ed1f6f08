// The unlawful-presence calculator's form. All counting is done by puente-core compiled to WebAssembly,
// the same code that computed the worked examples on this page. Nothing is stored or sent anywhere.
const root = document.querySelector('.calc[data-widget="unlawful-presence"]');
if (root) start(root);

function start(root) {
  const app = root.querySelector(".calc-app");
  const form = root.querySelector(".calc-form");
  const stays = root.querySelector(".calc-stays");
  const result = root.querySelector(".calc-result");
  const resultBody = root.querySelector(".calc-result-body");
  const summary = root.querySelector(".calc-error-summary");
  const stayTemplate = root.querySelector(".calc-stay-template");
  const eventTemplate = root.querySelector(".calc-event-template");
  const t = JSON.parse(root.querySelector(".calc-strings").textContent);
  let engine = null;
  let uid = 0;

  root.querySelector(".calc-nojs").remove();
  app.hidden = false;
  const asOf = form.querySelector("#calc-as-of");
  asOf.value = today();

  function today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }

  function text(key, values = {}) {
    let s = t[key] ?? key;
    for (const [k, v] of Object.entries(values)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  }

  function formatDate(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return text("date_format", { day: d, month: t[`month_${m}`], year: y });
  }

  // Gives every field of a cloned fieldset a unique id, its label a matching `for`, and its error a link.
  function wire(fieldset) {
    for (const field of fieldset.querySelectorAll(":scope > .field, :scope > div > .field")) {
      const control = field.querySelector("[data-name]");
      if (!control || control.id) continue;
      control.id = `calc-f${++uid}`;
      const label = field.querySelector("label[data-for]");
      if (label) label.htmlFor = control.id;
      const hint = field.querySelector(".hint");
      const error = field.querySelector(".field-error");
      const described = [];
      if (hint) described.push((hint.id = `${control.id}-hint`));
      if (error) described.push((error.id = `${control.id}-error`));
      if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    }
  }

  function addStay() {
    const fieldset = stayTemplate.content.firstElementChild.cloneNode(true);
    stays.append(fieldset);
    wire(fieldset);
    fieldset.querySelector(".calc-add-event").addEventListener("click", () => addEvent(fieldset));
    fieldset.querySelector(".calc-remove-stay").addEventListener("click", () => {
      fieldset.remove();
      renumber();
      (stays.querySelector(".calc-stay:last-child [data-name=entry_date]") || root.querySelector(".calc-add-stay")).focus();
    });
    fieldset.addEventListener("change", () => refresh(fieldset));
    renumber();
    refresh(fieldset);
    return fieldset;
  }

  function addEvent(stay) {
    const fieldset = eventTemplate.content.firstElementChild.cloneNode(true);
    stay.querySelector(".calc-events").append(fieldset);
    wire(fieldset);
    fieldset.querySelector(".calc-remove-event").addEventListener("click", () => {
      fieldset.remove();
      renumber();
      stay.querySelector(".calc-add-event").focus();
    });
    renumber();
    refresh(stay);
    fieldset.querySelector("[data-name=type]").focus();
  }

  // Numbers stays, and records on each control the input path the engine uses in its error messages.
  function renumber() {
    stays.querySelectorAll(".calc-stay").forEach((stay, i) => {
      stay.querySelector(".calc-stay-number").textContent = String(i + 1);
      stay.querySelector(".calc-remove-stay").hidden = stays.children.length === 1;
      for (const control of stay.querySelectorAll(":scope > .field [data-name]")) {
        control.dataset.path = `stays[${i}].${control.dataset.name}`;
      }
      stay.querySelectorAll(".calc-event").forEach((event, j) => {
        for (const control of event.querySelectorAll("[data-name]")) {
          const name = ["protection", "exception"].includes(control.dataset.name) ? "kind" : control.dataset.name;
          control.dataset.path = `stays[${i}].events[${j}].${name}`;
        }
      });
    });
  }

  // Shows only the fields that apply to the answers given so far.
  function refresh(stay) {
    const entry = stay.querySelector("[data-name=entry]").value;
    for (const f of stay.querySelectorAll("[data-show-entry]")) f.hidden = !f.dataset.showEntry.split(" ").includes(entry);
    const departed = stay.querySelector("[data-name=departure]").value !== "";
    stay.querySelector("[data-show-departed]").hidden = !departed;
    for (const event of stay.querySelectorAll(".calc-event")) {
      const type = event.querySelector("[data-name=type]").value;
      const decided = event.querySelector("[data-name=decision]").value !== "pending";
      for (const f of event.querySelectorAll("[data-show-type]")) {
        f.hidden = !f.dataset.showType.split(" ").includes(type) || (f.hasAttribute("data-show-decided") && !decided);
      }
    }
  }

  const value = (scope, name) => {
    const control = scope.querySelector(`[data-name=${name}]`);
    return control && !control.closest("[hidden]") ? control.value || null : null;
  };
  const checked = (scope, name) => scope.querySelector(`[data-name=${name}]`).checked;

  function readEvent(event) {
    const type = value(event, "type");
    const decision = value(event, "decision") || "pending";
    const decisionDate = decision === "pending" ? null : value(event, "decision_date");
    switch (type) {
      case "extension_or_change_filed":
        return { type, date: value(event, "date"), timely: checked(event, "timely"), decision, decision_date: decisionDate,
          frivolous_or_unauthorized_work: checked(event, "frivolous_or_unauthorized_work") };
      case "adjustment_filed":
        return { type, date: value(event, "date"), decision, decision_date: decisionDate };
      case "asylum_filed":
        return { type, date: value(event, "date"), decision: decision === "approved" ? "granted" : decision,
          decision_date: decisionDate, unauthorized_work: checked(event, "unauthorized_work") };
      case "protected_period":
        return { type, kind: value(event, "protection"), from: value(event, "from"), to: value(event, "to") };
      case "exception":
        return { type, kind: value(event, "exception"), from: value(event, "from"), to: value(event, "to") };
      default:
        return { type, date: value(event, "date") };
    }
  }

  function readForm() {
    return {
      date_of_birth: form.querySelector("#calc-dob").value || null,
      as_of: asOf.value || null,
      removal_order_date: form.querySelector("#calc-removal-order").value || null,
      stays: [...stays.querySelectorAll(".calc-stay")].map((stay) => {
        const departure = value(stay, "departure");
        return {
          entry_date: value(stay, "entry_date"),
          entry: value(stay, "entry"),
          authorized_until: value(stay, "authorized_until"),
          events: [...stay.querySelectorAll(".calc-event")].map(readEvent),
          departure_date: departure ? value(stay, "departure_date") : null,
          departure: departure || null,
        };
      }),
    };
  }

  // Empty or impossible dates the browser already knows about, before asking the engine.
  function missingDates() {
    const errors = [];
    for (const input of form.querySelectorAll("input[type=date][data-path]")) {
      if (input.closest("[hidden]")) continue;
      const optional = ["date_of_birth", "as_of", "authorized_until", "removal_order_date"].some((n) => input.dataset.path.endsWith(n)) &&
        !(input.dataset.path.endsWith("authorized_until") && ["admitted", "paroled"].includes(value(input.closest(".calc-stay"), "entry")));
      if (input.validity.badInput) errors.push({ field: input.dataset.path, code: "invalid_date" });
      else if (!input.value && !optional) errors.push({ field: input.dataset.path, code: "missing" });
    }
    return errors;
  }

  function clearErrors() {
    summary.hidden = true;
    summary.querySelector("ul")?.remove();
    for (const e of form.querySelectorAll(".field-error")) {
      e.hidden = true;
      e.textContent = "";
    }
    for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  }

  function showErrors(errors) {
    const list = document.createElement("ul");
    for (const error of errors) {
      const message = t[`calc_error_${error.code}`] ?? error.message;
      const control = form.querySelector(`[data-path="${CSS.escape(error.field)}"]`);
      const item = document.createElement("li");
      if (control) {
        control.setAttribute("aria-invalid", "true");
        const slot = control.closest(".field").querySelector(".field-error");
        if (slot && slot.hidden) {
          slot.textContent = message;
          slot.hidden = false;
        }
        const link = document.createElement("a");
        link.href = `#${control.id}`;
        const label = control.closest(".field").querySelector("label");
        link.textContent = `${label ? label.textContent : ""}: ${message}`;
        link.addEventListener("click", (e) => {
          e.preventDefault();
          control.focus();
        });
        item.append(link);
      } else {
        item.textContent = message;
      }
      list.append(item);
    }
    summary.append(list);
    summary.hidden = false;
    result.hidden = true;
    summary.focus();
  }

  function element(tag, className, content) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  // Grouped as the page's language writes numbers (3,623 or 3.623), the same as the worked examples.
  const numbers = {
    format: (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, t.number_group_separator ?? ","),
  };

  /** What a departure brought, in one sentence: a bar still running, a bar that is over, or none. */
  function departureResult(r) {
    if (r.bar === "none") return text("calc_result_no_bar");
    if (r.bar_over) return text(`calc_result_bar_over_${r.bar}`, { date: formatDate(r.bar_last_day) });
    return text(`calc_result_${r.bar}`, { date: formatDate(r.bar_clears) });
  }

  /** The class that colours a result: a bar in force, one that is over, none, or a stay still going. */
  function severity(bar, over) {
    return bar === "none" ? "calc-bar-none" : over ? "calc-bar-over" : `calc-bar-${bar}`;
  }

  function showResult(output, input) {
    resultBody.replaceChildren();
    const asOfText = formatDate(output.as_of);
    resultBody.append(element("p", "calc-as-of", text("calc_result_as_of", { date: asOfText })));
    output.stays.forEach((stay, i) => {
      const section = element("section", "calc-stay-result");
      section.append(element("h3", null, text("calc_result_stay", { n: i + 1, date: formatDate(input.stays[i].entry_date) })));
      // The headline first: what leaving now would start, or what the departure started.
      if (stay.bar_if_leaving) {
        const leaving = text(`calc_result_leaving_${stay.bar_if_leaving}`, {
          date: asOfText,
          clears: stay.bar_if_leaving_clears ? formatDate(stay.bar_if_leaving_clears) : "",
        });
        section.append(element("p", `calc-bar calc-leaving calc-bar-${stay.bar_if_leaving === "none" ? "pending" : stay.bar_if_leaving}`, leaving));
        const last = stay.periods[stay.periods.length - 1];
        if (stay.bar_if_leaving !== "ten_year" && last && last.counts) section.append(element("p", "calc-still-counting", text("calc_result_still_counting")));
      } else if (stay.advance_parole_readings) {
        const readings = stay.advance_parole_readings;
        section.append(element("p", `calc-bar ${severity(stay.bar, stay.bar_over)}`, departureResult(stay)));
        section.append(element("h4", null, text("calc_result_ap_title")));
        const list = element("ul", "calc-readings");
        list.append(element("li", null, text("calc_result_ap_arrabally", { result: departureResult(readings.arrabally) })));
        list.append(element("li", null, text("calc_result_ap_delcarmen_lara", { result: departureResult(readings.delcarmen_lara) })));
        section.append(list, element("p", null, text("calc_result_ap_plan")));
      } else {
        section.append(element("p", `calc-bar ${severity(stay.bar, stay.bar_over)}`, departureResult(stay)));
      }
      section.append(element("p", "calc-days", text("calc_result_days", { days: numbers.format(stay.unlawful_days) })));
      if (stay.unlawful_days_without_departure_day !== stay.unlawful_days) {
        section.append(element("p", null, text("calc_result_days_alt", { days: numbers.format(stay.unlawful_days_without_departure_day) })));
      }
      section.append(element("p", null, stay.first_unlawful_day
        ? text("calc_result_first_day", { date: formatDate(stay.first_unlawful_day) })
        : text("calc_result_none_counted")));
      // Past days in the past tense, days still ahead in the future tense.
      for (const [key, day] of [["calc_result_day_181", stay.day_181], ["calc_result_day_365", stay.day_365]]) {
        if (day) section.append(element("p", null, text(day <= output.as_of ? `${key}_past` : key, { date: formatDate(day) })));
      }
      section.append(element("h4", null, text("calc_timeline")));
      const timeline = element("ol", "calc-timeline");
      for (const p of stay.periods) {
        const item = element("li", p.counts ? "counts" : "excluded");
        // Each date stays on one line; a range may break after its dash on a narrow screen.
        const range = element("span", "calc-range");
        range.append(element("span", "calc-date", formatDate(p.from)));
        if (p.from !== p.to) range.append(document.createTextNode(" – "), element("span", "calc-date", formatDate(p.to)));
        item.append(range);
        item.append(document.createTextNode(": "));
        item.append(element("strong", null, p.counts ? text("calc_counts") : text("calc_does_not_count")));
        item.append(document.createTextNode(` (${text(`calc_reason_${p.reason}`)})`));
        timeline.append(item);
      }
      section.append(timeline);
      addCautions(section, stay.cautions);
      resultBody.append(section);
    });
    const total = element("section", "calc-stay-result");
    const permanent = output.permanent_bar;
    if (permanent.applies) {
      const entry = formatDate(permanent.triggering_entry_date);
      if (permanent.grounds.includes("removal_order")) {
        total.append(element("p", "calc-bar calc-bar-permanent", text("calc_result_permanent_removal", {
          order: formatDate(permanent.removal_order_date), date: entry })));
      }
      if (permanent.grounds.includes("unlawful_presence_over_one_year")) {
        total.append(element("p", "calc-bar calc-bar-permanent", text("calc_result_permanent_detail", {
          days: numbers.format(permanent.aggregate_unlawful_days), date: entry })));
      }
    }
    total.append(element("p", null, text("calc_result_total_days", { days: numbers.format(permanent.aggregate_unlawful_days) })));
    addCautions(total, output.cautions);
    resultBody.append(total);
    result.hidden = false;
    result.focus();
  }

  function addCautions(section, cautions) {
    if (!cautions.length) return;
    section.append(element("h4", null, text("calc_cautions")));
    const list = element("ul", "calc-cautions");
    for (const code of cautions) list.append(element("li", null, text(`calc_caution_${code}`)));
    section.append(list);
  }

  async function calculate() {
    if (!engine) {
      const glue = await import(root.dataset.glue);
      await glue.default();
      engine = glue;
    }
    return JSON.parse(engine.unlawful_presence(JSON.stringify(input), today()));
  }

  let input = null;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    const early = missingDates();
    if (early.length) return showErrors(early);
    input = readForm();
    const answer = await calculate();
    if (answer.errors) showErrors(answer.errors);
    else showResult(answer.ok, input);
  });

  root.querySelector(".calc-add-stay").addEventListener("click", () => addStay().querySelector("[data-name=entry_date]").focus());
  root.querySelector(".calc-print").addEventListener("click", () => window.print());
  root.querySelector(".calc-clear").addEventListener("click", () => {
    form.reset();
    clearErrors();
    stays.replaceChildren();
    addStay();
    asOf.value = today();
    resultBody.replaceChildren();
    result.hidden = true;
    input = null;
    form.querySelector("#calc-dob").focus();
  });

  addStay();
}
