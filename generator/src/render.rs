//! Pages → HTML: Markdown bodies rendered with links resolved, then placed in the theme's templates.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::facts::SourceRef;
use crate::files::OutputFile;
use crate::i18n::Strings;
use crate::links;
use crate::markdown::{self, Labels};
use crate::site::{az_url, search_url, Site, GENERATED_PAGES};
use crate::theme::{tera_error_text, Theme};

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct Child {
    title: String,
    url: String,
    description: String,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    url: String,
    /// The reader is on this section or inside it.
    current: bool,
}

#[derive(Serialize)]
struct Switch {
    code: String,
    name: String,
    url: String,
    current: bool,
    fallback: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
struct TocEntry {
    id: String,
    text: String,
    level: u8,
}

/// What every template of one language receives.
#[derive(Serialize)]
struct Common<'a> {
    lang: &'a str,
    site_title: &'a str,
    site_description: &'a str,
    base_url: &'a str,
    organisation: crate::branding::OrganisationView<'a>,
    /// The organisation's colours, when `site.yaml` sets them.
    brand_css: Option<&'a str>,
    t: &'a BTreeMap<String, String>,
    assets: &'a BTreeMap<String, String>,
    home_url: String,
    legal_help_url: String,
    nav: Vec<NavItem>,
    /// The A–Z index and the search page of this language.
    az_url: String,
    search_url: String,
    /// This language's Atom feed of change notes, and the "what changed" page (when the site has one).
    feed_url: String,
    changes_url: Option<String>,
}

#[derive(Serialize)]
struct PageContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    url: &'a str,
    canonical: String,
    content: String,
    toc: Vec<TocEntry>,
    last_reviewed: String,
    last_reviewed_iso: String,
    /// The page's change notes, newest first.
    changes: Vec<ChangeView>,
    sources: &'a [SourceRef],
    breadcrumbs: Vec<Link>,
    children: Vec<Child>,
    prev: Option<Link>,
    next: Option<Link>,
    languages: Vec<Switch>,
    alternates: Vec<Alternate>,
    x_default: Option<String>,
}

impl<'a> PageContext<'a> {
    /// A page at `url` that is not a content page (a guide step, the A–Z index, search, a 404 page):
    /// no table of contents, review date, sources, breadcrumbs, children or neighbours until set.
    fn generated(common: Common<'a>, kind: &'static str, title: &'a str, description: &'a str, url: &'a str) -> Self {
        PageContext {
            canonical: if url.is_empty() {
                String::new()
            } else {
                format!("{}{}", common.base_url, url)
            },
            common,
            kind,
            title,
            description,
            url,
            content: String::new(),
            toc: Vec::new(),
            last_reviewed: String::new(),
            last_reviewed_iso: String::new(),
            changes: Vec::new(),
            sources: &[],
            breadcrumbs: Vec::new(),
            children: Vec::new(),
            prev: None,
            next: None,
            languages: Vec::new(),
            alternates: Vec::new(),
            x_default: None,
        }
    }
}

/// A change note as templates show it.
#[derive(Serialize)]
struct ChangeView {
    date: String,
    date_iso: String,
    note: String,
    page_title: String,
    page_url: String,
}

/// What rendering one page gave.
pub struct PageOutput {
    /// The page's HTML and its alias redirects.
    pub files: Vec<OutputFile>,
    pub problems: Vec<Diagnostic>,
    /// The pages it links to (so a change to one of them re-renders this page).
    pub links_to: Vec<usize>,
}

/// The heading ids of every page, for checking links to anchors.
pub fn anchors(site: &Site) -> Vec<Vec<String>> {
    site.pages.par_iter().map(page_anchors).collect()
}

pub fn page_anchors(page: &crate::content::Page) -> Vec<String> {
    markdown::headings(page.body()).into_iter().map(|h| h.id).collect()
}

