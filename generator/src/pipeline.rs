//! The build as a pipeline: load → validate → resolve → render → write. Each stage takes the previous
//! stage's value; all problems of a stage are collected before deciding whether to go on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use crate::diagnostics::{display_path, Diagnostics};
use crate::files::OutputFile;
use crate::load::config::SiteConfig;
use crate::load::i18n::Strings;
use crate::load::theme::Theme;
use crate::load::tree::Tree;
use crate::paths::Paths;
use crate::render::Renderer;
use crate::resolve::site::Site;

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
    /// Fact id → the places that use it (pages by address, the flow and string files by path).
    pub fact_uses: BTreeMap<String, BTreeSet<String>>,
    pub diagnostics: Diagnostics,
}

/// Reads the settings and every page, and resolves them into a site.
pub fn load(paths: &Paths, tree: &Tree, diagnostics: &mut Diagnostics) -> Option<(SiteConfig, Site)> {
    let root = &paths.root;
    if !tree.problems().is_empty() {
        diagnostics.extend(tree.problems().iter().cloned());
        return None;
    }
    let config_file = tree.settings_dir().join("site.yaml");
    let config = match SiteConfig::load(tree, &config_file, &display_path(root, &config_file)) {
        Ok(c) => c,
        Err(found) => {
            diagnostics.extend(found);
            return None;
        }
    };
    let langs: Vec<&str> = config.codes().collect();
    let t0 = Instant::now();
    let mut loaded = crate::load::content::load(root, tree, tree.content_layers(), &langs);
    crate::clock::phase("load", t0);
    diagnostics.extend(loaded.problems);
    // With a broken registry, its own errors are the news: references are not reported on top of them.
    let facts_file = tree.content_file(crate::load::facts::FILE);
    let facts = match crate::load::facts::Registry::load(tree, root, &tree.layer_of(&facts_file), &facts_file, &langs) {
        Ok(r) => r,
        Err(found) => {
            diagnostics.extend(found);
            crate::load::facts::Registry::broken()
        }
    };
    for page in &mut loaded.pages {
        diagnostics.extend(page.expand_facts(&facts));
    }
    let t0 = Instant::now();
    let (mut site, found) = Site::resolve(&config, loaded.pages, loaded.failed);
    crate::clock::phase("resolve", t0);
    diagnostics.extend(found);
    site.facts = facts;
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
    if let Some(glossary) = &config.glossary_page {
        for lang in &langs {
            if site.find(lang, &glossary.value).is_none() && !site.has_failed(lang, &glossary.value) {
                let file = display_path(root, &config_file);
                diagnostics.push(
                    crate::diagnostics::Diagnostic::error(
                        file,
                        format!(
                            "`glossary_page` names `{}`, which is not a page in `{lang}`",
                            glossary.value
                        ),
                    )
                    .with_hint("give the path of the glossary under each language folder, or remove the line"),
                );
            }
        }
    }
    Some((config, site))
}

/// Everything rendering needs, owned, so `serve` can keep it between rebuilds.
pub struct Prepared {
    pub flow: Option<crate::resolve::flows::LoadedFlow>,
    /// The site has a flow file, but it has errors (already reported).
    pub flow_invalid: bool,
    pub config: SiteConfig,
    pub site: Site,
    pub strings: Strings,
    pub theme: Theme,
    /// The browser widgets' files.
    pub bundle: crate::render::widgets::WidgetBundle,
    pub examples: Option<crate::load::widget_blocks::Examples>,
    /// Each language's search index and fragments.
    pub search: BTreeMap<String, crate::render::search_index::SearchFiles>,
    /// The organisation's stylesheet and logo.
    pub brand: crate::load::branding::BrandAssets,
    /// The search box's interface strings as JSON, per language (the same on every page).
    pub search_strings: BTreeMap<String, String>,
    /// Language → the page that places the "what changed" list (the first one, when several do).
    pub changes_pages: BTreeMap<String, usize>,
    pub base_url: String,
}

