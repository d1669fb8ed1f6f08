//! `puente check`: every check of a build, plus what editors need to keep the guide true: translations
//! that are missing or stale, pages due for review, reading level, page structure, and the external
//! links in use. Nothing is written.

use std::collections::{BTreeMap, BTreeSet};

use puente_core::date::Date;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::commands::readability;
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::config::SiteConfig;
use crate::load::content::Page;
use crate::resolve::site::Site;

pub use crate::resolve::site::TRANSLATIONS;
pub const FRESHNESS: &str = "freshness";
pub const READABILITY: &str = "readability";
pub const STRUCTURE: &str = "structure";

/// The report's sections, in order, with their titles.
const GROUPS: &[(&str, &str)] = &[
    ("", "Problems"),
    (TRANSLATIONS, "Translations"),
    (FRESHNESS, "Due for review"),
    (crate::load::facts::FACTS, "Facts due for review"),
    (READABILITY, "Reading level"),
    (STRUCTURE, "Page structure"),
    (crate::commands::overrides::OVERRIDES, "Replaced files of Puente"),
    (
        crate::commands::external::EXTERNAL,
        "External addresses that do not answer",
    ),
];

/// The fingerprint of what a source page says (title, description, sources and text) that a translation
/// records in `translated_from`. Dates and ordering are left out: they are not translated.
pub fn fingerprint(page: &Page) -> String {
    let mut hasher = Sha256::new();
    for part in [page.title(), page.front.description.value.as_str()] {
        hasher.update(part.trim().as_bytes());
        hasher.update([0]);
    }
    for source in &page.front.sources.value {
        hasher.update(source.title.as_bytes());
        hasher.update([0]);
        hasher.update(source.url.as_bytes());
        hasher.update([0]);
    }
    hasher.update(without_comments(page.source_body()).trim().as_bytes());
    let digest = hasher.finalize();
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The text without editors' `<!-- notes -->`, which readers never see.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("-->").map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out
}

/// Findings about the content beyond build errors, and the external links in use.
pub struct Analysis {
    pub findings: Vec<Diagnostic>,
    /// External address → the pages that link to it.
    pub external_links: BTreeMap<String, BTreeSet<String>>,
}