/// Everything needed to render.
pub struct Renderer<'a> {
    /// The eligibility guide's flow, when the site has one.
    pub flow: Option<&'a crate::flows::LoadedFlow>,
    /// The site has a flow file, but it has errors (reported where they are, not again by each page).
    pub flow_invalid: bool,
    /// The compiled widgets, when a page places one.
    pub widgets: &'a crate::widgets::WidgetBundle,
    /// The calculator's worked examples, when a page places the calculator.
    pub examples: Option<&'a crate::widget_blocks::Examples>,
    /// Each language's search index and fragments.
    pub search: &'a BTreeMap<String, crate::search_index::SearchFiles>,
    /// The organisation's stylesheet and logo.
    pub brand: &'a crate::branding::BrandAssets,
    /// The search box's interface strings as JSON, per language.
    pub search_strings: &'a BTreeMap<String, String>,
    /// Language → the page that places the "what changed" list.
    pub changes_pages: &'a BTreeMap<String, usize>,
    pub config: &'a SiteConfig,
    pub site: &'a Site,
    pub strings: &'a Strings,
    pub theme: &'a Theme,
    pub base_url: &'a str,
}

/// The output path for a root-relative address: `/en/parole/` → `en/parole/index.html`.
pub fn file_for(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

impl Renderer<'_> {
    fn common<'s>(&'s self, lang: &'s str, current: Option<usize>) -> Common<'s> {
        let language = self
            .config
            .language(lang)
            .expect("pages only exist for configured languages");
        let site = self.site;
        let in_section = current.map(|i| {
            let mut chain = site.ancestors(i);
            chain.push(i);
            chain
        });
        let nav = site
            .top_sections(lang)
            .into_iter()
            .map(|s| NavItem {
                title: site.pages[s].nav_title().to_string(),
                url: site.urls[s].clone(),
                current: in_section.as_ref().is_some_and(|c| c.contains(&s)),
            })
            .collect();
        let legal_help_url = site
            .find(lang, &self.config.legal_help_page.value)
            .map_or_else(|| format!("/{lang}/"), |i| site.urls[i].clone());
        Common {
            lang,
            site_title: &language.title,
            site_description: &language.description,
            base_url: self.base_url,
            organisation: self.config.organisation.view(lang, self.brand.logo_url.as_deref()),
            brand_css: self.brand.css_url.as_deref(),
            t: self.strings.of(lang),
            assets: &self.theme.asset_urls,
            home_url: format!("/{lang}/"),
            legal_help_url,
            nav,
            az_url: az_url(lang),
            search_url: search_url(lang),
            feed_url: crate::changes::feed_url(lang),
            changes_url: self.changes_page(lang).map(|i| site.urls[i].clone()),
        }
    }

    /// The page of `lang` that places the "what changed" list.
    fn changes_page(&self, lang: &str) -> Option<usize> {
        self.changes_pages.get(lang).copied()
    }

    fn change_view(&self, lang: &str, item: crate::changes::Item) -> ChangeView {
        ChangeView {
            date: self.strings.format_date(lang, item.date),
            date_iso: item.date.to_string(),
            note: item.note,
            page_title: item.page_title,
            page_url: item.page_url,
        }
    }

    /// Each language's Atom feed of change notes.
    fn feeds(&self) -> Vec<OutputFile> {
        self.site
            .langs()
            .iter()
            .filter_map(|lang| {
                let lang = lang.as_str();
                let t = self.strings.of(lang);
                let get = |k: &str| t.get(k).map_or("", String::as_str);
                let language = self.config.language(lang);
                let site_title = language.map_or("", |l| l.title.as_str());
                let page_url = self
                    .changes_page(lang)
                    .map_or_else(|| format!("/{lang}/"), |i| self.site.urls[i].clone());
                let fallback_updated = self
                    .site
                    .pages
                    .iter()
                    .filter(|p| p.lang == lang)
                    .map(|p| p.last_reviewed)
                    .max()
                    .or_else(|| puente_core::date::Date::new_const(2000, 1, 1))?;
                let title = get("changes_feed_title").replace("{site}", site_title);
                let info = crate::changes::FeedInfo {
                    lang,
                    title: &title,
                    subtitle: get("changes_feed_subtitle"),
                    author: site_title,
                    base_url: self.base_url,
                    page_url: &page_url,
                    fallback_updated,
                };
                Some(OutputFile {
                    path: crate::changes::feed_url(lang).trim_start_matches('/').to_string(),
                    bytes: crate::changes::atom(&info, &crate::changes::items(self.site, lang)).into_bytes(),
                    is_html: false,
                })
            })
            .collect()
    }

    fn labels(&self, lang: &str) -> Labels<'_> {
        let s = |k| self.strings.get(lang, k);
        Labels {
            note: s("callout_note"),
            tip: s("callout_tip"),
            important: s("callout_important"),
            warning: s("callout_warning"),
            caution: s("callout_caution"),
            table: s("table_label"),
        }
    }

    /// The language switcher, the `hreflang` alternates and `x-default` of a page in `lang`. `place(code)`
    /// gives the page's address in a language and whether that is a fallback (no translation).
    fn language_links(
        &self,
        lang: &str,
        place: impl Fn(&str) -> (String, bool),
    ) -> (Vec<Switch>, Vec<Alternate>, Option<String>) {
        let languages: Vec<Switch> = self
            .site
            .langs()
            .iter()
            .map(|code| {
                let (url, fallback) = place(code);
                Switch {
                    code: code.clone(),
                    name: self.config.language(code).map_or(code.clone(), |l| l.name.clone()),
                    url,
                    current: code == lang,
                    fallback,
                }
            })
            .collect();
        let alternates: Vec<Alternate> = languages
            .iter()
            .filter(|s| !s.fallback)
            .map(|s| Alternate {
                hreflang: s.code.clone(),
                href: format!("{}{}", self.base_url, s.url),
            })
            .collect();
        let default_lang = &self.config.default_language.value;
        let x_default = alternates
            .iter()
            .find(|a| &a.hreflang == default_lang)
            .map(|a| a.href.clone());
        (languages, alternates, x_default)
    }

    /// A link to page `i` with its full title.
    fn link(&self, i: usize) -> Link {
        Link {
            title: self.site.pages[i].title().to_string(),
            url: self.site.urls[i].clone(),
        }
    }

    /// A link to page `i` for the "you are here" trail, with its short title.
    fn crumb(&self, i: usize) -> Link {
        Link {
            title: self.site.pages[i].nav_title().to_string(),
            url: self.site.urls[i].clone(),
        }
    }

    fn template_error(&self, file: &std::path::Path, template: &str, lang: &str, err: &tera::Error) -> Diagnostic {
        Diagnostic::error(
            file,
            format!(
                "the template `{template}` failed for this page: {}",
                tera_error_text(err)
            ),
        )
        .with_hint(format!(
            "a `t.…` variable that is not found is an interface string missing from themes/…/i18n/{lang}.yaml"
        ))
    }

    /// Renders every page (in parallel, in a stable order). Problems include every broken link.
    pub fn pages(&self) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let anchors = anchors(self.site);
        let all: Vec<usize> = (0..self.site.pages.len()).collect();
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for output in self.render_pages(&all, &anchors) {
            files.extend(output.files);
            problems.extend(output.problems);
        }
        (files, problems)
    }

    /// Renders the pages `which` (in parallel, results in the same order).
    pub fn render_pages(&self, which: &[usize], anchors: &[Vec<String>]) -> Vec<PageOutput> {
        which.par_iter().map(|&i| self.page(i, anchors)).collect()
    }

    fn page(&self, i: usize, anchors: &[Vec<String>]) -> PageOutput {
        let site = self.site;
        let page = &site.pages[i];
        let lang = page.lang.as_str();
        let mut problems = Vec::new();
        let mut links_to = Vec::new();
        let body = page.body();
        let rendered = markdown::render(body, self.labels(lang), &mut |dest, at| match links::resolve(
            site, anchors, i, dest,
        ) {
            Ok(resolved) => {
                links_to.extend(resolved.target);
                resolved.url
            }
            Err(bad) => {
                problems.push(
                    Diagnostic::error(&page.file, bad.message)
                        .at_offset(&page.text, page.file_offset(at))
                        .with_hint(bad.hint),
                );
                dest.to_string()
            }
        });
        for note in &rendered.notes {
            let d = if note.is_error {
                Diagnostic::error(&page.file, note.message.clone())
            } else {
                Diagnostic::warning(&page.file, note.message.clone())
            };
            problems.push(
                d.at_offset(&page.text, page.file_offset(note.offset))
                    .with_hint(note.hint.clone()),
            );
        }
        let (files, problems) = self.page_files(i, rendered, problems);
        links_to.sort_unstable();
        links_to.dedup();
        PageOutput {
            files,
            problems,
            links_to,
        }
    }

    fn page_files(
        &self,
        i: usize,
        rendered: markdown::Rendered,
        mut problems: Vec<Diagnostic>,
    ) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let site = self.site;
        let page = &site.pages[i];
        let lang = page.lang.as_str();
        let uses_guide = rendered.widgets.iter().any(|w| w.name() == Some("eligibility"));
        let mut content = rendered.html;
        for (n, block) in rendered.widgets.iter().enumerate() {
            match self.widget(page, block) {
                Ok(html) => content = content.replace(&markdown::widget_placeholder(n), &html),
                Err(d) => problems.push(d),
            }
        }

        let (kind, default_template) = if page.rel == "_index.md" {
            ("home", "home.html")
        } else if page.is_section() {
            ("section", "section.html")
        } else {
            ("page", "page.html")
        };
        let template = page
            .front
            .template
            .as_ref()
            .map_or(default_template, |t| t.value.as_str());
        if !self.theme.tera.get_template_names().any(|n| n == template) {
            let mut d =
                Diagnostic::error(&page.file, format!("the theme has no template `{template}`")).with_hint(format!(
                    "templates of this theme: {}",
                    crate::theme::REQUIRED_TEMPLATES.join(", ")
                ));
            if let Some(t) = &page.front.template {
                if let Some(p) = crate::yaml::position(
                    t.referenced,
                    crate::yaml::Embedding {
                        file_text: &page.text,
                        line_offset: 1,
                    },
                ) {
                    d = d.at(&page.text, p);
                }
            }
            problems.push(d);
            return (Vec::new(), problems);
        }

        let url = &site.urls[i];
        let (languages, alternates, x_default) = self.language_links(lang, |code| {
            let t = site.translation(i, code);
            (t.url, t.is_fallback)
        });
        let (prev, next) = site.neighbours(i);
        let ctx = PageContext {
            common: self.common(lang, Some(i)),
            kind,
            title: page.title(),
            description: &page.front.description.value,
            url,
            canonical: format!("{}{}", self.base_url, url),
            content,
            toc: rendered
                .headings
                .iter()
                .filter(|h| h.level <= 3)
                .map(|h| TocEntry {
                    id: h.id.clone(),
                    text: h.text.clone(),
                    level: h.level,
                })
                .collect(),
            last_reviewed: self.strings.format_date(lang, page.last_reviewed),
            last_reviewed_iso: page.last_reviewed.to_string(),
            changes: page
                .changes
                .iter()
                .map(|c| {
                    self.change_view(
                        lang,
                        crate::changes::Item {
                            date: c.date,
                            note: c.note.clone(),
                            page_title: page.title().to_string(),
                            page_url: url.clone(),
                        },
                    )
                })
                .collect(),
            sources: &page.front.sources.value,
            breadcrumbs: site.ancestors(i).into_iter().map(|a| self.crumb(a)).collect(),
            children: site
                .children(i)
                .iter()
                .map(|&c| Child {
                    title: site.pages[c].title().to_string(),
                    url: site.urls[c].clone(),
                    description: site.pages[c].front.description.value.clone(),
                })
                .collect(),
            prev: prev.map(|p| self.link(p)),
            next: next.map(|n| self.link(n)),
            languages,
            alternates,
            x_default,
        };
        let context = match tera::Context::from_serialize(&ctx) {
            Ok(c) => c,
            Err(e) => {
                problems.push(Diagnostic::error(
                    &page.file,
                    format!("cannot prepare this page for its template: {e}"),
                ));
                return (Vec::new(), problems);
            }
        };
        match self.theme.tera.render(template, &context) {
            Ok(html) => {
                let mut files = vec![OutputFile {
                    path: file_for(url),
                    bytes: html.into_bytes(),
                    is_html: true,
                }];
                for alias in &page.front.aliases {
                    match self.alias(&alias.value, url, lang) {
                        Ok(f) => files.push(f),
                        Err(e) => problems.push(self.template_error(&page.file, "alias.html", lang, &e)),
                    }
                }
                if uses_guide {
                    let (more, found) = self.flow_pages(i);
                    files.extend(more);
                    problems.extend(found);
                }
                (files, problems)
            }
            Err(err) => {
                problems.push(self.template_error(&page.file, template, lang, &err));
                (Vec::new(), problems)
            }
        }
    }

    /// The HTML of a widget block of `page`.
    fn widget(&self, page: &crate::content::Page, block: &markdown::WidgetBlock) -> Result<String, Diagnostic> {
        use crate::widget_blocks::{strings_json, WidgetConfig, WIDGETS};
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
            let items: Vec<ChangeView> = crate::changes::items(self.site, lang)
                .into_iter()
                .map(|item| self.change_view(lang, item))
                .collect();
            ctx.insert("changes", &items);
            ctx.insert("feed_url", &crate::changes::feed_url(lang));
            ctx.insert(
                "feed_address",
                &format!("{}{}", self.base_url, crate::changes::feed_url(lang)),
            );
        }
        if config.name == "eligibility" {
            let Some(flow) = self.flow else {
                if self.flow_invalid {
                    return Ok(String::new());
                }
                return Err(Diagnostic::error(&page.file, "the eligibility guide has no flow file")
                    .at_offset(&page.text, at)
                    .with_hint(format!("write content/{}", crate::flows::FLOW_FILE)));
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

    /// The address of a state of the guide hosted by page `host`: its address plus the answers given.
    fn flow_url(&self, host: usize, history: &[(String, String)]) -> String {
        let path = self
            .flow
            .map(|f| f.flow.path(history, &self.site.pages[host].lang))
            .unwrap_or_default();
        format!("{}{path}", self.site.urls[host])
    }

    /// The HTML of one step of the guide: a question with its answers as links, or an outcome. What it
    /// shows comes from `puente_core::flow::Flow::view`, the same code the interactive guide runs.
    fn flow_step_html(
        &self,
        loaded: &crate::flows::LoadedFlow,
        host: usize,
        history: &[(String, String)],
    ) -> Result<String, tera::Error> {
        use puente_core::flow::StepView;
        let lang = self.site.pages[host].lang.as_str();
        let pages = crate::flows::LoadedFlow::pages(&loaded.flow, self.site, lang);
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
            &crate::widget_blocks::strings_json(self.strings.of(lang), "guide_", &["callout_", "find_legal_help"]),
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
    fn flow_pages(&self, host: usize) -> (Vec<OutputFile>, Vec<Diagnostic>) {
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

    fn alias(&self, from: &str, to: &str, lang: &str) -> Result<OutputFile, tera::Error> {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("target", to);
        ctx.insert("canonical", &format!("{}{}", self.base_url, to));
        ctx.insert("t", self.strings.of(lang));
        let html = self.theme.tera.render("alias.html", &ctx)?;
        Ok(OutputFile {
            path: file_for(from),
            bytes: html.into_bytes(),
            is_html: true,
        })
    }
}

#[derive(Serialize)]
struct Choice<'a> {
    code: &'a str,
    name: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    t: &'a BTreeMap<String, String>,
}

impl Renderer<'_> {
    /// A page of the guide, the A–Z index or search, rendered with `page.html` at its address.
    fn page_html(&self, ctx: &PageContext<'_>) -> Result<OutputFile, tera::Error> {
        let html = tera::Context::from_serialize(ctx).and_then(|c| self.theme.tera.render("page.html", &c))?;
        Ok(OutputFile {
            path: file_for(ctx.url),
            bytes: html.into_bytes(),
            is_html: true,
        })
    }

    /// The A–Z index of `lang`, as its letters: every page, and the `###` terms of the glossary page.
    fn az_letters(&self, lang: &str) -> Vec<serde_json::Value> {
        // Sorted by the title folded and without leading punctuation (`¿Qué es…?` is under Q).
        let fold = |t: &str| puente_core::search::fold(t.trim_start_matches(|c: char| !c.is_alphanumeric()));
        let mut entries: Vec<(String, serde_json::Value)> = Vec::new();
        for (i, page) in self.site.pages.iter().enumerate().filter(|(_, p)| p.lang == lang) {
            let entry = serde_json::json!({ "title": page.title(), "url": self.site.urls[i], "description": page.front.description.value, "term": false });
            entries.push((fold(page.title()), entry));
        }
        if let Some(glossary) = self.config.glossary_page.as_ref() {
            if let Some(g) = self.site.find(lang, &glossary.value) {
                for h in markdown::headings(self.site.pages[g].body())
                    .into_iter()
                    .filter(|h| h.level == 3)
                {
                    let url = format!("{}#{}", self.site.urls[g], h.id);
                    entries.push((
                        fold(&h.text),
                        serde_json::json!({ "title": h.text, "url": url, "term": true }),
                    ));
                }
            }
        }
        entries.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1["url"].as_str().cmp(&b.1["url"].as_str()))
        });
        let mut letters: Vec<(String, Vec<serde_json::Value>)> = Vec::new();
        for (key, entry) in entries {
            let first = key.chars().find(|c| c.is_alphanumeric()).unwrap_or('#');
            let letter = if first.is_ascii_alphabetic() {
                first.to_ascii_uppercase().to_string()
            } else {
                "#".to_string()
            };
            match letters.last_mut() {
                Some((l, list)) if *l == letter => list.push(entry),
                _ => letters.push((letter, vec![entry])),
            }
        }
        letters
            .into_iter()
            .map(|(letter, entries)| {
                let id = if letter == "#" {
                    "0".to_string()
                } else {
                    letter.to_lowercase()
                };
                serde_json::json!({ "letter": letter, "id": id, "entries": entries })
            })
            .collect()
    }

    /// The A–Z index and the search page of every language: a partial (`partials/a-z.html`,
    /// `partials/search.html`) rendered as the content of `page.html`.
    fn generated_pages(&self) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let theme_file = |name: &str| std::path::PathBuf::from(format!("themes/…/templates/{name}"));
        for lang in self.site.langs() {
            let t = self.strings.of(lang);
            for (kind, url_of) in GENERATED_PAGES {
                let mut ctx = tera::Context::new();
                ctx.insert("t", t);
                ctx.insert("az_url", &az_url(lang));
                let partial = match kind {
                    "az" => {
                        ctx.insert("letters", &self.az_letters(lang));
                        "partials/a-z.html"
                    }
                    _ => {
                        ctx.insert("assets", &self.theme.asset_urls);
                        ctx.insert("index_url", &self.search.get(lang).map_or("", |s| s.index_url.as_str()));
                        ctx.insert("glue_url", &self.widgets.search_glue_url);
                        ctx.insert("strings", &self.search_strings.get(lang).map_or("{}", String::as_str));
                        "partials/search.html"
                    }
                };
                let content = match self.theme.tera.render(partial, &ctx) {
                    Ok(html) => html,
                    Err(e) => {
                        problems.push(self.template_error(&theme_file(partial), partial, lang, &e));
                        continue;
                    }
                };
                let url = url_of(lang);
                let (languages, alternates, x_default) = self.language_links(lang, |code| (url_of(code), false));
                let title = t.get(&format!("{kind}_title")).map_or("", String::as_str);
                let description = t.get(&format!("{kind}_description")).map_or("", String::as_str);
                let ctx = PageContext {
                    content,
                    languages,
                    alternates,
                    x_default,
                    ..PageContext::generated(self.common(lang, None), kind, title, description, &url)
                };
                match self.page_html(&ctx) {
                    Ok(file) => files.push(file),
                    Err(e) => problems.push(self.template_error(&theme_file("page.html"), "page.html", lang, &e)),
                }
            }
        }
        (files, problems)
    }

    /// The not-found page of each language, the root page that sends readers to their language, the
    /// generated pages, the sitemap, robots.txt, and the hosting rules `_headers` and `_redirects`.
    pub fn site_files(&self) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let (mut files, mut problems) = self.generated_pages();
        let theme_file = |name: &str| std::path::PathBuf::from(format!("themes/…/templates/{name}"));
        for lang in self.site.langs() {
            let t = self.strings.of(lang);
            let title = t.get("not_found_title").map_or("", String::as_str);
            let description = t.get("not_found_text").map_or("", String::as_str);
            let ctx = PageContext {
                children: self
                    .site
                    .top_sections(lang)
                    .into_iter()
                    .map(|s| Child {
                        title: self.site.pages[s].title().to_string(),
                        url: self.site.urls[s].clone(),
                        description: self.site.pages[s].front.description.value.clone(),
                    })
                    .collect(),
                languages: self
                    .config
                    .languages
                    .iter()
                    .map(|l| Switch {
                        code: l.code.value.clone(),
                        name: l.name.clone(),
                        url: format!("/{}/", l.code.value),
                        current: &l.code.value == lang,
                        fallback: false,
                    })
                    .collect(),
                ..PageContext::generated(self.common(lang, None), "404", title, description, "")
            };
            let rendered = tera::Context::from_serialize(&ctx).and_then(|c| self.theme.tera.render("404.html", &c));
            match rendered {
                Ok(html) => {
                    // Hosts that know only one 404 page (GitHub Pages, a plain server) get the default
                    // language's at the root.
                    if lang == self.config.default_language.value.as_str() {
                        files.push(OutputFile {
                            path: "404.html".into(),
                            bytes: html.clone().into_bytes(),
                            is_html: true,
                        });
                    }
                    files.push(OutputFile {
                        path: format!("{lang}/404.html"),
                        bytes: html.into_bytes(),
                        is_html: true,
                    });
                }
                Err(e) => problems.push(self.template_error(&theme_file("404.html"), "404.html", lang, &e)),
            }
        }

        let choices: Vec<Choice<'_>> = self
            .config
            .languages
            .iter()
            .map(|l| Choice {
                code: &l.code.value,
                name: &l.name,
                title: &l.title,
                description: &l.description,
                url: format!("/{}/", l.code.value),
                t: self.strings.of(&l.code.value),
            })
            .collect();
        let mut ctx = tera::Context::new();
        ctx.insert("choices", &choices);
        ctx.insert("default_lang", &self.config.default_language.value);
        ctx.insert("assets", &self.theme.asset_urls);
        ctx.insert("base_url", self.base_url);
        ctx.insert(
            "alternates",
            &choices
                .iter()
                .map(|c| Alternate {
                    hreflang: c.code.to_string(),
                    href: format!("{}{}", self.base_url, c.url),
                })
                .collect::<Vec<_>>(),
        );
        match self.theme.tera.render("root.html", &ctx) {
            Ok(html) => files.push(OutputFile {
                path: "index.html".into(),
                bytes: html.into_bytes(),
                is_html: true,
            }),
            Err(e) => problems.push(self.template_error(
                &theme_file("root.html"),
                "root.html",
                &self.config.default_language.value,
                &e,
            )),
        }

        files.extend(self.feeds());
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: self.sitemap().into_bytes(),
            is_html: false,
        });
        files.push(OutputFile {
            path: "robots.txt".into(),
            bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", self.base_url).into_bytes(),
            is_html: false,
        });
        files.push(OutputFile {
            path: "_headers".into(),
            bytes: crate::hosting::headers(self.config).into_bytes(),
            is_html: false,
        });
        files.push(OutputFile {
            path: "_redirects".into(),
            bytes: crate::hosting::redirects(self.config, self.site).into_bytes(),
            is_html: false,
        });
        (files, problems)
    }

    /// `sitemap.xml` with each page's translations as `xhtml:link` alternates.
    pub fn sitemap(&self) -> String {
        let site = self.site;
        let mut order: Vec<usize> = (0..site.pages.len()).collect();
        order.sort_by(|&a, &b| site.urls[a].cmp(&site.urls[b]));
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for i in order {
            let loc = format!("{}{}", self.base_url, site.urls[i]);
            xml.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>\n",
                markdown::escape(&loc),
                site.pages[i].last_reviewed
            ));
            let mut default_href = None;
            for lang in site.langs() {
                if let Some(t) = site.find(lang, &site.pages[i].rel) {
                    let href = markdown::escape(&format!("{}{}", self.base_url, site.urls[t]));
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"/>\n"
                    ));
                    if lang == &self.config.default_language.value {
                        default_href = Some(href);
                    }
                }
            }
            if let Some(href) = default_href {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{href}\"/>\n"
                ));
            }
            xml.push_str("  </url>\n");
        }
        // Every step of the guide is a page too.
        if let Some(loaded) = self.flow {
            let states = loaded.flow.states().unwrap_or_default();
            let hosts: Vec<usize> = (0..site.pages.len())
                .filter(|&i| {
                    markdown::widget_names(site.pages[i].body())
                        .iter()
                        .any(|n| n == "eligibility")
                })
                .collect();
            for &host in &hosts {
                for (history, _) in states.iter().filter(|(h, _)| !h.is_empty()) {
                    let loc = format!("{}{}", self.base_url, self.flow_url(host, history));
                    xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", markdown::escape(&loc)));
                    for lang in site.langs() {
                        if let Some(other) = site.find(lang, &site.pages[host].rel) {
                            let href = markdown::escape(&format!("{}{}", self.base_url, self.flow_url(other, history)));
                            xml.push_str(&format!(
                                "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"/>\n"
                            ));
                        }
                    }
                    xml.push_str("  </url>\n");
                }
            }
        }
        // The A–Z index and the search page of each language.
        for (_, url_of) in GENERATED_PAGES {
            for lang in site.langs() {
                let loc = markdown::escape(&format!("{}{}", self.base_url, url_of(lang)));
                xml.push_str(&format!("  <url>\n    <loc>{loc}</loc>\n"));
                for other in site.langs() {
                    let href = markdown::escape(&format!("{}{}", self.base_url, url_of(other)));
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{href}\"/>\n"
                    ));
                }
                xml.push_str("  </url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }
}
