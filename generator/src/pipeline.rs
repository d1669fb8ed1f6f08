//! The build as a pipeline: load → validate → resolve → render → write. Each stage takes the previous
//! stage's value; all problems of a stage are collected before deciding whether to go on.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config::SiteConfig;
use crate::diagnostics::{display_path, Diagnostics};
use crate::i18n::Strings;
use crate::render::{OutputFile, Renderer};
use crate::site::Site;
use crate::theme::Theme;

/// Where a site's inputs are and where its output goes.
#[derive(Clone, Debug)]
pub struct Paths {
    /// Paths in messages are shown relative to this folder.
    pub root: PathBuf,
    /// Holds `site.yaml` and one folder per language.
    pub content: PathBuf,
    pub theme: PathBuf,
    pub out: PathBuf,
}

/// What a successful run produced.
#[derive(Debug)]
pub struct Summary {
    /// Pages per language, in the configured order.
    pub pages_per_lang: Vec<(String, usize)>,
    pub seconds: f64,
}

impl Summary {
    pub fn line(&self, verb: &str) -> String {
        let total: usize = self.pages_per_lang.iter().map(|(_, n)| n).sum();
        let parts: Vec<String> = self.pages_per_lang.iter().map(|(l, n)| format!("{n} {l}")).collect();
        format!("{verb} {total} pages ({}) in {:.2} s", parts.join(", "), self.seconds)
    }
}

/// The rendered site, ready to write.
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    /// Pages per language, in the configured order.
    pub pages_per_lang: Vec<(String, usize)>,
}

/// Runs every stage up to rendering. Returns the files to write (if no error was found) and all
/// diagnostics.
pub fn render_site(paths: &Paths, base_url_override: Option<&str>) -> (Option<RenderedSite>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let root = &paths.root;
    let config_file = paths.content.join("site.yaml");
    let config = match SiteConfig::load(&config_file, &display_path(root, &config_file)) {
        Ok(c) => c,
        Err(found) => {
            diagnostics.extend(found);
            return (None, diagnostics);
        }
    };
    let langs: Vec<&str> = config.codes().collect();
    let strings = Strings::load(root, &paths.theme, &langs);
    let theme = Theme::load(root, &paths.theme);
    let loaded = crate::content::load(root, &paths.content, &langs);
    diagnostics.extend(loaded.problems);
    let (site, found) = Site::resolve(&config, loaded.pages, loaded.failed);
    diagnostics.extend(found);
    let help = &config.legal_help_page.value;
    let default_lang = &config.default_language.value;
    if site.find(default_lang, help).is_none() && !site.has_failed(default_lang, help) {
        let file = display_path(root, &config_file);
        diagnostics.push(
            crate::diagnostics::Diagnostic::error(
                file,
                format!(
                    "`legal_help_page` names `{}`, which is not a page",
                    config.legal_help_page.value
                ),
            )
            .with_hint("every footer links to it; give the path of the legal-help page under each language folder"),
        );
    }
    let (strings, theme) = match (strings, theme) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => {
            diagnostics.extend(s.err().unwrap_or_default());
            diagnostics.extend(t.err().unwrap_or_default());
            return (None, diagnostics);
        }
    };
    let base_url = base_url_override.map_or(config.base_url.value.as_str(), |b| b.trim_end_matches('/'));
    let uses_widgets = site.pages.iter().any(|p| p.body().contains("```widget"));
    let mut widget_files = Vec::new();
    let (bundle, examples) = if uses_widgets {
        let bundle = match crate::widgets::build() {
            Ok(b) => Some(b),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        };
        let examples_file = paths.content.join("widgets/unlawful-presence.yaml");
        let examples = match crate::widget_blocks::Examples::load(root, &examples_file, &langs, &strings) {
            Ok(e) => Some(e),
            Err(found) => {
                diagnostics.extend(found);
                None
            }
        };
        (bundle, examples)
    } else {
        (None, None)
    };
    if let Some(b) = &bundle {
        widget_files.extend(b.files.iter().map(|a| OutputFile {
            path: a.path.clone(),
            bytes: a.bytes.clone(),
            is_html: false,
        }));
    }
    let renderer = Renderer {
        widgets: bundle.as_ref(),
        examples: examples.as_ref(),
        config: &config,
        site: &site,
        strings: &strings,
        theme: &theme,
        base_url,
    };
    let (mut files, found) = renderer.pages();
    diagnostics.extend(found);
    let (more, found) = renderer.site_files();
    diagnostics.extend(found);
    files.extend(more);
    files.extend(widget_files);
    files.extend(theme.assets.into_iter().map(|a| OutputFile {
        path: a.path,
        bytes: a.bytes,
        is_html: false,
    }));
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let counts = langs
        .iter()
        .map(|l| (l.to_string(), site.pages.iter().filter(|p| p.lang == *l).count()))
        .collect();
    (
        Some(RenderedSite {
            files,
            pages_per_lang: counts,
        }),
        diagnostics,
    )
}

/// Builds the site into `paths.out`. On any error nothing is written.
pub fn build(paths: &Paths, base_url: Option<&str>) -> (Option<Summary>, Diagnostics) {
    let started = Instant::now();
    let (rendered, mut diagnostics) = render_site(paths, base_url);
    let Some(RenderedSite {
        files,
        pages_per_lang: counts,
    }) = rendered
    else {
        return (None, diagnostics);
    };
    if let Err(e) = crate::output::write_site(&paths.out, files) {
        diagnostics.push(crate::diagnostics::Diagnostic::error(
            display_path(&paths.root, &paths.out),
            format!("cannot write the site: {e}"),
        ));
        return (None, diagnostics);
    }
    (
        Some(Summary {
            pages_per_lang: counts,
            seconds: started.elapsed().as_secs_f64(),
        }),
        diagnostics,
    )
}

/// Checks everything a build checks, without writing.
pub fn check(paths: &Paths) -> (Option<Summary>, Diagnostics) {
    let started = Instant::now();
    let (rendered, diagnostics) = render_site(paths, None);
    let summary = rendered.map(|r| Summary {
        pages_per_lang: r.pages_per_lang,
        seconds: started.elapsed().as_secs_f64(),
    });
    (summary, diagnostics)
}

/// Whether `path` looks like it is inside `dir`.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(path).starts_with(canon(dir))
}
