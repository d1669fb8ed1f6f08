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

/// What running the stages up to rendering gave.
pub struct Outcome {
    /// The files to write, when no error was found.
    pub files: Option<Vec<OutputFile>>,
    /// Pages per language, in the configured order.
    pub pages_per_lang: Vec<(String, usize)>,
    /// The settings and resolved pages, when they could be read (for `check`'s findings).
    pub site: Option<(SiteConfig, Site)>,
    pub diagnostics: Diagnostics,
}

/// The compiled widgets, kept between rebuilds by `serve` (cargo is asked again only after `invalidate`).
#[derive(Default)]
pub struct WidgetCache {
    bundle: Option<crate::widgets::WidgetBundle>,
}

impl WidgetCache {
    fn get(&mut self) -> Result<&crate::widgets::WidgetBundle, crate::diagnostics::Diagnostic> {
        if self.bundle.is_none() {
            self.bundle = Some(crate::widgets::build()?);
        }
        Ok(self.bundle.as_ref().expect("just built"))
    }

    /// Forgets the compiled widgets, after their sources changed.
    pub fn invalidate(&mut self) {
        self.bundle = None;
    }
}

/// Runs every stage up to rendering and collects every diagnostic.
pub fn render_site(paths: &Paths, base_url_override: Option<&str>, widgets: &mut WidgetCache) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let root = &paths.root;
    let config_file = paths.content.join("site.yaml");
    let config = match SiteConfig::load(&config_file, &display_path(root, &config_file)) {
        Ok(c) => c,
        Err(found) => {
            diagnostics.extend(found);
            return Outcome {
                files: None,
                pages_per_lang: Vec::new(),
                site: None,
                diagnostics,
            };
        }
    };
    let langs: Vec<String> = config.codes().map(str::to_string).collect();
    let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
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
                format!("`legal_help_page` names `{help}`, which is not a page"),
            )
            .with_hint("every footer links to it; give the path of the legal-help page under each language folder"),
        );
    }
    let pages_per_lang = langs
        .iter()
        .map(|l| (l.to_string(), site.pages.iter().filter(|p| p.lang == *l).count()))
        .collect();
    let files = match (strings, theme) {
        (Ok(strings), Ok(theme)) => render_files(
            paths,
            base_url_override,
            widgets,
            &config,
            &site,
            &strings,
            theme,
            &mut diagnostics,
        ),
        (s, t) => {
            diagnostics.extend(s.err().unwrap_or_default());
            diagnostics.extend(t.err().unwrap_or_default());
            None
        }
    };
    let files = if diagnostics.has_errors() { None } else { files };
    Outcome {
        files,
        pages_per_lang,
        site: Some((config, site)),
        diagnostics,
    }
}

#[allow(clippy::too_many_arguments)]
fn render_files(
    paths: &Paths,
    base_url_override: Option<&str>,
    widgets: &mut WidgetCache,
    config: &SiteConfig,
    site: &Site,
    strings: &Strings,
    theme: Theme,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<OutputFile>> {
    let langs: Vec<&str> = config.codes().collect();
    let base_url = base_url_override.map_or(config.base_url.value.as_str(), |b| b.trim_end_matches('/'));
    let uses_widgets = site.pages.iter().any(|p| p.body().contains("```widget"));
    let (bundle, examples) = if uses_widgets {
        let bundle = match widgets.get() {
            Ok(b) => Some(b),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        };
        let examples_file = paths.content.join("widgets/unlawful-presence.yaml");
        let examples = match crate::widget_blocks::Examples::load(&paths.root, &examples_file, &langs, strings) {
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
    let renderer = Renderer {
        widgets: bundle,
        examples: examples.as_ref(),
        config,
        site,
        strings,
        theme: &theme,
        base_url,
    };
    let (mut files, found) = renderer.pages();
    diagnostics.extend(found);
    let (more, found) = renderer.site_files();
    diagnostics.extend(found);
    files.extend(more);
    if let Some(b) = bundle {
        files.extend(b.files.iter().map(|a| OutputFile {
            path: a.path.clone(),
            bytes: a.bytes.clone(),
            is_html: false,
        }));
    }
    files.extend(theme.assets.into_iter().map(|a| OutputFile {
        path: a.path,
        bytes: a.bytes,
        is_html: false,
    }));
    Some(files)
}

/// Builds the site into `paths.out`. On any error nothing is written.
pub fn build(paths: &Paths, base_url: Option<&str>) -> (Option<Summary>, Diagnostics) {
    let started = Instant::now();
    let outcome = render_site(paths, base_url, &mut WidgetCache::default());
    let mut diagnostics = outcome.diagnostics;
    let Some(files) = outcome.files else {
        return (None, diagnostics);
    };
    if let Err(e) = crate::output::write_site(&paths.out, files) {
        diagnostics.push(crate::diagnostics::Diagnostic::error(
            display_path(&paths.root, &paths.out),
            format!("cannot write the site: {e}"),
        ));
        return (None, diagnostics);
    }
    let summary = Summary {
        pages_per_lang: outcome.pages_per_lang,
        seconds: started.elapsed().as_secs_f64(),
    };
    (Some(summary), diagnostics)
}

/// Whether `path` looks like it is inside `dir`.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(path).starts_with(canon(dir))
}
