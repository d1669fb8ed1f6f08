//! The YAML block between `---` lines at the top of a page.

use std::path::Path;

use puente_core::date::Date;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Position};
use crate::load::facts::{source_problems, SourceRef};
use crate::yaml::{self, Embedding};

/// What a page says about itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Spanned<String>,
    pub description: Spanned<String>,
    pub last_reviewed: Spanned<String>,
    pub sources: Spanned<Vec<SourceRef>>,
    /// A shorter title for the navigation bar and breadcrumbs.
    #[serde(default)]
    pub nav_title: Option<String>,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    /// In a translation: the fingerprint of the source page's text it was translated from
    /// (`puente check` reports the translation as stale when the source changes).
    #[serde(default)]
    pub translated_from: Option<String>,
    /// A stub made by `puente new --translate` that still has to be translated.
    #[serde(default)]
    pub needs_translation: bool,
    /// Dated notes of what changed in the page's substance, for readers, the feed and "what changed".
    #[serde(default)]
    pub changes: Vec<Spanned<ChangeNote>>,
}

/// One change note as written: `- date: 2026-01-25` and `note: …`.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ChangeNote {
    pub date: String,
    pub note: String,
}

/// A checked change note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub date: Date,
    pub note: String,
}

/// Characters that cannot be seen but change how text reads or matches: the bidirectional controls
/// reorder what follows (a title can then read differently from how it is written), and zero-width ones
/// hide inside words, so search and "did you mean" miss them.
const INVISIBLE: [(char, &str); 16] = [
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
];

/// The first invisible character in `text` (bidirectional controls only when `bidi_only`, as the
/// zero-width joiner also builds emoji in running text): its byte offset and name.
pub fn invisible(text: &str, bidi_only: bool) -> Option<(usize, char, &'static str)> {
    text.char_indices().find_map(|(i, c)| {
        let is_bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if bidi_only && !is_bidi {
            return None;
        }
        let name = INVISIBLE.iter().find(|(x, _)| *x == c).map(|(_, n)| *n);
        match (name, is_bidi) {
            (Some(n), _) => Some((i, c, n)),
            (None, true) => Some((i, c, "FIRST STRONG ISOLATE")),
            _ => None,
        }
    })
}

/// A page file cut into its checked front matter and its Markdown body.
#[derive(Debug)]
pub struct Parsed {
    pub front: FrontMatter,
    pub last_reviewed: Date,
    /// The change notes, newest first.
    pub changes: Vec<Change>,
    /// Byte offset of the body in the file's text.
    pub body_offset: usize,
}

