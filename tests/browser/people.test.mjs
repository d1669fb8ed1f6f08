// Eight real situations, walked end to end as the person would: the guide with JavaScript (one question at
// a time) and without it (a page per step), in English and in Spanish, on a 390×844 phone, and the
// calculator where their question is about leaving. Each asserts the sentences that person must read,
// not only where they ended up.
import assert from "node:assert/strict";
import { test } from "node:test";
import { answerText, openPage, useSite } from "./harness.mjs";

const site = useSite();
const GUIDE = { en: "/en/guide/", es: "/es/guia/" };
const CALCULATOR = { en: "/en/unlawful-presence/calculator/", es: "/es/presencia-ilegal/calculadora/" };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// The sentence every reader inside the US who may have more than 180 days without permission must see.
const LEAVING = {
  en: "Leaving the United States could start a 3-year or 10-year bar on coming back",
  es: "Salir de Estados Unidos podría activar un castigo de 3 o de 10 años que le impida volver",
};
const TALK_FIRST = {
  en: "Talk to a legal helper before any trip, even a short one",
  es: "Hable con un experto legal antes de cualquier viaje, aunque sea corto",
};

const people = [
  {
    who: "a mother in the US since 2015, entered without inspection, more than 180 days, nothing else applies",
    answers: [["where", "inside"], ["removal", "no"], ["unlawful_presence", "yes"], ["inside_status", "none"], ["family_in_us", "none"]],
    outcome: "no_fit_inside",
    must: { en: [LEAVING.en, TALK_FIRST.en, "Parole may not be what you need"], es: [LEAVING.es, TALK_FIRST.es, "Es posible que el parole no sea lo que necesita"] },
    links: { en: ["Unlawful presence calculator"], es: ["Calculadora de presencia ilegal"] },
  },
  {
    who: "someone removed in 2010 who came back without inspection",
    answers: [["where", "inside"], ["removal", "yes"]],
    outcome: "removal_inside",
    must: {
      en: ["Do not travel. Get legal help now", "do not leave the United States, not even with an advance parole document"],
      es: ["No viaje. Busque ayuda legal ahora", "no salga de Estados Unidos, ni siquiera con un permiso de regreso"],
    },
  },
  {
    who: "a DACA recipient who wants to visit a grandparent and is not sure about the 180 days",
    answers: [["where", "inside"], ["removal", "no"], ["unlawful_presence", "not_sure"], ["inside_status", "daca"], ["travel_need", "yes"]],
    outcome: "travel_bar_risk",
    must: {
      en: [LEAVING.en, "Travel could trigger a 3-year or 10-year bar", "reported, not confirmed"],
      es: [LEAVING.es, "Viajar podría activar un castigo de 3 o de 10 años", "sin confirmar"],
    },
  },
  {
    who: "a CHNV parolee whose parole ended in 2025",
    answers: [["where", "inside"], ["removal", "no"], ["unlawful_presence", "not_sure"], ["inside_status", "paroled"], ["parole_program", "chnv"]],
    outcome: "chnv_status",
    must: {
      en: [LEAVING.en, "the days since then may count as unlawful presence"],
      es: [LEAVING.es, "los días desde entonces pueden contar como presencia ilegal"],
    },
  },
  {
    who: "a family-reunification parolee",
    answers: [["where", "inside"], ["removal", "no"], ["unlawful_presence", "no"], ["inside_status", "paroled"], ["parole_program", "cfrp_frp"]],
    outcome: "frp_status",
    must: {
      en: ["do not travel until a legal helper has looked at your case", "blocking the terminations while the case goes on", "your parole did not end on"],
      es: ["no viaje hasta que un experto legal revise su caso", "bloquea las terminaciones mientras sigue el caso", "su parole no terminó el"],
    },
    mustNot: LEAVING,
  },
  {
    who: "a person abroad whose brother in the US is dying",
    answers: [["where", "abroad"], ["removal", "no"], ["reason_abroad", "family_emergency"], ["minor", "no"]],
    outcome: "humanitarian",
    must: {
      en: ["ask USCIS to expedite (speed up) the request", "800-375-5283", "the coming death of a close relative"],
      es: ["pida a USCIS que acelere (expedite) la solicitud", "800-375-5283", "la muerte próxima de un familiar cercano"],
    },
    links: { en: ["Asking USCIS to speed up a parole case (expedite request)"], es: null },
    mustNot: LEAVING,
  },
  {
    who: "a green-card applicant who must travel",
    answers: [["where", "inside"], ["removal", "no"], ["unlawful_presence", "no"], ["inside_status", "pending_i485"], ["travel_need", "yes"]],
    outcome: "advance_parole",
    must: {
      en: ["Do not leave while your request is pending", "leaving without advance parole usually abandons it"],
      es: ["No salga mientras su solicitud esté pendiente", "salir sin permiso de regreso por lo general hace que la pierda"],
    },
    mustNot: LEAVING,
  },
  {
    who: "a teenager who entered alone and does not know whether there is a court case",
    answers: [["where", "inside"], ["removal", "not_sure"]],
    outcome: "removal_inside",
    must: {
      en: ["If you are not sure whether you have a case, find out first", "Go to every court hearing"],
      es: ["Si no sabe si tiene un caso, averígüelo primero", "Vaya a todas sus audiencias"],
    },
  },
];

