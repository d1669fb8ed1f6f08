//! The facts registry, `content/facts.yaml`: every fact that changes with time (fees, program statuses and
//! dates, form editions, court cases, processing rules) in one place, with its wording in each language,
//! when it was last confirmed (`as_of`), when it must be checked again (`review_by`), its sources and
//! whether an official source confirms it. Pages, the guide's flow and the interface strings use a fact by
//! id, `{{fact:parole-fee}}`; [`expand`] puts the fact's words in its place (followed by the registry's
//! "reported, not confirmed" wording when it is not confirmed) and says where an unknown id is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use puente_core::date::Date;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{did_you_mean, display_path, Diagnostic, Position};
use crate::yaml::{self, Embedding};

/// The registry's file, under the content folder.
pub const FILE: &str = "facts.yaml";
/// `puente check`'s group for facts due for review or used nowhere.
pub const FACTS: &str = "facts";
const OPEN: &str = "{{";
const CLOSE: &str = "}}";
const PREFIX: &str = "fact:";

/// Whether an official source confirms a fact.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// An official source (statute, regulation, Federal Register, USCIS, EOIR/BIA, a court's record) says it.
    Confirmed,
    /// Only news or secondary sources say it; it is shown with the "reported, not confirmed" wording.
    Reported,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Reported => "reported",
        }
    }
}

/// A fact's words: the same in every language (`"$630"`), or one text per language.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawValue {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    value: Spanned<RawValue>,
    status: Status,
    as_of: Spanned<String>,
    review_by: Spanned<String>,
    sources: Spanned<Vec<SourceRef>>,
    /// For editors: what the fact covers, what to check.
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// The words added after a fact that is reported but not confirmed, per language.
    reported: Spanned<BTreeMap<String, String>>,
    facts: BTreeMap<String, Spanned<RawFact>>,
}

/// One checked fact.
#[derive(Clone, Debug)]
pub struct Fact {
    pub id: String,
    /// Language → the fact's words.
    pub values: BTreeMap<String, String>,
    pub status: Status,
    pub as_of: Date,
    pub review_by: Date,
    pub sources: Vec<SourceRef>,
    pub note: Option<String>,
    /// Where the fact is in the registry's file.
    pub position: Option<Position>,
}

/// Every fact of the site. Empty (and fileless) when the site has no `facts.yaml`.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    /// The file as shown in messages.
    pub file: PathBuf,
    /// The file's text, for located messages.
    pub text: String,
    pub facts: BTreeMap<String, Fact>,
    reported: BTreeMap<String, String>,
    /// The registry's file could not be read or had errors: those errors are reported, and references
    /// are left as they are without a message each (one cause, one message).
    broken: bool,
}

impl Registry {
    /// The registry of a site whose `facts.yaml` has errors.
    pub fn broken() -> Registry {
        Registry {
            broken: true,
            ..Registry::default()
        }
    }

    /// The words that replace `{{fact:id}}` in `lang`.
    pub fn words(&self, id: &str, lang: &str) -> Option<String> {
        let fact = self.facts.get(id)?;
        let value = fact.values.get(lang)?;
        Some(match fact.status {
            Status::Confirmed => value.clone(),
            Status::Reported => format!("{value} ({})", self.reported.get(lang).map_or("", String::as_str)),
        })
    }

    /// Reads and checks the registry. A site without the file has no facts, and a reference to one is
    /// reported where it is used.
    /// `folder` is the content folder that holds it (the file must resolve inside it).
    pub fn load(
        tree: &crate::load::tree::Tree,
        root: &Path,
        folder: &Path,
        file: &Path,
        langs: &[&str],
    ) -> Result<Registry, Vec<Diagnostic>> {
        if !tree.exists(file) {
            return Ok(Registry::default());
        }
        let shown = display_path(root, file);
        let max = crate::load::source::MAX_DATA_BYTES;
        let text = tree
            .read_text(folder, file, &shown, max, |e| {
                Diagnostic::error(&shown, format!("cannot read the facts registry: {e}"))
                    .with_hint("check that your user can read the file, or restore it from the project")
            })
            .map_err(|d| vec![d])?;
        Registry::parse(shown, text, langs)
    }

