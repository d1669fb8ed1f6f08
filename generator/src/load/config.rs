//! `content/site.yaml` → [`SiteConfig`]. Unknown keys are errors with a "did you mean" hint.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Embedding};

/// The site settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The address the site is published at, e.g. `https://puente.example.org`; used for canonical links
    /// and the sitemap. Pages link to each other with root-relative addresses, so any host works.
    pub base_url: Spanned<String>,
    /// The language of `x-default` and of the root page's first choice.
    pub default_language: Spanned<String>,
    /// The site's languages, in the order the language switcher lists them.
    pub languages: Vec<Language>,
    /// Who publishes this copy: name, contact details, logo, providers, banner (see `branding.rs`).
    pub organisation: Organisation,
    /// The organisation's colours, checked for contrast.
    #[serde(default)]
    pub colors: Colors,
    /// The page (a path under each language folder) that explains how to find accredited legal help;
    /// every page's footer links to it.
    pub legal_help_page: Spanned<String>,
    /// The glossary page (a path under each language folder), if the site has one: its `###` headings are
    /// listed as terms on the A–Z index.
    #[serde(default)]
    pub glossary_page: Option<Spanned<String>>,
    /// Thresholds for `puente check`.
    #[serde(default)]
    pub checks: Checks,
    /// The logo's file, read and checked (`organisation.logo` names it).
    #[serde(skip)]
    pub logo: Option<Vec<u8>>,
}

/// What `puente check` warns about.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    /// A page whose `last_reviewed` is older than this many days is reported.
    #[serde(default = "default_review_interval")]
    pub review_interval_days: u32,
    /// Per language: English pages above this Flesch-Kincaid grade are reported.
    #[serde(default)]
    pub max_grade: std::collections::BTreeMap<String, f64>,
    /// Per language: Spanish pages below this Fernández-Huerta score (0–100, higher is easier) are reported.
    #[serde(default)]
    pub min_score: std::collections::BTreeMap<String, f64>,
    /// `check --external`: the pause between two requests to the same host, in milliseconds.
    #[serde(default = "default_external_pace")]
    pub external_pace_ms: u64,
}

fn default_external_pace() -> u64 {
    1000
}

fn default_review_interval() -> u32 {
    180
}

impl Default for Checks {
    fn default() -> Checks {
        Checks {
            review_interval_days: default_review_interval(),
            max_grade: Default::default(),
            min_score: Default::default(),
            external_pace_ms: default_external_pace(),
        }
    }
}

/// One language of the site.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The BCP 47 code, also the folder name under `content/`: `en`, `es`.
    pub code: Spanned<String>,
    /// The language's own name for itself: `English`, `Español`.
    pub name: String,
    /// The site title in this language.
    pub title: String,
    /// The site description in this language.
    pub description: String,
}

/// Who publishes the site.
pub use crate::load::branding::{Colors, Organisation};