/// Splits `text` into front matter and body and checks the front matter. Returns every problem found.
pub fn parse(file: &Path, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let start = Position { line: 1, column: 1 };
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(vec![Diagnostic::error(
            file,
            "a page must start with front matter between `---` lines",
        )
        .at(text, start)
        .with_hint(
            "begin the file with `---`, then `title:`, `description:`, `last_reviewed:` and `sources:`, then `---`",
        )]);
    };
    // The front matter ends at the first line that is exactly `---`.
    let mut offset = 4;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches('\n') == "---" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_offset)) = close else {
        return Err(vec![Diagnostic::error(
            file,
            "the front matter opened here is never closed",
        )
        .at(text, start)
        .with_hint("add a line with only `---` after the last front-matter key")]);
    };
    let yaml = &text[4..yaml_end];
    if yaml.trim().is_empty() {
        return Err(vec![Diagnostic::error(file, "the front matter is empty")
            .at(text, start)
            .with_hint(
                "a page needs `title`, `description`, `last_reviewed` and `sources`",
            )]);
    }
    let embedding = Embedding {
        file_text: text,
        line_offset: 1,
    };
    let front: FrontMatter = yaml::parse_all(file, yaml, embedding)?;
    let at = |d: Diagnostic, location: serde_saphyr::Location| match yaml::position(location, embedding) {
        Some(p) => d.at(text, p),
        None => d,
    };

    let mut problems = Vec::new();
    for (key, value) in [("title", &front.title), ("description", &front.description)] {
        // A draft (as `puente new` makes it) may still lack its description.
        if value.value.trim().is_empty() && !(front.draft && key == "description") {
            problems.push(at(
                Diagnostic::error(file, format!("`{key}` is empty"))
                    .with_hint(format!("write the page's {key} after `{key}:`")),
                value.referenced,
            ));
        }
    }
    let nav_title = front
        .nav_title
        .as_deref()
        .map(|n| ("nav_title", n, front.title.referenced));
    let shown = [
        ("title", front.title.value.as_str(), front.title.referenced),
        (
            "description",
            front.description.value.as_str(),
            front.description.referenced,
        ),
    ];
    for (key, value, location) in shown.into_iter().chain(nav_title) {
        if let Some((_, c, name)) = invisible(value, false) {
            problems.push(at(
                Diagnostic::error(file, format!("`{key}` holds an invisible character, U+{:04X} {name}", c as u32))
                    .with_hint("delete it (retype the text if you cannot see where it is); it changes how the text reads or is found"),
                location,
            ));
        }
    }
    let body_start = body_offset;
    if let Some((offset, c, name)) = invisible(&text[body_start..], true) {
        problems.push(
            Diagnostic::error(file, format!("the text holds an invisible control character, U+{:04X} {name}, which reverses how what follows reads", c as u32))
                .at_offset(text, body_start + offset)
                .with_hint("delete it (retype the sentence if you cannot see where it is)"),
        );
    }
    let last_reviewed = match Date::parse(front.last_reviewed.value.trim()) {
        Ok(date) => Some(date),
        Err(err) => {
            problems.push(at(
                Diagnostic::error(file, format!("`last_reviewed` is not a valid date: {err}"))
                    .with_hint("write the day you checked the page, like `last_reviewed: 2026-11-25`"),
                front.last_reviewed.referenced,
            ));
            None
        }
    };
    if front.sources.value.is_empty() && !front.draft {
        problems.push(at(
            Diagnostic::error(file, "`sources` lists no source")
                .with_hint("list at least one official source, with `- title: …` and `url: https://…`"),
            front.sources.referenced,
        ));
    }
    for (message, hint) in source_problems(&front.sources.value, &|n| format!("source {n}")) {
        let d = Diagnostic::error(file, message);
        let d = match hint {
            Some(h) => d.with_hint(h),
            None => d,
        };
        problems.push(at(d, front.sources.referenced));
    }
    if let Some(slug) = &front.slug {
        let ok = !slug.value.is_empty()
            && slug
                .value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.value.starts_with('-');
        if !ok {
            problems.push(at(
                Diagnostic::error(
                    file,
                    format!(
                        "`slug` must be lower-case letters, digits and dashes, not `{}`",
                        slug.value
                    ),
                )
                .with_hint(format!("try `slug: {}`", suggest_slug(&slug.value))),
                slug.referenced,
            ));
        }
    }
    for alias in &front.aliases {
        let a = &alias.value;
        if !is_site_path(a) {
            // Shown with escapes, so a line break or a control character in it is visible.
            problems.push(at(
                Diagnostic::error(file, format!("alias {} is not an address on this site", shorten(&format!("{a:?}"))))
                    .with_hint(format!("write an old address that starts and ends with `/`, like `/en/old-page/`: letters, digits, `-`, `_`, `.`, `~` and `%` between the slashes, no spaces, at most {MAX_SEGMENT} characters between two slashes")),
                alias.referenced,
            ));
        }
    }
    if let Some(template) = &front.template {
        let t = &template.value;
        let ok = t.ends_with(".html") && !t.contains('/') && !t.contains('\\');
        if !ok {
            problems.push(at(
                Diagnostic::error(
                    file,
                    format!("`template` must name a template file of the theme, not `{t}`"),
                )
                .with_hint("for example `template: page.html`"),
                template.referenced,
            ));
        }
    }
    let mut changes = Vec::new();
    for (n, change) in front.changes.iter().enumerate() {
        let note = &change.value;
        match Date::parse(note.date.trim()) {
            Ok(date) => {
                if last_reviewed.is_some_and(|r| date > r) {
                    problems.push(at(
                        Diagnostic::error(
                            file,
                            format!("change note {} is dated {date}, after `last_reviewed`", n + 1),
                        )
                        .with_hint("a change is a review: set `last_reviewed` to the day of the change, or later"),
                        change.referenced,
                    ));
                }
                changes.push(Change {
                    date,
                    note: note.note.trim().to_string(),
                });
            }
            Err(err) => problems.push(at(
                Diagnostic::error(
                    file,
                    format!("change note {} has a date that is not valid: {err}", n + 1),
                )
                .with_hint("write the day of the change, like `- date: 2026-01-25`"),
                change.referenced,
            )),
        }
        let text = note.note.trim();
        if text.is_empty() || text.contains('\n') {
            problems.push(at(
                Diagnostic::error(file, format!("change note {} must be one sentence on one line", n + 1))
                    .with_hint("say what changed for readers, like `note: A court blocked the end of family reunification parole.`"),
                change.referenced,
            ));
        }
    }
    // Newest first; two notes of one day keep their written order.
    changes.sort_by_key(|c| std::cmp::Reverse(c.date));
    match last_reviewed {
        Some(last_reviewed) if problems.is_empty() => Ok(Parsed {
            front,
            last_reviewed,
            changes,
            body_offset,
        }),
        _ => Err(problems),
    }
}