    /// Checks the registry's text (`file` is the path shown in messages).
    pub fn parse(file: PathBuf, text: String, langs: &[&str]) -> Result<Registry, Vec<Diagnostic>> {
        let embedding = Embedding {
            file_text: &text,
            line_offset: 0,
        };
        let raw: RawFile = yaml::parse(&file, &text, embedding).map_err(|d| vec![d])?;
        let at = |d: Diagnostic, location: serde_saphyr::Location| match yaml::position(location, embedding) {
            Some(p) => d.at(&text, p),
            None => d,
        };
        let mut problems = Vec::new();
        for lang in langs.iter().filter(|l| !raw.reported.value.contains_key(**l)) {
            problems.push(at(
                Diagnostic::error(&file, format!("`reported` has no words for `{lang}`")).with_hint(format!(
                    "add `{lang}: …`, the words shown after a fact that is not confirmed"
                )),
                raw.reported.referenced,
            ));
        }
        let mut facts = BTreeMap::new();
        for (id, raw_fact) in raw.facts {
            let position = locate_id(&text, &id).or_else(|| yaml::position(raw_fact.referenced, embedding));
            let here = |d: Diagnostic| match position {
                Some(p) => d.at(&text, p),
                None => d,
            };
            let fact = raw_fact.value;
            if !valid_id(&id) {
                problems.push(here(
                    Diagnostic::error(
                        &file,
                        format!("fact id `{id}` must be lower-case letters, digits and dashes"),
                    )
                    .with_hint(format!("for example `{}`", puente_core::anchor::anchor(&id))),
                ));
            }
            let values: BTreeMap<String, String> = match fact.value.value {
                RawValue::Same(v) => langs.iter().map(|l| (l.to_string(), v.clone())).collect(),
                RawValue::PerLanguage(map) => map,
            };
            for lang in langs.iter().filter(|l| !values.contains_key(**l)) {
                problems.push(at(
                    Diagnostic::error(&file, format!("fact `{id}` has no words for `{lang}`")).with_hint(format!(
                        "add `{lang}: …` under `value:`, or give one `value` for every language"
                    )),
                    fact.value.referenced,
                ));
            }
            for (lang, v) in &values {
                if !langs.contains(&lang.as_str()) {
                    let hint = match did_you_mean(lang, langs.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("the site's languages are: {}", langs.join(", ")),
                    };
                    let d = Diagnostic::error(
                        &file,
                        format!("fact `{id}` has words for `{lang}`, not a language of the site"),
                    )
                    .with_hint(hint);
                    problems.push(match locate_in_fact(&text, &id, &format!("{lang}:")) {
                        Some(p) => d.at(&text, p),
                        None => at(d, fact.value.referenced),
                    });
                }
                let problem = if v.trim().is_empty() {
                    Some("are empty")
                } else if v.contains('\n') {
                    Some("run over several lines")
                } else if v.contains(OPEN) {
                    Some("use another fact")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    let d = Diagnostic::error(&file, format!("fact `{id}`: its `{lang}` words {problem}"))
                        .with_hint("a fact is a few words on one line, like `$630` or `January 24, 2026`");
                    problems.push(match locate_in_fact(&text, &id, &format!("{lang}:")) {
                        Some(p) => d.at(&text, p),
                        None => at(d, fact.value.referenced),
                    });
                }
            }
            let mut date = |key: &str, value: &Spanned<String>| match Date::parse(value.value.trim()) {
                Ok(d) => Some(d),
                Err(err) => {
                    problems.push(at(
                        Diagnostic::error(&file, format!("`{key}` of fact `{id}` is not a valid date: {err}"))
                            .with_hint(format!("write it as `{key}: 2026-12-02`")),
                        value.referenced,
                    ));
                    None
                }
            };
            let as_of = date("as_of", &fact.as_of);
            let review_by = date("review_by", &fact.review_by);
            if let (Some(a), Some(r)) = (as_of, review_by) {
                if r <= a {
                    problems.push(at(
                        Diagnostic::error(
                            &file,
                            format!("fact `{id}` is due for review ({r}) before it was confirmed ({a})"),
                        )
                        .with_hint("`review_by` is the day someone must check the fact again: after `as_of`"),
                        fact.review_by.referenced,
                    ));
                }
            }
            if fact.sources.value.is_empty() {
                problems.push(at(
                    Diagnostic::error(&file, format!("fact `{id}` lists no source"))
                        .with_hint("list where the fact comes from, official sources first, with `- title: …` and `url: https://…`"),
                    fact.sources.referenced,
                ));
            }
            let name = |n: usize| format!("source {n} of fact `{id}`");
            for (message, hint) in crate::load::facts::source_problems(&fact.sources.value, &name) {
                let d = Diagnostic::error(&file, message);
                let d = match hint {
                    Some(h) => d.with_hint(h),
                    None => d,
                };
                problems.push(at(d, fact.sources.referenced));
            }
            if let (Some(as_of), Some(review_by)) = (as_of, review_by) {
                facts.insert(
                    id.clone(),
                    Fact {
                        id,
                        values,
                        status: fact.status,
                        as_of,
                        review_by,
                        sources: fact.sources.value,
                        note: fact.note,
                        position,
                    },
                );
            }
        }
        if problems.is_empty() {
            Ok(Registry {
                file,
                text,
                facts,
                reported: raw.reported.value,
                broken: false,
            })
        } else {
            Err(problems)
        }
    }

