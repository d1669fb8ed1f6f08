//! The eligibility guide without JavaScript: every state of the flow as a page of its own, under the page
//! that places the guide.

use super::*;

impl Renderer<'_> {
    /// The address of a state of the guide hosted by page `host`: its address plus the answers given.
    pub(super) fn flow_url(&self, host: usize, history: &[(String, String)]) -> String {
        let path = self
            .flow
            .map(|f| f.flow.path(history, &self.site.pages[host].lang))
            .unwrap_or_default();
        format!("{}{path}", self.site.urls[host])
    }

    /// The HTML of one step of the guide: a question with its answers as links, or an outcome. What it
    /// shows comes from `puente_core::flow::Flow::view`, the same code the interactive guide runs.
    pub(super) fn flow_step_html(
        &self,
        loaded: &crate::resolve::flows::LoadedFlow,
        host: usize,
        history: &[(String, String)],
    ) -> Result<String, tera::Error> {
        use puente_core::flow::StepView;
        let lang = self.site.pages[host].lang.as_str();
        let pages = crate::resolve::flows::LoadedFlow::pages(&loaded.flow, self.site, lang);
        let view = loaded.flow.view(history, lang, &pages).map_err(tera::Error::msg)?;
        let answered: Vec<serde_json::Value> = view
            .answered
            .iter()
            .enumerate()
            .map(|(n, a)| {
                serde_json::json!({ "question": a.question, "answer": a.answer, "change_url": self.flow_url(host, &history[..n]) })
            })
            .collect();
        let mut ctx = tera::Context::new();
        ctx.insert("t", self.strings.of(lang));
        ctx.insert("lang", lang);
        ctx.insert("answered", &answered);
        ctx.insert("start_url", &self.site.urls[host]);
        ctx.insert("assets", &self.theme.asset_urls);
        ctx.insert("glue_url", self.widgets.glue_url.as_str());
        ctx.insert("bundle_url", loaded.bundles.get(lang).map_or("", |b| b.url.as_str()));
        ctx.insert("number", &(history.len() + 1));
        // Where the guide lives in each language, so that the interactive guide can keep the language
        // switch on the step the reader is at.
        let page = &self.site.pages[host];
        let hosts: BTreeMap<&str, &str> = self
            .site
            .langs()
            .iter()
            .filter_map(|code| {
                self.site
                    .find(code, &page.rel)
                    .map(|i| (code.as_str(), self.site.urls[i].as_str()))
            })
            .collect();
        ctx.insert("host_urls", &serde_json::to_string(&hosts).unwrap_or_default());
        ctx.insert(
            "strings_json",
            &crate::load::widget_blocks::strings_json(
                self.strings.of(lang),
                "guide_",
                &["callout_", "find_legal_help"],
            ),
        );
        let legal_help_url = self
            .site
            .find(lang, &self.config.legal_help_page.value)
            .map_or_else(|| format!("/{lang}/"), |i| self.site.urls[i].clone());
        ctx.insert("legal_help_url", &legal_help_url);
        match view.step {
            StepView::Question {
                id,
                at_most,
                text,
                help,
                answers,
                ..
            } => {
                let answers: Vec<serde_json::Value> = answers
                    .iter()
                    .map(|a| {
                        let mut next = history.to_vec();
                        next.push((id.clone(), a.id.clone()));
                        serde_json::json!({ "text": a.text, "url": self.flow_url(host, &next) })
                    })
                    .collect();
                ctx.insert("step", "question");
                ctx.insert("at_most", &at_most);
                ctx.insert(
                    "question",
                    &serde_json::json!({ "id": id, "text": text, "help": help, "answers": answers }),
                );
            }
            StepView::Outcome {
                id,
                title,
                summary,
                pages,
                forms,
                evidence,
                warnings,
                notices,
            } => {
                ctx.insert("step", "outcome");
                ctx.insert(
                    "outcome",
                    &serde_json::json!({
                        "id": id,
                        "title": title,
                        "summary": summary,
                        "pages": pages,
                        "forms": forms,
                        "evidence": evidence,
                        "warnings": warnings,
                        "notices": notices,
                    }),
                );
            }
        }
        self.theme.tera.render("widgets/eligibility.html", &ctx)
    }

    /// The page of every state of the guide after the first, under the address of the page `host`.
    pub(super) fn flow_pages(&self, host: usize) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        use puente_core::flow::Step;
        let Some(loaded) = self.flow else {
            return (Vec::new(), Vec::new());
        };
        let page = &self.site.pages[host];
        let lang = page.lang.as_str();
        let states = match loaded.flow.states() {
            Ok(s) => s,
            Err(e) => return (Vec::new(), vec![Diagnostic::error(&page.file, e.to_string())]),
        };
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let text = |t: &puente_core::flow::Text| t.get(lang).cloned().unwrap_or_default();
        for (history, step) in states.iter().filter(|(h, _)| !h.is_empty()) {
            let (title, lead) = match step {
                Step::Question(q) => {
                    let question = &loaded.flow.questions[*q];
                    (text(&question.text), question.help.as_ref().map(text))
                }
                Step::Outcome(o) => {
                    let outcome = &loaded.flow.outcomes[*o];
                    (text(&outcome.title), Some(text(&outcome.summary)))
                }
            };
            let lead = lead.unwrap_or_else(|| page.front.description.value.clone());
            let url = self.flow_url(host, history);
            let content = match self.flow_step_html(loaded, host, history) {
                Ok(html) => html,
                Err(e) => {
                    problems.push(self.template_error(&page.file, "widgets/eligibility.html", lang, &e));
                    continue;
                }
            };
            let (languages, alternates, x_default) =
                self.language_links(lang, |code| match self.site.find(code, &page.rel) {
                    Some(other) => (self.flow_url(other, history), false),
                    None => (self.site.translation(host, code).url, true),
                });
            let mut breadcrumbs: Vec<Link> = self.site.ancestors(host).into_iter().map(|a| self.crumb(a)).collect();
            breadcrumbs.push(self.crumb(host));
            let ctx = PageContext {
                content,
                last_reviewed: self.strings.format_date(lang, page.last_reviewed),
                last_reviewed_iso: page.last_reviewed.to_string(),
                sources: &page.front.sources.value,
                breadcrumbs,
                languages,
                alternates,
                x_default,
                ..PageContext::generated(self.common(lang, Some(host)), "guide", &title, &lead, &url)
            };
            match self.page_html(&ctx) {
                Ok(file) => files.push(file),
                Err(e) => problems.push(self.template_error(&page.file, "page.html", lang, &e)),
            }
        }
        (files, problems)
    }
}
