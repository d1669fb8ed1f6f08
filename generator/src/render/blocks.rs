//! What a ```` ```widget ```` block of a page becomes: the calculator, the guide, the list of changes.

use super::*;

impl Renderer<'_> {
    /// The HTML of a widget block of `page`.
    pub(super) fn widget(
        &self,
        page: &crate::load::content::Page,
        block: &markdown::WidgetBlock,
    ) -> Result<String, Diagnostic> {
        use crate::load::widget_blocks::{strings_json, WidgetConfig, WIDGETS};
        let at = page.file_offset(block.offset);
        let line_offset = crate::diagnostics::Position::of_offset(&page.text, at).line - 1;
        let embedding = crate::yaml::Embedding {
            file_text: &page.text,
            line_offset,
        };
        let config: WidgetConfig = crate::yaml::parse(&page.file, &block.yaml, embedding)?;
        if !WIDGETS.contains(&config.name.as_str()) {
            let hint = match crate::diagnostics::did_you_mean(&config.name, WIDGETS.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the widgets are: {}", WIDGETS.join(", ")),
            };
            return Err(
                Diagnostic::error(&page.file, format!("there is no widget called `{}`", config.name))
                    .at_offset(&page.text, at)
                    .with_hint(hint),
            );
        }
        let lang = page.lang.as_str();
        let glue_url = self.widgets.glue_url.as_str();
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("t", self.strings.of(lang));
        ctx.insert("assets", &self.theme.asset_urls);
        ctx.insert("glue_url", glue_url);
        ctx.insert(
            "strings_json",
            &strings_json(
                self.strings.of(lang),
                "calc_",
                &["month_", "date_format", "number_group_separator"],
            ),
        );
        ctx.insert("examples", self.examples.map_or(&[][..], |e| e.rows(lang)));
        let legal_help_url = self
            .site
            .find(lang, &self.config.legal_help_page.value)
            .map_or_else(|| format!("/{lang}/"), |i| self.site.urls[i].clone());
        ctx.insert("legal_help_url", &legal_help_url);
        if config.name == "changes" {
            let items: Vec<ChangeView> = crate::resolve::changes::items(self.site, lang)
                .into_iter()
                .map(|item| self.change_view(lang, item))
                .collect();
            ctx.insert("changes", &items);
            ctx.insert("feed_url", &crate::resolve::changes::feed_url(lang));
            ctx.insert(
                "feed_address",
                &format!("{}{}", self.base_url, crate::resolve::changes::feed_url(lang)),
            );
        }
        if config.name == "eligibility" {
            let Some(flow) = self.flow else {
                if self.flow_invalid {
                    return Ok(String::new());
                }
                return Err(Diagnostic::error(&page.file, "the eligibility guide has no flow file")
                    .at_offset(&page.text, at)
                    .with_hint(format!("write content/{}", crate::resolve::flows::FLOW_FILE)));
            };
            let i = self.site.find(lang, &page.rel).unwrap_or(0);
            return self
                .flow_step_html(flow, i, &[])
                .map_err(|e| self.template_error(&page.file, "widgets/eligibility.html", lang, &e));
        }
        let template = format!("widgets/{}.html", config.name);
        self.theme
            .tera
            .render(&template, &ctx)
            .map_err(|e| self.template_error(&page.file, &template, lang, &e))
    }
}