    /// A diagnostic placed at a fact's line in the registry.
    fn at_fact(&self, d: Diagnostic, fact: &Fact) -> Diagnostic {
        match fact.position {
            Some(p) => d.at(&self.text, p),
            None => d,
        }
    }

    /// `puente check`'s findings: facts past `review_by` with every place that uses them, and facts used
    /// nowhere. `uses` is fact id → the places that use it.
    pub fn findings(&self, uses: &BTreeMap<String, BTreeSet<String>>, today: Date) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for fact in self.facts.values() {
            let places = uses.get(&fact.id);
            if fact.review_by < today {
                let used = match places {
                    Some(p) if !p.is_empty() => format!("used on {}", p.iter().cloned().collect::<Vec<_>>().join(", ")),
                    _ => "used nowhere".to_string(),
                };
                found.push(
                    self.at_fact(
                        Diagnostic::warning(
                            &self.file,
                            format!(
                                "fact `{}` was due for review on {} (last confirmed {}); {used}",
                                fact.id, fact.review_by, fact.as_of
                            ),
                        ),
                        fact,
                    )
                    .with_hint("check it against its sources, correct its words, then set `as_of` to today and a new `review_by`; the pages listed change with it")
                    .in_group(FACTS),
                );
            } else if places.is_none_or(BTreeSet::is_empty) {
                found.push(
                    self.at_fact(
                        Diagnostic::warning(&self.file, format!("fact `{}` is used nowhere", fact.id)),
                        fact,
                    )
                    .with_hint("use it in a page with `{{fact:".to_string() + &fact.id + "}}`, or remove it")
                    .in_group(FACTS),
                );
            }
        }
        found
    }

    /// `puente check --facts`: the registry as a table, one fact per block of lines.
    pub fn table(&self, uses: &BTreeMap<String, BTreeSet<String>>, langs: &[&str]) -> String {
        let mut out = format!("{} facts in {}\n", self.facts.len(), self.file.display());
        for fact in self.facts.values() {
            out.push_str(&format!(
                "\n{}  [{}]  as of {}  review by {}\n",
                fact.id,
                fact.status.word(),
                fact.as_of,
                fact.review_by
            ));
            for lang in langs {
                out.push_str(&format!(
                    "  {lang}: {}\n",
                    fact.values.get(*lang).map_or("", String::as_str)
                ));
            }
            if let Some(note) = &fact.note {
                out.push_str(&format!("  note: {note}\n"));
            }
            for source in &fact.sources {
                out.push_str(&format!("  source: {} <{}>\n", source.title, source.url));
            }
            let places: Vec<String> = uses.get(&fact.id).into_iter().flatten().cloned().collect();
            if places.is_empty() {
                out.push_str("  used: nowhere\n");
            } else {
                out.push_str(&format!("  used: {}\n", places.join(", ")));
            }
        }
        out
    }

    /// The same as JSON, for tools.
    pub fn json(&self, uses: &BTreeMap<String, BTreeSet<String>>) -> String {
        let facts: Vec<serde_json::Value> = self
            .facts
            .values()
            .map(|f| {
                serde_json::json!({
                    "id": f.id,
                    "status": f.status.word(),
                    "values": f.values,
                    "as_of": f.as_of.to_string(),
                    "review_by": f.review_by.to_string(),
                    "sources": f.sources,
                    "note": f.note,
                    "used": uses.get(&f.id).cloned().unwrap_or_default(),
                })
            })
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({ "facts": facts })).unwrap_or_default()
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The position of `  id:` (a fact's key under `facts:`) in the registry's text.
fn locate_id(text: &str, id: &str) -> Option<Position> {
    let facts = text.find("\nfacts:")?;
    let needle = format!("\n  {id}:");
    let at = text[facts..].find(&needle)? + facts + 3;
    Some(Position::of_offset(text, at))
}

/// The position of the first line after fact `id`'s key that starts (after spaces) with `key`.
fn locate_in_fact(text: &str, id: &str, key: &str) -> Option<Position> {
    let facts = text.find("\nfacts:")?;
    let start = text[facts..].find(&format!("\n  {id}:"))? + facts + 1;
    let mut offset = start + text[start..].find('\n')? + 1;
    for line in text[offset..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 2 && !trimmed.is_empty() {
            return None;
        }
        if trimmed.starts_with(key) {
            return Some(Position::of_offset(text, offset + indent));
        }
        offset += line.len();
    }
    None
}

/// A problem with a reference, at a byte offset of the text that was expanded.
#[derive(Clone, Debug)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// Where one reference sat in the source and where its words sit in the expanded text.
#[derive(Clone, Copy, Debug)]
struct Shift {
    expanded_start: usize,
    expanded_end: usize,
    source_start: usize,
    source_end: usize,
}

impl Problem {
    /// Where the reference this problem is about is written in `file_text`, for a value read from that
    /// file (a YAML string): the first place the same reference is written.
    pub fn written_at(&self, value: &str, file_text: &str) -> Option<usize> {
        let rest = value.get(self.offset..)?;
        let end = rest.find(CLOSE).map_or(rest.len(), |i| i + CLOSE.len());
        let reference = &rest[..end];
        let reference = reference.split('\n').next().unwrap_or(reference);
        file_text.find(reference)
    }
}

/// A text with its fact references replaced.
#[derive(Clone, Debug, Default)]
pub struct Expanded {
    pub text: String,
    /// The ids used, in order of first use.
    pub used: Vec<String>,
    pub problems: Vec<Problem>,
    /// For each replacement: where it starts and ends in the expanded text, and in the source.
    shifts: Vec<Shift>,
}

impl Expanded {
    /// A text with no reference replaced (yet).
    pub fn unexpanded(text: &str) -> Expanded {
        Expanded {
            text: text.to_string(),
            ..Expanded::default()
        }
    }

    /// The offset in the source text of an offset in the expanded text (inside a fact's words: the start
    /// of its reference).
    pub fn source_offset(&self, expanded: usize) -> usize {
        match self.shifts.iter().rev().find(|s| s.expanded_start <= expanded) {
            Some(s) if expanded < s.expanded_end => s.source_start,
            Some(s) => s.source_end + (expanded - s.expanded_end),
            None => expanded,
        }
    }
}

/// Replaces every `{{fact:id}}` of `source` with the fact's words in `lang`. Unknown ids and malformed
/// references are left as they are and reported.
pub fn expand(source: &str, lang: &str, registry: &Registry) -> Expanded {
    let mut out = Expanded::default();
    if !source.contains(OPEN) {
        out.text = source.to_string();
        return out;
    }
    let mut text = String::with_capacity(source.len());
    let mut rest = 0;
    while let Some(found) = source[rest..].find(OPEN) {
        let start = rest + found;
        text.push_str(&source[rest..start]);
        let line_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        let Some(close) = source[start..line_end].find(CLOSE).map(|i| start + i) else {
            out.problems.push(Problem {
                offset: start,
                message: "this `{{` opens a fact reference that is not closed on the same line".into(),
                hint: "write a fact as `{{fact:its-id}}`, on one line".into(),
            });
            text.push_str(OPEN);
            rest = start + OPEN.len();
            continue;
        };
        let end = close + CLOSE.len();
        let inner = source[start + OPEN.len()..close].trim();
        let Some(id) = inner.strip_prefix(PREFIX).map(str::trim) else {
            out.problems.push(Problem {
                offset: start,
                message: format!("`{}` is not a fact reference", &source[start..end]),
                hint: "write a fact as `{{fact:its-id}}`; `{{` is kept for facts".into(),
            });
            text.push_str(&source[start..end]);
            rest = end;
            continue;
        };
        match registry.words(id, lang) {
            Some(words) => {
                let expanded_start = text.len();
                text.push_str(&words);
                out.shifts.push(Shift {
                    expanded_start,
                    expanded_end: text.len(),
                    source_start: start,
                    source_end: end,
                });
                if !out.used.iter().any(|u| u == id) {
                    out.used.push(id.to_string());
                }
            }
            None if registry.broken => text.push_str(&source[start..end]),
            None => {
                let hint = match did_you_mean(id, registry.facts.keys().map(String::as_str)) {
                    Some(close) => format!("did you mean `{{{{fact:{close}}}}}`?"),
                    None if registry.facts.is_empty() => {
                        format!("the site has no facts registry; add `{FILE}` to the content folder")
                    }
                    None => format!(
                        "the facts are listed in {}; `puente check --facts` shows them",
                        registry.file.display()
                    ),
                };
                out.problems.push(Problem {
                    offset: start,
                    message: format!("unknown fact `{id}`"),
                    hint,
                });
                text.push_str(&source[start..end]);
            }
        }
        rest = end;
    }
    text.push_str(&source[rest..]);
    out.text = text;
    out
}

/// A source a page's facts come from.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub title: String,
    pub url: String,
}

