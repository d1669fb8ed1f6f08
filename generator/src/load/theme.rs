//! The theme folder: Tera templates and static files (CSS, JS) with content-hashed names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::files::{short_hash, Asset};

use crate::diagnostics::{display_path, Diagnostic};
use crate::load::source::{MAX_DATA_BYTES, MAX_STATIC_BYTES};
use crate::load::tree::Tree;

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "home.html",
    "section.html",
    "page.html",
    "404.html",
    "root.html",
    "alias.html",
];

/// Loaded theme: parsed templates and hashed assets.
pub struct Theme {
    pub tera: tera::Tera,
    pub assets: Vec<Asset>,
    /// Asset addresses for templates, keyed by file name with `.` and `-` as `_`: `site_css`.
    pub asset_urls: BTreeMap<String, String>,
}

/// Formats a Tera error with its causes, which hold the useful part (the template line, the variable).
pub fn tera_error_text(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl Theme {
    /// Loads the theme from its layers: the built-in theme first, then an organisation's `theme/`,
    /// whose templates and static files replace the built-in ones of the same path.
    pub fn load(tree: &Tree, root: &Path, layers: &[PathBuf]) -> Result<Theme, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        let theme_dir = layers.first().cloned().unwrap_or_default();
        let templates_dir = theme_dir.join("templates");
        let mut sources: Vec<(String, String)> = Vec::new();
        for (name, (layer, path)) in layered(tree, layers, "templates") {
            let shown = display_path(root, &path);
            let read = tree.read_text(layer, &path, &shown, MAX_DATA_BYTES, |e| {
                Diagnostic::error(&shown, format!("cannot read this template: {e}"))
            });
            match read {
                Ok(text) => sources.push((name.clone(), text)),
                Err(d) => problems.push(d),
            }
        }
        for required in REQUIRED_TEMPLATES {
            if !sources.iter().any(|(n, _)| n == required) {
                problems.push(
                    Diagnostic::error(
                        display_path(root, &templates_dir.join(required)),
                        format!("the theme has no `{required}` template"),
                    )
                    .with_hint("copy it from themes/default/templates"),
                );
            }
        }
        if let Err(err) = tera.add_raw_templates(sources) {
            problems.push(
                Diagnostic::error(
                    display_path(root, &templates_dir),
                    format!("a template has an error: {}", tera_error_text(&err)),
                )
                .with_hint("see the Tera template syntax at https://keats.github.io/tera/docs/"),
            );
        }

        let mut assets = Vec::new();
        let mut asset_urls = BTreeMap::new();
        for (_, (layer, path)) in layered(tree, layers, "static") {
            let path = path.as_path();
            let shown = display_path(root, path);
            let bytes = match tree.read_inside(layer, path, &shown, MAX_STATIC_BYTES) {
                Ok(bytes) => bytes,
                Err(u) => {
                    problems
                        .push(u.into_diagnostic(|e| Diagnostic::error(&shown, format!("cannot read this file: {e}"))));
                    continue;
                }
            };
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
            let bytes = if ext == "css" {
                match minify_css(&bytes) {
                    Ok(b) => b,
                    Err(message) => {
                        problems.push(Diagnostic::error(
                            shown,
                            format!("this stylesheet has an error: {message}"),
                        ));
                        continue;
                    }
                }
            } else {
                bytes
            };
            let hashed = format!("assets/{stem}.{}.{ext}", short_hash(&bytes, 10));
            asset_urls.insert(name.replace(['.', '-'], "_"), format!("/{hashed}"));
            assets.push(Asset { path: hashed, bytes });
        }
        if problems.is_empty() {
            Ok(Theme {
                tera,
                assets,
                asset_urls,
            })
        } else {
            Err(problems)
        }
    }
}

/// The files under `<layer>/<sub>/` of every layer, by their path there; a later layer's file replaces an
/// earlier one of the same path. Sorted by path.
fn layered<'a>(tree: &Tree, layers: &'a [PathBuf], sub: &str) -> BTreeMap<String, (&'a Path, PathBuf)> {
    let mut found = BTreeMap::new();
    for layer in layers {
        let dir = layer.join(sub);
        // A link is listed as it is; reading it checks where it leads.
        for (path, _) in tree.files_under(&dir) {
            let name = path
                .strip_prefix(&dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            found.insert(name, (layer.as_path(), path.to_path_buf()));
        }
    }
    found
}

fn minify_css(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let mut sheet = StyleSheet::parse(text, ParserOptions::default()).map_err(|e| e.to_string())?;
    sheet.minify(MinifyOptions::default()).map_err(|e| e.to_string())?;
    let out = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| e.to_string())?;
    Ok(out.code.into_bytes())
}