/// Whether `path` is a plain address on this site, safe to write into `_redirects`, the nginx
/// configuration and the sitemap: it starts and ends with `/`, has no empty, `.` or `..` segment (so no
/// `//host`), and only letters, digits and `-._~%` between the slashes: no spaces, line breaks, control
/// characters, or the `*`, `:`, `!`, `?` and `#` that hosts read as rules.
pub fn is_site_path(path: &str) -> bool {
    if path.len() > MAX_ALIAS {
        return false;
    }
    let Some(inner) = path
        .strip_prefix('/')
        .and_then(|p| p.strip_suffix('/'))
        .or((path == "/").then_some(""))
    else {
        return false;
    };
    inner.is_empty()
        || inner.split('/').all(|segment| {
            // A segment is a folder name on the host: file systems allow 255 bytes.
            (1..=MAX_SEGMENT).contains(&segment.len())
                && segment != "."
                && segment != ".."
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'%'))
        })
}

/// The longest part of an address between two `/`, in bytes: it becomes a folder name, and file
/// systems allow 255.
const MAX_SEGMENT: usize = 200;
/// The longest alias, in characters: old addresses are short, and each is a folder on the host.
const MAX_ALIAS: usize = 1000;

/// `text` as it is, or its first 60 characters and `…` when it is longer than 80.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 80 {
        return text.to_string();
    }
    let mut short: String = text.chars().take(60).collect();
    short.push('…');
    short
}

pub fn suggest_slug(text: &str) -> String {
    let s = puente_core::anchor::anchor(text);
    if s.is_empty() {
        "my-page".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_addresses_of_this_site_are_site_paths() {
        for good in ["/", "/en/old-page/", "/es/permiso/viejo-2024/", "/en/a.b_c~d%20/"] {
            assert!(is_site_path(good), "{good}");
        }
        for bad in [
            "",
            "en/x/",
            "/en/x",
            "//evil.example/",
            "/en//x/",
            "/../etc/",
            "/en/./x/",
            "/en/x/\n/*  https://evil.example/  301!\n/",
            "/en/x y/",
            "/en/*/",
            "/en/:splat/",
            "/en/x!/",
            "/en/x?y/",
            "/en/x#y/",
            "/en/x\\y/",
            "/en/x\ty/",
            "/en/ñ/",
            "/en/a\0b/",
        ] {
            assert!(!is_site_path(bad), "{bad:?}");
        }
        // Each part becomes a folder name on the host, which file systems cap at 255 bytes.
        assert!(is_site_path(&format!("/en/{}/", "x".repeat(MAX_SEGMENT))));
        assert!(!is_site_path(&format!("/en/{}/", "x".repeat(MAX_SEGMENT + 1))));
        assert!(!is_site_path(&format!("/{}/", "x".repeat(5000))));
        assert!(!is_site_path(&"/x".repeat(MAX_ALIAS)));
    }

    const GOOD: &str = "---\ntitle: Parole\ndescription: What parole is.\nlast_reviewed: 2026-11-25\nsources:\n  - title: USCIS\n    url: https://www.uscis.gov/\n---\nBody\n";

    fn errors(text: &str) -> Vec<String> {
        parse(Path::new("a.md"), text)
            .unwrap_err()
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    #[test]
    fn splits_front_matter_from_body() {
        let parsed = parse(Path::new("a.md"), GOOD).unwrap();
        assert_eq!(parsed.front.title.value, "Parole");
        assert_eq!(&GOOD[parsed.body_offset..], "Body\n");
        assert_eq!(parsed.last_reviewed.to_string(), "2026-11-25");
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let text = GOOD.replace("title: Parole", "titel: Parole");
        let d = &parse(Path::new("a.md"), &text).unwrap_err()[0];
        assert_eq!(d.location(), "a.md:2:1");
        assert_eq!(d.message, "unknown key `titel`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn impossible_dates_are_errors_at_the_value() {
        let text = GOOD.replace("2026-11-25", "2026-02-30");
        assert_eq!(
            errors(&text),
            ["a.md:4:16: `last_reviewed` is not a valid date: 2026-02 has 28 days, so day 30 does not exist"]
        );
    }

    #[test]
    fn a_page_without_front_matter_is_an_error_at_the_top() {
        assert_eq!(
            errors("# Hello\n"),
            ["a.md:1:1: a page must start with front matter between `---` lines"]
        );
        assert_eq!(
            errors("---\ntitle: x\n"),
            ["a.md:1:1: the front matter opened here is never closed"]
        );
        assert_eq!(errors("---\n---\n"), ["a.md:1:1: the front matter is empty"]);
    }

    #[test]
    fn several_problems_are_reported_together() {
        let text = GOOD.replace("title: Parole", "title: \"\"").replace(
            "sources:\n  - title: USCIS\n    url: https://www.uscis.gov/\n",
            "sources: []\nslug: Bad Slug\n",
        );
        let found = errors(&text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("a.md:2:8: `title` is empty"), "{found:?}");
    }
}
