//! Pages → HTML: Markdown bodies rendered with links resolved, then placed in the theme's templates.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::files::OutputFile;
use crate::load::config::SiteConfig;
use crate::load::facts::SourceRef;
use crate::load::i18n::Strings;
use crate::load::theme::{tera_error_text, Theme};
use crate::markdown::{self, Labels};
use crate::resolve::links;
use crate::resolve::site::{az_url, search_url, Site, GENERATED_PAGES};

mod blocks;
mod guide;
pub mod hosting;
pub mod search_index;
mod site_files;
pub mod widgets;

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
    organisation: crate::load::branding::OrganisationView<'a>,
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
    /// The page places a widget (the guide, the calculator): the theme shows the tool before the
    /// page's change notes, so that on a phone it starts on the first screen.
    has_tool: bool,
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
            has_tool: false,
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

pub fn page_anchors(page: &crate::load::content::Page) -> Vec<String> {
    markdown::headings(page.body()).into_iter().map(|h| h.id).collect()
}

/// Everything needed to render.
pub struct Renderer<'a> {
    /// The eligibility guide's flow, when the site has one.
    pub flow: Option<&'a crate::resolve::flows::LoadedFlow>,
    /// The site has a flow file, but it has errors (reported where they are, not again by each page).
    pub flow_invalid: bool,
    /// The compiled widgets, when a page places one.
    pub widgets: &'a crate::render::widgets::WidgetBundle,
    /// The calculator's worked examples, when a page places the calculator.
    pub examples: Option<&'a crate::load::widget_blocks::Examples>,
    /// Each language's search index and fragments.
    pub search: &'a BTreeMap<String, crate::render::search_index::SearchFiles>,
    /// The organisation's stylesheet and logo.
    pub brand: &'a crate::load::branding::BrandAssets,
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
            feed_url: crate::resolve::changes::feed_url(lang),
            changes_url: self.changes_page(lang).map(|i| site.urls[i].clone()),
        }
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
                    crate::load::theme::REQUIRED_TEMPLATES.join(", ")
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
            has_tool: !rendered.widgets.is_empty(),
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
                        crate::resolve::changes::Item {
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
}