/// Examines every page. `today` decides which pages are due for review.
pub fn analyze(config: &SiteConfig, site: &Site, today: Date) -> Analysis {
    let mut findings = Vec::new();
    let mut external_links: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let source_lang = config.default_language.value.as_str();

    // Translations: stale and unfinished.
    for page in site.pages.iter().chain(&site.drafts).filter(|p| p.lang != source_lang) {
        if page.front.needs_translation {
            let draft = if page.front.draft { " (a draft)" } else { "" };
            findings.push(
                Diagnostic::warning(&page.file, format!("this page{draft} still needs to be translated"))
                    .with_hint(format!(
                        "translate it, then run `puente translated {}/{}`{}",
                        page.lang,
                        page.rel,
                        if page.front.draft {
                            " and remove `draft: true` to publish it"
                        } else {
                            ""
                        }
                    ))
                    .in_group(TRANSLATIONS),
            );
            continue;
        }
        let Some(source) = site.find(source_lang, &page.rel).map(|i| &site.pages[i]) else {
            continue;
        };
        let current = fingerprint(source);
        match &page.front.translated_from {
            Some(recorded) if recorded != &current => findings.push(
                Diagnostic::warning(
                    &page.file,
                    format!(
                        "the translation is stale: {} changed since it was translated",
                        source.file.display()
                    ),
                )
                .with_hint(format!(
                    "update this page, then run `puente translated {}/{}` (it records `translated_from: {current}`)",
                    page.lang, page.rel
                ))
                .in_group(TRANSLATIONS),
            ),
            _ => {}
        }
    }

    // Freshness, oldest first.
    let interval = i64::from(config.checks.review_interval_days);
    let mut due: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.last_reviewed.days_until(today) > interval)
        .collect();
    due.sort_by(|a, b| (a.last_reviewed, &a.file).cmp(&(b.last_reviewed, &b.file)));
    for page in due {
        findings.push(
            Diagnostic::warning(
                &page.file,
                format!(
                    "last reviewed {} days ago ({}); pages are reviewed every {interval} days",
                    page.last_reviewed.days_until(today),
                    page.last_reviewed
                ),
            )
            .with_hint("check the page against its sources, then set `last_reviewed` to the day you did")
            .in_group(FRESHNESS),
        );
    }

    // A review date in the future would never come due, and tells readers a check that did not happen.
    for page in site.pages.iter().filter(|p| p.last_reviewed > today) {
        let at = page.text.find("\nlast_reviewed:").map_or(0, |i| i + 1);
        findings.push(
            Diagnostic::warning(
                &page.file,
                format!(
                    "`last_reviewed` is {}, which is in the future, so the page would never come due for review",
                    page.last_reviewed
                ),
            )
            .at_offset(&page.text, at)
            .with_hint(format!(
                "set it to the day you last checked the page against its sources (today is {today})"
            ))
            .in_group(FRESHNESS),
        );
    }

    // Reading level, structure and links, page by page.
    let mut titles: BTreeMap<(&str, &str), Vec<&Page>> = BTreeMap::new();
    for page in &site.pages {
        titles.entry((page.lang.as_str(), page.title())).or_default().push(page);
        let facts = read_body(page);
        let sources = page.front.sources.value.iter().map(|s| &s.url);
        for link in facts.external.iter().chain(sources) {
            external_links
                .entry(link.clone())
                .or_default()
                .insert(page.file.display().to_string());
        }
        for (offset, from, to) in &facts.heading_skips {
            findings.push(
                Diagnostic::warning(&page.file, format!("the heading levels skip from {from} to {to}"))
                    .at_offset(&page.text, page.file_offset(*offset))
                    .with_hint(format!(
                        "use `{}` here, so screen-reader users can follow the outline",
                        "#".repeat(from + 1)
                    ))
                    .in_group(STRUCTURE),
            );
        }
        for offset in &facts.empty_links {
            findings.push(
                Diagnostic::warning(&page.file, "this link has no text")
                    .at_offset(&page.text, page.file_offset(*offset))
                    .with_hint("write the words to click between the brackets: `[what it leads to](…)`")
                    .in_group(STRUCTURE),
            );
        }
        let words: usize = facts.blocks.iter().map(|b| b.split_whitespace().count()).sum();
        // Reading formulas mean little on a few lines or on a page still to be translated.
        let measurable = words >= 50 && !page.front.needs_translation;
        if let Some(max) = config.checks.max_grade.get(&page.lang).filter(|_| measurable) {
            let grade = readability::flesch_kincaid_grade(readability::count(&facts.blocks, readability::syllables_en));
            if grade > *max {
                findings.push(
                    Diagnostic::warning(&page.file, format!("reading grade {grade:.1} is above {max}"))
                        .with_hint("use shorter sentences and everyday words")
                        .in_group(READABILITY),
                );
            }
        }
        if let Some(min) = config.checks.min_score.get(&page.lang).filter(|_| measurable) {
            let score = readability::fernandez_huerta(readability::count(&facts.blocks, readability::syllables_es));
            if score < *min {
                findings.push(
                    Diagnostic::warning(
                        &page.file,
                        format!("reading ease {score:.0} is below {min} (Fernández-Huerta)"),
                    )
                    .with_hint("use shorter sentences and everyday words")
                    .in_group(READABILITY),
                );
            }
        }
    }
    for ((_, title), pages) in titles {
        if pages.len() > 1 {
            for page in &pages {
                let others: Vec<String> = pages
                    .iter()
                    .filter(|p| p.file != page.file)
                    .map(|p| p.file.display().to_string())
                    .collect();
                findings.push(
                    Diagnostic::warning(
                        &page.file,
                        format!("the title \"{title}\" is also used by {}", others.join(", ")),
                    )
                    .with_hint("give each page its own title, so readers and search engines can tell them apart")
                    .in_group(STRUCTURE),
                );
            }
        }
    }
    Analysis {
        findings,
        external_links,
    }
}