impl Prepared {
    pub fn renderer(&self) -> Renderer<'_> {
        Renderer {
            flow: self.flow.as_ref(),
            flow_invalid: self.flow_invalid,
            widgets: &self.bundle,
            examples: self.examples.as_ref(),
            search: &self.search,
            brand: &self.brand,
            search_strings: &self.search_strings,
            changes_pages: &self.changes_pages,
            config: &self.config,
            site: &self.site,
            strings: &self.strings,
            theme: &self.theme,
            base_url: &self.base_url,
        }
    }

    /// Fact id → the places that use it: each page by its address, the flow and the string files by path.
    pub fn fact_uses(&self, root: &Path, tree: &Tree) -> BTreeMap<String, BTreeSet<String>> {
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (page, url) in self.site.pages.iter().zip(&self.site.urls) {
            for id in &page.expanded.used {
                uses.entry(id.clone()).or_default().insert(url.clone());
            }
        }
        if let Some(flow) = &self.flow {
            let file = display_path(root, &tree.content_file(crate::resolve::flows::FLOW_FILE));
            for id in &flow.facts_used {
                uses.entry(id.clone()).or_default().insert(file.display().to_string());
            }
        }
        for (id, files) in &self.strings.facts_used {
            uses.entry(id.clone()).or_default().extend(files.iter().cloned());
        }
        uses
    }

    /// The files every build writes besides pages: 404 pages, root page, sitemap, robots.txt, assets and
    /// widgets.
    pub fn site_files(&self, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
        let (mut files, found) = self.renderer().site_files();
        diagnostics.extend(found);
        let b = &self.bundle;
        files.extend(b.files.iter().map(|a| OutputFile {
            path: a.path.clone(),
            bytes: a.bytes.clone(),
            is_html: false,
        }));
        // The interactive guide's data, one file per language, next to the widgets that read it.
        if let Some(flow) = &self.flow {
            files.extend(flow.bundles.values().map(|b| OutputFile {
                path: b.url.trim_start_matches('/').to_string(),
                bytes: b.bytes.clone(),
                is_html: false,
            }));
        }
        files.extend(
            self.search
                .values()
                .flat_map(|s| &s.files)
                .map(|(path, bytes)| OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                    is_html: false,
                }),
        );
        files.extend(self.brand.files.iter().map(|(path, bytes)| OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
            is_html: false,
        }));
        files.extend(self.theme.assets.iter().map(|a| OutputFile {
            path: a.path.clone(),
            bytes: a.bytes.clone(),
            is_html: false,
        }));
        files
    }
}

/// Loads the theme, its strings and (when a page places one) the widgets, for a loaded site.
pub fn prepare(
    paths: &Paths,
    tree: &Tree,
    config: SiteConfig,
    site: Site,
    base_url_override: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Result<Prepared, (SiteConfig, Site)> {
    let root = &paths.root;
    let langs: Vec<&str> = config.codes().collect();
    let theme_layers = tree.theme_layers();
    let strings = Strings::load(tree, root, theme_layers, &langs, &site.facts);
    let theme = Theme::load(tree, root, theme_layers);
    let (strings, theme) = match (strings, theme) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => {
            diagnostics.extend(s.err().unwrap_or_default());
            diagnostics.extend(t.err().unwrap_or_default());
            return Err((config, site));
        }
    };
    // Each page's widget blocks, read once.
    let widgets_of: Vec<Vec<String>> = site
        .pages
        .iter()
        .map(|p| crate::markdown::widget_names(p.body()))
        .collect();
    let places = |name: &str| widgets_of.iter().any(|names| names.iter().any(|n| n == name));
    let mut changes_pages = BTreeMap::new();
    for (i, names) in widgets_of.iter().enumerate() {
        if names.iter().any(|n| n == "changes") {
            changes_pages.entry(site.pages[i].lang.clone()).or_insert(i);
        }
    }
    // A string that uses an unknown fact is an error where it is shown: a widget's strings only on a site
    // that places the widget.
    for (key, problem) in &strings.fact_problems {
        let widget = crate::load::widget_blocks::WIDGET_STRINGS
            .iter()
            .find(|(prefix, _)| key.starts_with(prefix))
            .map(|(_, widget)| *widget);
        if widget.is_none_or(&places) {
            diagnostics.push(problem.clone());
        }
    }
    // Every page has the search box, so every site needs the widgets.
    let bundle = crate::render::widgets::bundle();
    let t0 = Instant::now();
    let phrasings = match crate::load::search_words::load(tree, root, &langs) {
        Ok(p) => p,
        Err(found) => {
            diagnostics.extend(found);
            BTreeMap::new()
        }
    };
    let search = crate::render::search_index::build(
        &site,
        &langs,
        config.glossary_page.as_ref().map(|g| g.value.as_str()),
        &phrasings,
    );
    crate::clock::phase("search index", t0);
    let examples = if places("unlawful-presence") {
        let examples_file = tree.content_file("widgets/unlawful-presence.yaml");
        match crate::load::widget_blocks::Examples::load(
            tree,
            root,
            &tree.layer_of(&examples_file),
            &examples_file,
            &langs,
            &strings,
        ) {
            Ok(e) => Some(e),
            Err(found) => {
                diagnostics.extend(found);
                None
            }
        }
    } else {
        None
    };
    let base_url = base_url_override.map_or(config.base_url.value.clone(), |b| b.trim_end_matches('/').to_string());
    let (flow, flow_invalid) = match crate::resolve::flows::load(tree, root, &site, &langs) {
        Ok(f) => (f, false),
        Err(found) => {
            diagnostics.extend(found);
            (None, true)
        }
    };
    let brand = crate::load::branding::BrandAssets::new(&config.organisation, &config.colors, config.logo.as_deref());
    let search_strings = langs
        .iter()
        .map(|l| {
            (
                l.to_string(),
                crate::load::widget_blocks::strings_json(strings.of(l), "search_", &[]),
            )
        })
        .collect();
    Ok(Prepared {
        changes_pages,
        search_strings,
        brand,
        search,
        flow,
        flow_invalid,
        config,
        site,
        strings,
        theme,
        bundle,
        examples,
        base_url,
    })
}