impl SiteConfig {
    /// Reads and validates `site.yaml`, returning every problem found.
    pub fn load(tree: &crate::load::tree::Tree, file: &Path, display: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let dir = file.parent().unwrap_or(Path::new("."));
        let max = crate::load::source::MAX_DATA_BYTES;
        let text = tree
            .read_text(dir, file, display, max, |e| {
                Diagnostic::error(display, format!("cannot read the site settings: {e}"))
                    .with_hint("every site needs a `site.yaml` at the top of its content folder")
            })
            .map_err(|d| vec![d])?;
        let embedding = Embedding {
            file_text: &text,
            line_offset: 0,
        };
        let mut config: SiteConfig = yaml::parse_all(display, &text, embedding)?;
        let mut problems = config.validate(tree, display, dir, embedding);
        if let Some(logo) = &config.organisation.logo {
            if crate::load::branding::is_logo_path(&logo.value) && tree.exists(&dir.join(&logo.value)) {
                let at = |d: Diagnostic, span: serde_saphyr::Location| match yaml::position(span, embedding) {
                    Some(p) => d.at(&text, p),
                    None => d,
                };
                match crate::load::branding::read_logo(tree, logo, display, dir, &at) {
                    Ok(bytes) => config.logo = Some(bytes),
                    Err(d) => problems.push(d),
                }
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(
        &self,
        tree: &crate::load::tree::Tree,
        file: &Path,
        dir: &Path,
        embedding: Embedding<'_>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let at = |d: Diagnostic, span: serde_saphyr::Location| match yaml::position(span, embedding) {
            Some(p) => d.at(embedding.file_text, p),
            None => d,
        };
        let langs: Vec<&str> = self.codes().collect();
        problems.extend(crate::load::branding::validate(
            tree,
            &self.organisation,
            &self.colors,
            file,
            dir,
            &langs,
            &at,
        ));
        let url = &self.base_url.value;
        if !is_base_url(url) {
            problems.push(at(
                Diagnostic::error(
                    file,
                    format!("`base_url` must be the site's address (`https://`, a host name, maybe a path; no spaces and no final `/`), not {url:?}"),
                )
                .with_hint("write it like `https://puente.example.org`"),
                self.base_url.referenced,
            ));
        }
        if self.languages.is_empty() {
            problems
                .push(Diagnostic::error(file, "`languages` lists no language").with_hint("add at least `- code: en`"));
        }
        let mut seen = std::collections::BTreeSet::new();
        for language in &self.languages {
            let code = &language.code.value;
            let well_formed = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
            if !well_formed {
                problems.push(at(
                    Diagnostic::error(file, format!("`{code}` is not a language code"))
                        .with_hint("use a two-letter code in lower case, like `en` or `es`"),
                    language.code.referenced,
                ));
            } else if !seen.insert(code.as_str()) {
                problems.push(at(
                    Diagnostic::error(file, format!("language `{code}` is listed twice")),
                    language.code.referenced,
                ));
            }
        }
        let default = &self.default_language.value;
        if !self.languages.iter().any(|l| &l.code.value == default) {
            problems.push(at(
                Diagnostic::error(file, format!("the default language `{default}` is not in `languages`"))
                    .with_hint(format!("use one of: {}", self.codes().collect::<Vec<_>>().join(", "))),
                self.default_language.referenced,
            ));
        }
        let help = &self.legal_help_page.value;
        if !help.ends_with(".md") || help.starts_with('/') || help.contains("..") {
            problems.push(at(
                Diagnostic::error(
                    file,
                    format!("`legal_help_page` must be the path of a page, not `{help}`"),
                )
                .with_hint("write the path under each language folder, like `help/legal-help.md`"),
                self.legal_help_page.referenced,
            ));
        }
        problems
    }

    /// The language codes, in order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.value.as_str())
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code.value == code)
    }
}

/// Whether `url` is a site's address as `_redirects`, `_headers`, robots.txt and the sitemap may carry it:
/// `http(s)://`, a host name (letters, digits, `-` and `.`), maybe a port, maybe a path of plain segments,
/// and no final `/`.
pub fn is_base_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    let host_ok = !host.is_empty()
        && !host.starts_with('.')
        && !host.starts_with('-')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let port_ok =
        !authority.contains(':') || (!port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()));
    let path_ok = path.is_empty()
        || (!path.ends_with('/') && crate::load::content::front_matter::is_site_path(&format!("{path}/")));
    host_ok && port_ok && path_ok
}

#[cfg(test)]
mod base_url_tests {
    use super::is_base_url;

    #[test]
    fn a_base_url_is_a_plain_address_without_a_final_slash() {
        for good in [
            "https://puente.example.org",
            "http://localhost:8080",
            "https://example.org/guide",
        ] {
            assert!(is_base_url(good), "{good}");
        }
        for bad in [
            "puente.example.org",
            "https://puente.example.org/",
            "https://example.org\n/*  https://evil.example/  301!",
            "https://exa mple.org",
            "https://example.org/guide/",
            "https://example.org//evil",
            "https://:80",
            "https://example.org:http",
            "https://user@example.org",
            "javascript:alert(1)",
        ] {
            assert!(!is_base_url(bad), "{bad:?}");
        }
    }
}