/// What `check` reads from a page body.
#[derive(Default)]
struct BodyFacts {
    /// Paragraphs, list items, headings and table cells as plain text, for reading level.
    blocks: Vec<String>,
    external: Vec<String>,
    /// (offset, from level, to level)
    heading_skips: Vec<(usize, usize, usize)>,
    empty_links: Vec<usize>,
}

fn read_body(page: &Page) -> BodyFacts {
    let mut facts = BodyFacts::default();
    let mut level = 1;
    let mut current = String::new();
    let mut link: Option<(usize, bool)> = None;
    let mut in_code = false;
    for (event, range) in Parser::new_ext(page.body(), Options::ENABLE_TABLES | Options::ENABLE_GFM).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { level: h, .. }) => {
                let h = h as usize;
                if h > level + 1 {
                    facts.heading_skips.push((range.start, level, h));
                }
                level = h;
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                let lower = dest_url.to_ascii_lowercase();
                if lower.starts_with("http://") || lower.starts_with("https://") {
                    facts.external.push(dest_url.to_string());
                }
                link = Some((range.start, false));
            }
            Event::End(TagEnd::Link) => {
                if let Some((offset, false)) = link.take() {
                    facts.empty_links.push(offset);
                }
            }
            Event::Text(t) | Event::Code(t) if !in_code => {
                if let Some((_, seen)) = link.as_mut() {
                    *seen |= !t.trim().is_empty();
                }
                current.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell) => {
                facts.blocks.push(std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    facts
}

/// The report as text, grouped by section.
pub fn text_report(diagnostics: &[Diagnostic], analysis: Option<&Analysis>, pages: &[(String, usize)]) -> String {
    let mut out = String::new();
    let total: usize = pages.iter().map(|(_, n)| n).sum();
    let per: Vec<String> = pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
    out.push_str(&format!("Checked {total} pages ({})\n", per.join(", ")));
    for (group, title) in GROUPS {
        let items: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.group == *group).collect();
        let optional = [
            crate::commands::external::EXTERNAL,
            crate::commands::overrides::OVERRIDES,
        ];
        if optional.contains(group) && items.is_empty() {
            continue;
        }
        let errors = items.iter().filter(|d| d.severity == Severity::Error).count();
        out.push_str(&format!(
            "\n== {title}: {} ==\n",
            describe(errors, items.len() - errors)
        ));
        for d in items {
            out.push_str(&d.to_string());
            out.push('\n');
        }
    }
    if let Some(analysis) = analysis {
        out.push_str(&format!(
            "\n== External links: {} addresses ==\n",
            analysis.external_links.len()
        ));
        for (url, pages) in &analysis.external_links {
            out.push_str(&format!(
                "{url}  ({} page{})\n",
                pages.len(),
                if pages.len() == 1 { "" } else { "s" }
            ));
        }
    }
    out
}

fn describe(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "none".into(),
        (e, 0) => format!("{e} error{}", if e == 1 { "" } else { "s" }),
        (0, w) => format!("{w} warning{}", if w == 1 { "" } else { "s" }),
        (e, w) => format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    }
}

/// The report as JSON, for CI.
pub fn json_report(diagnostics: &[Diagnostic], analysis: Option<&Analysis>, pages: &[(String, usize)]) -> String {
    let findings: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            json!({
                "group": if d.group.is_empty() { "problems" } else { d.group },
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "file": d.file.display().to_string(),
                "line": d.position.map(|p| p.line),
                "column": d.position.map(|p| p.column),
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    let value = json!({
        "pages": pages.iter().map(|(l, n)| (l.clone(), *n)).collect::<BTreeMap<_, _>>(),
        "errors": diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
        "warnings": diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
        "findings": findings,
        "external_links": analysis.map(|a| &a.external_links),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}
