//! Problems found in the input, reported together, the way rustc does:
//!
//! ```text
//! error: unknown key `titel` in the front matter
//!   --> content/en/parole/_index.md:2:1
//!    |
//!  2 | titel: What is parole?
//!    | ^
//!    = help: did you mean `title`?
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a file: 1-based line and column (in characters), counted from the top of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the text's length).
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// One problem, with where it is, what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as shown to the reader (relative to the site folder when possible).
    pub file: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the line at `position`, shown under the location.
    pub snippet: Option<String>,
    /// The section of `puente check`'s report it belongs to (`""` for ordinary problems).
    pub group: &'static str,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            position: None,
            message: message.into(),
            hint: None,
            snippet: None,
            group: "",
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the problem at `position` and copies that line of `source` as the snippet.
    pub fn at(mut self, source: &str, position: Position) -> Diagnostic {
        self.snippet = source.lines().nth(position.line.saturating_sub(1)).map(str::to_string);
        self.position = Some(position);
        self
    }

    /// Places the problem at byte `offset` of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Diagnostic {
        self.at(source, Position::of_offset(source, offset))
    }

    /// Files the diagnostic under a section of `puente check`'s report.
    pub fn in_group(mut self, group: &'static str) -> Diagnostic {
        self.group = group;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col`, or just the file when the position is unknown.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.column),
            None => self.file.display().to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let gutter = self.position.map_or(1, |p| p.line.to_string().len());
        let pad = " ".repeat(gutter);
        writeln!(f, "{pad}--> {}", self.location())?;
        if let (Some(p), Some(line)) = (self.position, &self.snippet) {
            writeln!(f, "{pad} |")?;
            let (shown, caret) = window(&line.replace('\t', " "), p.column.saturating_sub(1));
            writeln!(f, "{} | {shown}", p.line)?;
            let caret_pad = " ".repeat(caret);
            writeln!(f, "{pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = help: {hint}")?;
        }
        Ok(())
    }
}

/// How many characters of a long source line are quoted: enough to recognise the place.
const SNIPPET_WIDTH: usize = 120;

/// The part of `line` around character `column` (0-based) that is quoted, with `…` where it was cut,
/// and where the caret goes in it.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SNIPPET_WIDTH {
        return (line.to_string(), column);
    }
    let start = column
        .saturating_sub(SNIPPET_WIDTH / 2)
        .min(chars.len() - SNIPPET_WIDTH);
    let end = start + SNIPPET_WIDTH;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column - start + usize::from(start > 0))
}

/// Everything found in one run, in a stable order (by file, then position).
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// The diagnostics sorted by file and position, duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message).cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// Shows `path` relative to `base` when it is inside it.
pub fn display_path(base: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}

/// The closest of `candidates` to a misspelt `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "---\ntítulo: x\n";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, column: 1 });
        let colon = text.find(':').unwrap();
        assert_eq!(Position::of_offset(text, colon), Position { line: 2, column: 7 });
        assert_eq!(Position::of_offset(text, 999), Position { line: 3, column: 1 });
    }

    #[test]
    fn renders_like_rustc_with_snippet_and_hint() {
        let source = "---\ntitel: Parole\n---\n";
        let d = Diagnostic::error("content/en/a.md", "unknown key `titel` in the front matter")
            .at(source, Position { line: 2, column: 1 })
            .with_hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "error: unknown key `titel` in the front matter\n --> content/en/a.md:2:1\n  |\n2 | titel: Parole\n  | ^\n  = help: did you mean `title`?\n"
        );
    }

    #[test]
    fn long_lines_are_quoted_around_the_place_with_the_caret_under_it() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let (shown, caret) = window(&line, 5000);
        assert_eq!(shown.chars().count(), SNIPPET_WIDTH + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(caret), Some('X'));
        let (start, caret) = window(&line, 3);
        assert_eq!((start.chars().nth(caret), start.starts_with('a')), (Some('a'), true));
        let (end, caret) = window(&line, 10_000);
        assert_eq!((end.chars().nth(caret), end.ends_with('b')), (Some('b'), true));
        assert_eq!(window("short", 2), ("short".to_string(), 2));
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["title", "description", "sources"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("descripton", keys), Some("description"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