/// Reads every input, then runs every stage up to rendering and collects every diagnostic.
pub fn render_site(paths: &Paths, base_url_override: Option<&str>) -> Outcome {
    let t0 = Instant::now();
    let tree = Tree::load(paths);
    crate::clock::phase("read", t0);
    render_tree(paths, &tree, base_url_override)
}

/// Runs every stage up to rendering on inputs already read, and collects every diagnostic.
pub fn render_tree(paths: &Paths, tree: &Tree, base_url_override: Option<&str>) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let Some((config, site)) = load(paths, tree, &mut diagnostics) else {
        return Outcome {
            files: None,
            pages_per_lang: Vec::new(),
            site: None,
            fact_uses: BTreeMap::new(),
            diagnostics,
        };
    };
    let pages_per_lang = pages_per_lang(&config, &site);
    let mut fact_uses = BTreeMap::new();
    let (files, config, site) = match prepare(paths, tree, config, site, base_url_override, &mut diagnostics) {
        Ok(prepared) => {
            fact_uses = prepared.fact_uses(&paths.root, tree);
            let t0 = Instant::now();
            let (mut files, found) = prepared.renderer().pages();
            crate::clock::phase("render pages", t0);
            diagnostics.extend(found);
            files.extend(prepared.site_files(&mut diagnostics));
            diagnostics.extend(collisions(&files, &prepared.site));
            (Some(files), prepared.config, prepared.site)
        }
        Err((config, site)) => (None, config, site),
    };
    let files = if diagnostics.has_errors() { None } else { files };
    Outcome {
        files,
        pages_per_lang,
        site: Some((config, site)),
        fact_uses,
        diagnostics,
    }
}

/// Output files that cannot all be written: one path written twice with different contents, or a file where another needs a
/// folder (an alias `/sitemap.xml/` would make `sitemap.xml` a folder). An alias that causes it is
/// named where it is written; anything else is reported as the two paths.
fn collisions(files: &[OutputFile], site: &Site) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::Diagnostic;
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // The paths that are folders of others, each with one file inside it.
    let mut folders: BTreeMap<&str, &str> = BTreeMap::new();
    for path in &paths {
        let mut at = 0;
        while let Some(i) = path[at..].find('/') {
            folders.entry(&path[..at + i]).or_insert(path);
            at += i + 1;
        }
    }
    let mut problems = Vec::new();
    let mut explained = BTreeSet::new();
    for page in &site.pages {
        for alias in &page.front.aliases {
            let folder = alias.value.trim_matches('/');
            let clash = folder
                .char_indices()
                .filter(|(_, c)| *c == '/')
                .map(|(i, _)| &folder[..i])
                .chain([folder])
                .find(|prefix| paths.contains(prefix));
            if let Some(file) = clash {
                explained.insert(file);
                problems.push(
                    Diagnostic::error(
                        &page.file,
                        format!(
                            "the alias {} would turn /{file}, a file Puente writes, into a folder",
                            alias.value
                        ),
                    )
                    .at_offset(&page.text, page.text.find(alias.value.as_str()).unwrap_or(0))
                    .with_hint("remove the alias, or give the old address it stands for"),
                );
            }
        }
    }
    for (folder, inside) in folders {
        if paths.contains(folder) && !explained.contains(folder) {
            problems.push(
                Diagnostic::error(
                    folder,
                    format!("Puente would write /{folder} both as a file and as the folder of /{inside}"),
                )
                .with_hint("rename the page or file that gives one of these addresses"),
            );
        }
    }
    // The same bytes twice (two identical search fragments, named by their content) are one file.
    let mut seen: BTreeMap<&str, &[u8]> = BTreeMap::new();
    for f in files {
        if seen
            .insert(f.path.as_str(), &f.bytes)
            .is_some_and(|before| before != f.bytes.as_slice())
        {
            problems.push(
                Diagnostic::error(f.path.as_str(), format!("Puente would write /{} twice", f.path))
                    .with_hint("rename the page or file that gives this address"),
            );
        }
    }
    problems
}