/** What the person reads on the page, as one string with spaces made plain. */
async function reading(page) {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ");
}

function assertReads(text, person, lang, how) {
  for (const sentence of person.must[lang]) {
    assert.ok(text.includes(sentence), `${how}, ${lang}: "${person.who}" must read "${sentence}"`);
  }
  if (person.mustNot) {
    assert.ok(!text.includes(person.mustNot[lang]), `${how}, ${lang}: "${person.who}" is not told "${person.mustNot[lang]}"`);
  }
  // Help is one tap away from every outcome.
  assert.ok(text.includes(lang === "en" ? "Find free or low-cost legal help" : "Busque ayuda legal gratuita o de bajo costo") ||
    text.includes(lang === "en" ? "legal help" : "ayuda legal"), `${how}, ${lang}: a way to legal help`);
}

async function assertLinks(page, person, lang) {
  for (const name of person.links?.[lang] ?? []) {
    assert.equal(await page.locator(".guide-outcome a", { hasText: name }).count() > 0, true, `${lang}: a link to "${name}"`);
  }
}

for (const person of people) {
  for (const lang of ["en", "es"]) {
    test(`${lang}, without JavaScript, on a phone: ${person.who}`, async () => {
      const context = await site.browser.newContext({ ...PHONE, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(site.origin + GUIDE[lang]);
      for (const [question, answer] of person.answers) {
        await page.locator(".guide-answers").getByRole("link", { name: answerText(question, answer, lang), exact: true }).click();
      }
      assert.equal(await page.locator(`.guide-outcome[aria-labelledby="guide-outcome-${person.outcome}"]`).count(), 1);
      assertReads(await reading(page), person, lang, "without JavaScript");
      await assertLinks(page, person, lang);
      await context.close();
    });

    test(`${lang}, with JavaScript, on a phone: ${person.who}`, async () => {
      const context = await site.browser.newContext(PHONE);
      const { page, foreign, errors } = await openPage(context, site.origin);
      await page.goto(site.origin + GUIDE[lang]);
      for (const [question, answer] of person.answers) {
        const form = page.locator(`form.guide-question[data-question="${question}"]`);
        await form.getByLabel(answerText(question, answer, lang), { exact: true }).check();
        await form.locator("button[type=submit]").click();
      }
      await page.locator(`.guide-outcome[data-outcome="${person.outcome}"]`).waitFor();
      assertReads(await reading(page), person, lang, "with JavaScript");
      await assertLinks(page, person, lang);
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

// The mother's answers survive the phone's Back button, a reload and the language switch; Spanish
// addresses use Spanish words.
test("with JavaScript: Back, Forward, reload and the language switch keep the answers", async () => {
  const context = await site.browser.newContext(PHONE);
  const { page, errors } = await openPage(context, site.origin);
  await page.goto(site.origin + GUIDE.es);
  const mother = people[0];
  for (const [question, answer] of mother.answers) {
    const form = page.locator(`form.guide-question[data-question="${question}"]`);
    await form.getByLabel(answerText(question, answer, "es"), { exact: true }).check();
    await form.locator("button[type=submit]").click();
  }
  await page.locator('.guide-outcome[data-outcome="no_fit_inside"]').waitFor();
  assert.equal(new URL(page.url()).pathname, "/es/guia/dentro/no/si/ninguna/ninguna/");
  assert.match(await page.title(), /^Es posible que el parole no sea lo que necesita · /, "the tab names the step and the site");
  // Back: the previous question, with its answer; Forward: the result again.
  await page.goBack();
  await page.locator('form.guide-question[data-question="family_in_us"]').waitFor();
  assert.equal(new URL(page.url()).pathname, "/es/guia/dentro/no/si/ninguna/");
  await page.goBack();
  await page.locator('form.guide-question[data-question="inside_status"]').waitFor();
  await page.goForward();
  await page.goForward();
  await page.locator('.guide-outcome[data-outcome="no_fit_inside"]').waitFor();
  // Reload: the same result and answers, from the step's own page.
  await page.reload();
  assert.equal(await page.locator('.guide-outcome[aria-labelledby="guide-outcome-no_fit_inside"]').count(), 1);
  assert.equal(await page.locator(".guide-answered dt").count(), mother.answers.length);
  assert.ok((await reading(page)).includes(LEAVING.es));
  // The language switch leads to the same step in English.
  await page.goto(site.origin + GUIDE.es);
  for (const [question, answer] of mother.answers.slice(0, 3)) {
    const form = page.locator(`form.guide-question[data-question="${question}"]`);
    await form.getByLabel(answerText(question, answer, "es"), { exact: true }).check();
    await form.locator("button[type=submit]").click();
  }
  await page.locator('form.guide-question[data-question="inside_status"]').waitFor();
  assert.equal(await page.locator('a[hreflang="en"]').first().getAttribute("href"), "/en/guide/inside/no/yes/");
  await page.locator('a[hreflang="en"]').first().click();
  await page.waitForURL(/\/en\/guide\/inside\/no\/yes\/$/);
  assert.equal(await page.locator(".guide-answered dt").count(), 3, "the three answers, in English");
  assert.match(await page.locator("h1").innerText(), /Which of these describes you best\?/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Fills the calculator's form: `stays` as [entry date, entry, departure ("" while still here), departure date]. */
async function calculate(page, { born = "", asOf, removalOrder = "", stays }) {
  await page.locator(".calc-app:not([hidden])").waitFor();
  if (born) await page.fill("#calc-dob", born);
  await page.fill("#calc-as-of", asOf);
  if (removalOrder) await page.fill("#calc-removal-order", removalOrder);
  for (let i = 0; i < stays.length; i++) {
    if (i > 0) await page.locator(".calc-add-stay").click();
    const stay = page.locator(".calc-stay").nth(i);
    const [entered, how, departure, left] = stays[i];
    await stay.locator("[data-name=entry_date]").fill(entered);
    await stay.locator("[data-name=entry]").selectOption(how);
    await stay.locator("[data-name=departure]").selectOption(departure);
    if (left) await stay.locator("[data-name=departure_date]").fill(left);
  }
  await page.locator(".calc-submit").click();
  await page.locator(".calc-result:not([hidden])").waitFor();
  return (await page.locator(".calc-result-body").innerText()).replace(/\s+/g, " ");
}

const calculatorPeople = [
  {
    who: "the mother: entered without inspection at 16 in 2015, still here",
    input: { born: "1999-01-01", asOf: "2026-12-02", stays: [["2015-06-01", "without_inspection", "", ""]] },
    must: {
      en: ["Counted up to December 2, 2026.", "If you leave the United States on December 2, 2026, a 10-year bar would start. It would be over on December 3, 2036.",
        "Days of unlawful presence: 3,623", "You reached your 181st day of unlawful presence on June 30, 2017."],
      es: ["Contado hasta el 2 de diciembre de 2026.", "Si sale de Estados Unidos el 2 de diciembre de 2026, se activaría un castigo de 10 años. Dejaría de aplicarse el 3 de diciembre de 2036.",
        "Días de presencia ilegal: 3.623", "Llegó a su día 181 de presencia ilegal el 30 de junio de 2017."],
    },
    mustNot: { en: "did not start a 3-year or 10-year bar", es: "no activó el castigo" },
    example: { en: "Still in the US. Leaving on December 2, 2026 would start a 10-year bar.", es: "Sigue en EE. UU. Salir el 2 de diciembre de 2026 activaría un castigo de 10 años." },
  },
  {
    who: "removed in 2010 after 20 days, came back without inspection in 2012",
    input: { asOf: "2026-12-02", stays: [["2010-02-01", "without_inspection", "removed", "2010-02-20"], ["2012-07-15", "without_inspection", "", ""]] },
    must: {
      en: ["You were ordered removed (deported) on February 20, 2010, and then entered without inspection on July 15, 2012. That is the permanent bar"],
      es: ["Usted recibió una orden de deportación el 20 de febrero de 2010 y después entró sin inspección el 15 de julio de 2012. Ese es el castigo permanente"],
    },
    example: { en: "Permanent bar.", es: "Castigo permanente." },
  },
  {
    who: "ordered removed in 2014 after leaving, came back without inspection in 2016",
    input: { asOf: "2026-12-02", removalOrder: "2014-09-03", stays: [["2013-01-10", "without_inspection", "ordinary", "2013-02-01"], ["2016-03-01", "without_inspection", "", ""]] },
    must: {
      en: ["You were ordered removed (deported) on September 3, 2014, and then entered without inspection on March 1, 2016."],
      es: ["Usted recibió una orden de deportación el 3 de septiembre de 2014 y después entró sin inspección el 1 de marzo de 2016."],
    },
  },
  {
    who: "a 3-year bar that ran out in March 2026",
    input: { asOf: "2026-12-02", stays: [["2022-06-01", "visa_waiver", "ordinary", "2023-03-02"]] },
    must: {
      en: ["This departure started a 3-year bar, which ended on March 2, 2026. It is over."],
      es: ["Esta salida activó un castigo de 3 años, que terminó el 2 de marzo de 2026. Ya no se aplica."],
    },
  },
  {
    who: "someone who overstayed a visa waiver and then traveled on advance parole",
    input: { asOf: "2026-12-02", stays: [["2021-12-01", "visa_waiver", "advance_parole", "2023-07-01"]] },
    must: {
      en: ["Under Matter of Arrabally (2012): This departure did not start a 3-year or 10-year bar.",
        "Under Matter of Delcarmen-Lara, 29 I&N Dec. 830 (BIA August 13, 2026) (reported, not confirmed): This departure started a 10-year bar. It is over on July 2, 2033.", "Plan on the stricter result"],
      es: ["Según Matter of Arrabally (2012): Esta salida no activó el castigo de 3 ni el de 10 años.",
        "Según Matter of Delcarmen-Lara, 29 I&N Dec. 830 (BIA, 13 de agosto de 2026) (según informes, sin confirmar): Esta salida activó el castigo de 10 años. Deja de aplicarse el 2 de julio de 2033.", "Planee con el resultado más estricto"],
    },
  },
];

for (const person of calculatorPeople) {
  for (const lang of ["en", "es"]) {
    test(`${lang}, calculator with JavaScript, on a phone: ${person.who}`, async () => {
      const context = await site.browser.newContext(PHONE);
      const { page, foreign, errors } = await openPage(context, site.origin);
      await page.goto(site.origin + CALCULATOR[lang]);
      const text = await calculate(page, person.input);
      for (const sentence of person.must[lang]) assert.ok(text.includes(sentence), `${lang}: must read "${sentence}" in: ${text}`);
      if (person.mustNot) assert.ok(!text.includes(person.mustNot[lang]), `${lang}: must not read "${person.mustNot[lang]}"`);
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
    if (person.example) {
      test(`${lang}, calculator without JavaScript: the worked examples show ${person.who}`, async () => {
        const context = await site.browser.newContext({ ...PHONE, javaScriptEnabled: false });
        const page = await context.newPage();
        await page.goto(site.origin + CALCULATOR[lang]);
        const rows = await page.locator(".calc-examples tbody tr").allInnerTexts();
        assert.ok(rows.some((r) => r.includes(person.example[lang])), `${lang}: a worked example reads "${person.example[lang]}"`);
        await context.close();
      });
    }
  }
}

// Legal help, where every outcome sends people: on a phone, the first screen offers the directories.
for (const [lang, path, heading] of [
  ["en", "/en/help/legal-help/", "Find free or low-cost help now"],
  ["es", "/es/ayuda/ayuda-legal/", "Encuentre ayuda gratuita o de bajo costo ahora"],
]) {
  test(`${lang}, on a phone: the legal help page offers free or low-cost help on its first screen`, async () => {
    const context = await site.browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.origin + path);
    const section = page.getByRole("heading", { name: heading });
    const box = await section.boundingBox();
    assert.ok(box && box.y + box.height < 844, `"${heading}" ends at y=${box ? box.y + box.height : "?"}, below the first screen`);
    const links = await page.locator("main a[href^='https://www.justice.gov/eoir/']").count();
    assert.ok(links >= 2, "the EOIR directories are links where they are named");
    await context.close();
  });
}