/// What is wrong with each of `sources` (a title and a full web address are needed), as messages with
/// their hints; `name(n)` names source `n` (from 1) in them.
pub fn source_problems(sources: &[SourceRef], name: &dyn Fn(usize) -> String) -> Vec<(String, Option<&'static str>)> {
    let mut found = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        if !source.url.starts_with("https://") && !source.url.starts_with("http://") {
            found.push((
                format!("{} has a URL that is not a web address: `{}`", name(i + 1), source.url),
                Some("write the full address, starting with `https://`"),
            ));
        }
        if source.title.trim().is_empty() {
            found.push((format!("{} has an empty title", name(i + 1)), None));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTRY: &str = "\
reported:
  en: reported, not confirmed
  es: según informes, sin confirmar
facts:
  parole-fee:
    value: \"$1,000\"
    status: confirmed
    as_of: 2026-12-02
    review_by: 2027-06-01
    sources:
      - title: 8 U.S.C. 1804
        url: https://uscode.house.gov/
  parole-fee-2026:
    value:
      en: \"$1,020\"
      es: \"1.020 dólares\"
    status: reported
    as_of: 2026-12-02
    review_by: 2027-01-15
    sources:
      - title: A news report
        url: https://example.org/news
";

    fn registry() -> Registry {
        Registry::parse(PathBuf::from("content/facts.yaml"), REGISTRY.to_string(), &["en", "es"]).expect("valid")
    }

    #[test]
    fn references_become_the_words_of_the_page_language() {
        let r = registry();
        let e = expand(
            "The fee is {{fact:parole-fee}}; soon {{ fact: parole-fee-2026 }}.",
            "es",
            &r,
        );
        assert_eq!(
            e.text,
            "The fee is $1,000; soon 1.020 dólares (según informes, sin confirmar)."
        );
        assert_eq!(e.used, ["parole-fee", "parole-fee-2026"]);
        assert!(e.problems.is_empty());
        let e = expand("{{fact:parole-fee-2026}}", "en", &r);
        assert_eq!(e.text, "$1,020 (reported, not confirmed)");
    }

    #[test]
    fn offsets_after_a_fact_map_back_to_the_source() {
        let r = registry();
        let source = "a {{fact:parole-fee}} b [x](y.md)";
        let e = expand(source, "en", &r);
        let link = e.text.find("[x]").unwrap();
        assert_eq!(e.source_offset(link), source.find("[x]").unwrap());
        assert_eq!(e.source_offset(1), 1);
        // Inside the fact's words: the reference's start.
        assert_eq!(e.source_offset(3), 2);
        // Words longer than their reference, at the end of the text, stay inside the source.
        let e = expand("{{fact:parole-fee-2026}}", "en", &r);
        assert_eq!(e.source_offset(e.text.len() - 1), 0);
        assert_eq!(e.source_offset(e.text.len()), "{{fact:parole-fee-2026}}".len());
    }

    #[test]
    fn an_unknown_id_is_located_with_a_suggestion() {
        let r = registry();
        let e = expand("line\nThe fee {{fact:parole-fe}}.", "en", &r);
        assert_eq!(e.problems.len(), 1);
        assert_eq!(e.problems[0].offset, 13);
        assert_eq!(e.problems[0].message, "unknown fact `parole-fe`");
        assert_eq!(e.problems[0].hint, "did you mean `{{fact:parole-fee}}`?");
        assert!(e.text.contains("{{fact:parole-fe}}"));
    }

    #[test]
    fn a_broken_registry_is_one_message_not_one_per_reference() {
        let e = expand("{{fact:parole-fee}} and {{fact:other}}", "en", &Registry::broken());
        assert!(e.problems.is_empty());
        assert_eq!(e.text, "{{fact:parole-fee}} and {{fact:other}}");
        // A malformed reference is still a mistake in the page itself.
        assert_eq!(expand("{{ parole-fee }}", "en", &Registry::broken()).problems.len(), 1);
    }

    #[test]
    fn a_problem_in_a_yaml_value_is_found_where_the_file_writes_it() {
        let file = "questions:\n  q:\n    text:\n      en: >-\n        The fee is\n        {{fact:parole-fe}} now.\n";
        let value = "The fee is {{fact:parole-fe}} now.";
        let e = expand(value, "en", &registry());
        let at = e.problems[0].written_at(value, file).unwrap();
        assert_eq!(&file[at..at + 18], "{{fact:parole-fe}}");
        // An unclosed reference is looked for up to the end of its line.
        let value = "{{fact:x\nmore";
        let e = expand(value, "en", &registry());
        assert_eq!(e.problems[0].written_at(value, "a: {{fact:x\n"), Some(3));
    }

    #[test]
    fn malformed_references_are_reported() {
        let r = registry();
        assert_eq!(expand("{{ parole-fee }}", "en", &r).problems.len(), 1);
        assert_eq!(expand("{{fact:parole-fee\n}}", "en", &r).problems.len(), 1);
        assert!(expand("no braces { here }", "en", &r).problems.is_empty());
    }

    #[test]
    fn a_fact_needs_words_in_every_language_and_sane_dates() {
        let text = REGISTRY
            .replace("      es: \"1.020 dólares\"\n", "")
            .replace("review_by: 2027-01-15", "review_by: 2026-01-15");
        let problems = Registry::parse(PathBuf::from("facts.yaml"), text, &["en", "es"]).unwrap_err();
        let messages: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
        assert!(
            messages.contains(&"fact `parole-fee-2026` has no words for `es`".to_string()),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("due for review (2026-01-15) before it was confirmed")),
            "{messages:?}"
        );
    }

    #[test]
    fn overdue_and_unused_facts_are_found_with_their_pages() {
        let r = registry();
        let mut uses = BTreeMap::new();
        uses.insert("parole-fee-2026".to_string(), BTreeSet::from(["/en/fees/".to_string()]));
        let today = Date::parse("2027-02-01").unwrap();
        let found = r.findings(&uses, today);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "fact `parole-fee` is used nowhere",
                "fact `parole-fee-2026` was due for review on 2027-01-15 (last confirmed 2026-12-02); used on /en/fees/"
            ]
        );
        assert_eq!(found[1].location(), "content/facts.yaml:13:3");
    }
}