/// Pages per language, in the configured order.
pub fn pages_per_lang(config: &SiteConfig, site: &Site) -> Vec<(String, usize)> {
    config
        .codes()
        .map(|l| (l.to_string(), site.pages.iter().filter(|p| p.lang == l).count()))
        .collect()
}

/// Builds the site into `paths.out`. On any error nothing is written.
pub fn build(paths: &Paths, base_url: Option<&str>) -> (Option<Summary>, Diagnostics) {
    let started = Instant::now();
    let outcome = render_site(paths, base_url);
    let mut diagnostics = outcome.diagnostics;
    let Some(files) = outcome.files else {
        return (None, diagnostics);
    };
    let t0 = Instant::now();
    let written = crate::write::output::write_site(&paths.out, files);
    crate::clock::phase("minify and write", t0);
    if let Err(e) = written {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in guide, as files given in memory, with the English home page's title changed.
    fn guide_in_memory(title: &str) -> Vec<(String, Vec<u8>)> {
        crate::load::builtin::files()
            .map(|(path, bytes)| {
                let bytes = if path == "content/en/_index.md" {
                    let text = std::str::from_utf8(bytes).unwrap();
                    let old = text.lines().find(|l| l.starts_with("title:")).unwrap();
                    text.replacen(old, &format!("title: \"{title}\""), 1).into_bytes()
                } else {
                    bytes.to_vec()
                };
                (path.to_string(), bytes)
            })
            .collect()
    }

    #[test]
    fn a_site_builds_from_memory_without_touching_the_disk() {
        let files = guide_in_memory("Parole, explained in memory");
        let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
        let (tree, paths) = Tree::from_memory(&borrowed);
        let outcome = render_tree(&paths, &tree, None);
        assert!(!outcome.diagnostics.has_errors(), "{:?}", outcome.diagnostics.sorted());
        let files = outcome.files.expect("a build");
        let home = files
            .iter()
            .find(|f| f.path == "en/index.html")
            .expect("the English home page");
        let html = String::from_utf8_lossy(&home.bytes);
        assert!(
            html.contains("Parole, explained in memory"),
            "the in-memory edit is built"
        );
        assert!(files.iter().any(|f| f.path.starts_with("widgets/puente_widgets.")));
        // The same inputs give the same bytes.
        let again = render_tree(&paths, &tree, None).files.unwrap();
        assert!(files
            .iter()
            .zip(&again)
            .all(|(a, b)| a.path == b.path && a.bytes == b.bytes));
    }

    #[test]
    fn a_mistake_in_memory_is_reported_at_its_place() {
        let mut files = guide_in_memory("Home");
        let at = files.iter().position(|(p, _)| p == "content/es/_index.md").unwrap();
        files[at].1 = b"---\ntitel: Inicio\n---\nTexto.\n".to_vec();
        let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
        let (tree, paths) = Tree::from_memory(&borrowed);
        let outcome = render_tree(&paths, &tree, None);
        let shown: Vec<String> = outcome.diagnostics.sorted().iter().map(ToString::to_string).collect();
        assert!(outcome.files.is_none());
        assert!(
            shown
                .iter()
                .any(|d| d.contains("unknown key `titel`") && d.contains("(memory)/content/es/_index.md:2:1")),
            "{shown:?}"
        );
    }
}
