//! YAML (site settings, front matter, theme strings) read with serde-saphyr, whose errors carry a line and
//! column; this turns them into [`Diagnostic`]s placed in the whole file.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, Error, MessageFormatter};

use crate::diagnostics::{did_you_mean, Diagnostic, Position};

/// Where a YAML text sits inside its file, so positions can be reported from the top of the file.
#[derive(Clone, Copy, Debug)]
pub struct Embedding<'a> {
    /// The whole file's text (for snippets).
    pub file_text: &'a str,
    /// Lines of the file before the YAML (e.g. 1 for the `---` opening a front matter).
    pub line_offset: usize,
}

/// Parses `yaml` into `T`. On failure, the one diagnostic saying where and why.
pub fn parse<T: DeserializeOwned>(file: &Path, yaml: &str, embedding: Embedding<'_>) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(yaml).map_err(|err| diagnostic(file, &err, embedding))
}

/// The position in the whole file of a serde-saphyr location inside the embedded YAML.
pub fn position(location: serde_saphyr::Location, embedding: Embedding<'_>) -> Option<Position> {
    let (line, column) = (location.line(), location.column());
    (line > 0).then(|| Position {
        line: line as usize + embedding.line_offset,
        column: column.max(1) as usize,
    })
}

/// serde-saphyr's wording for type mistakes, said the way an editor would understand it.
fn plain_words(text: &str) -> (String, Option<String>) {
    let syntax = SYNTAX_HINT;
    let (message, hint) = match text {
        "invalid i64" | "invalid u64" | "invalid i32" | "invalid u32" | "invalid integer" => (
            "expected a whole number here".to_string(),
            "write digits only, like `weight: 20`",
        ),
        "invalid bool" | "invalid boolean" => (
            "expected `true` or `false` here".to_string(),
            "write `true` or `false` without quotes",
        ),
        "expected string scalar" => (
            "expected text here".to_string(),
            "text that starts with `[`, `{`, `*`, `&` or contains `: ` must be put in double quotes",
        ),
        other if other.starts_with("duplicate mapping key: ") => {
            let key = other["duplicate mapping key: ".len()..]
                .split(',')
                .next()
                .unwrap_or_default()
                .trim();
            return (
                format!("`{key}` is written twice"),
                Some(format!("keep one `{key}:` line and delete the other")),
            );
        }
        other if other.starts_with("unknown variant") => (
            other.to_string(),
            "write one of the values listed above, without quotes",
        ),
        other if other.contains("invalid type") => (
            other.to_string(),
            "this value has the wrong kind: text, a number, a list or a group of keys",
        ),
        other => (other.to_string(), syntax),
    };
    (message, Some(hint.to_string()))
}

/// Parses `yaml` into `T`, reporting every key with a mistake, not only the first: after a mistake
/// in a top-level key (a wrong kind of value, an unknown or repeated key) that key's lines are set aside
/// and the rest read again. A syntax error, which can confuse what follows, ends the search.
pub fn parse_all<T: DeserializeOwned>(file: &Path, yaml: &str, embedding: Embedding<'_>) -> Result<T, Vec<Diagnostic>> {
    let mut lines: Vec<String> = yaml.lines().map(str::to_string).collect();
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut set_aside: Vec<String> = Vec::new();
    loop {
        let err = match serde_saphyr::from_str::<T>(&lines.join("\n")) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => return Err(found),
            Err(err) => err,
        };
        if let Error::SerdeMissingField { field, .. } = err.without_snippet() {
            // Read once everything else was: the last mistake, unless its key was set aside here or
            // is the one a misspelt key was taken for (one cause, one message).
            let misspelt = format!("did you mean `{field}`?");
            if !set_aside.iter().any(|k| k == field)
                && !found.iter().any(|d| d.hint.as_deref() == Some(misspelt.as_str()))
            {
                found.push(diagnostic(file, &err, embedding));
            }
            return Err(found);
        }
        found.push(diagnostic(file, &err, embedding));
        let per_key = matches!(err.without_snippet(), Error::SerdeUnknownField { .. })
            || found.last().is_some_and(|d| d.hint.as_deref() != Some(SYNTAX_HINT));
        let line = err.location().map(|l| l.line() as usize).filter(|l| *l > 0);
        let (Some(line), true) = (line, per_key && found.len() < 20) else {
            return Err(found);
        };
        // The top-level key the mistake is in, and the lines up to the next one.
        let is_key = |l: &str| {
            l.chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#')
        };
        let Some(start) = (0..line.min(lines.len())).rev().find(|&i| is_key(&lines[i])) else {
            return Err(found);
        };
        let end = (start + 1..lines.len())
            .find(|&i| is_key(&lines[i]))
            .unwrap_or(lines.len());
        set_aside.push(lines[start].split(':').next().unwrap_or_default().trim().to_string());
        for l in &mut lines[start..end] {
            l.clear();
        }
    }
}

const SYNTAX_HINT: &str = "check the YAML syntax: `key: value`, one per line, lists with `- `, indent with spaces";

fn diagnostic(file: &Path, err: &Error, embedding: Embedding<'_>) -> Diagnostic {
    let inner = err.without_snippet();
    let (message, hint) = match inner {
        Error::SerdeUnknownField { field, expected, .. } => {
            let hint = match did_you_mean(field, expected.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the keys allowed here are: {}", expected.join(", ")),
            };
            (format!("unknown key `{field}`"), Some(hint))
        }
        Error::SerdeMissingField { field, .. } => (
            format!("missing required key `{field}`"),
            Some(format!("add a line `{field}: …`")),
        ),
        other => plain_words(&DefaultMessageFormatter.format_message(other)),
    };
    let mut d = Diagnostic::error(file, message);
    if let Some(position) = err.location().and_then(|l| position(l, embedding)) {
        d = d.at(embedding.file_text, position);
    }
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}
