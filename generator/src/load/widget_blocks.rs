//! What a ```` ```widget ```` block in a page becomes: the widget's HTML, rendered by the theme's
//! `widgets/<name>.html` template, with what the widget shows without JavaScript computed here by
//! `puente-core` (so the page and the widget can never disagree).

use std::collections::BTreeMap;
use std::path::Path;

use puente_core::date::Date;
use puente_core::unlawful_presence::{self, Bar, Input, Reading};
use serde::{Deserialize, Serialize};

use crate::diagnostics::{display_path, Diagnostic};
use crate::load::i18n::Strings;
use crate::yaml::{self, Embedding};

/// The widgets Puente has, by the `name` a block gives.
pub const WIDGETS: &[&str] = &["unlawful-presence", "eligibility", "changes"];

/// The interface strings only a widget shows, by the prefix of their keys.
pub const WIDGET_STRINGS: &[(&str, &str)] = &[("calc_", "unlawful-presence"), ("guide_", "eligibility")];

/// The YAML inside a widget block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WidgetConfig {
    pub name: String,
}

/// `content/widgets/unlawful-presence.yaml`: worked examples for the calculator page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesFile {
    /// The day the examples are computed for (a stay with no departure is counted up to it).
    as_of: String,
    examples: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    /// The facts, in each language.
    description: BTreeMap<String, String>,
    input: Input,
}

/// One worked example, computed, for one language.
#[derive(Debug, Serialize)]
pub struct ExampleRow {
    pub description: String,
    pub unlawful_days: String,
    pub result: String,
}

/// The computed worked examples, per language.
#[derive(Debug, Default)]
pub struct Examples {
    rows: BTreeMap<String, Vec<ExampleRow>>,
}

impl Examples {
    /// Reads and computes the examples. Every example must have a description in every language and
    /// must compute without an input error.
    /// `folder` is the content folder that holds `file` (it must resolve inside it).
    pub fn load(
        tree: &crate::load::tree::Tree,
        root: &Path,
        folder: &Path,
        file: &Path,
        langs: &[&str],
        strings: &Strings,
    ) -> Result<Examples, Vec<Diagnostic>> {
        let shown = display_path(root, file);
        let max = crate::load::source::MAX_DATA_BYTES;
        let text = tree
            .read_text(folder, file, &shown, max, |e| {
                Diagnostic::error(&shown, format!("cannot read the calculator's worked examples: {e}"))
                    .with_hint("the calculator page needs this file; see docs/calculator.md")
            })
            .map_err(|d| vec![d])?;
        let embedding = Embedding {
            file_text: &text,
            line_offset: 0,
        };
        let parsed: ExamplesFile = yaml::parse(&shown, &text, embedding).map_err(|d| vec![d])?;
        let as_of = Date::parse(&parsed.as_of).map_err(|e| {
            vec![Diagnostic::error(&shown, format!("`as_of` is not a valid date: {e}"))
                .with_hint("write it like `as_of: 2026-11-25`")]
        })?;
        let mut problems = Vec::new();
        let mut rows: BTreeMap<String, Vec<ExampleRow>> = BTreeMap::new();
        for (i, example) in parsed.examples.iter().enumerate() {
            let mut input = example.input.clone();
            input.as_of = input.as_of.or(Some(as_of));
            let output = match unlawful_presence::calculate(&input, as_of) {
                Ok(o) => o,
                Err(errors) => {
                    for e in errors {
                        problems.push(Diagnostic::error(
                            &shown,
                            format!("example {}: examples[{i}].input.{}: {}", i + 1, e.field, e.message),
                        ));
                    }
                    continue;
                }
            };
            for lang in langs {
                let Some(description) = example.description.get(*lang) else {
                    problems.push(
                        Diagnostic::error(&shown, format!("example {} has no description in `{lang}`", i + 1))
                            .with_hint(format!("add `{lang}: …` under its `description`")),
                    );
                    continue;
                };
                let date = |d: Date| strings.format_date(lang, d);
                let days: Vec<String> = output
                    .stays
                    .iter()
                    .map(|s| strings.format_number(lang, s.unlawful_days))
                    .collect();
                let departed = |r: &Reading| match (r.bar, r.bar_over) {
                    (Bar::None, _) => strings.get(lang, "calc_result_no_bar").to_string(),
                    (bar, true) => strings
                        .get(lang, &format!("calc_result_bar_over_{}", bar_code(bar)))
                        .replace("{date}", &r.bar_last_day.map(date).unwrap_or_default()),
                    (bar, false) => strings
                        .get(lang, &format!("calc_result_{}", bar_code(bar)))
                        .replace("{date}", &r.bar_clears.map(date).unwrap_or_default()),
                };
                // Every stay that brought a bar, a trip on advance parole, or a stay still going says what
                // it means; a lone stay always does.
                let mut results: Vec<String> = output
                    .stays
                    .iter()
                    .filter(|s| {
                        s.bar != Bar::None
                            || s.bar_if_leaving.is_some()
                            || s.advance_parole_readings.is_some()
                            || output.stays.len() == 1
                    })
                    .map(|s| {
                        if let Some(bar) = s.bar_if_leaving {
                            strings
                                .get(lang, &format!("calc_example_leaving_{}", bar_code(bar)))
                                .replace("{date}", &date(output.as_of))
                        } else if let Some(r) = &s.advance_parole_readings {
                            strings
                                .get(lang, "calc_example_ap")
                                .replace("{arrabally}", &departed(&r.arrabally))
                                .replace("{delcarmen_lara}", &departed(&r.delcarmen_lara))
                        } else {
                            departed(&s.reading())
                        }
                    })
                    .collect();
                if output.permanent_bar.applies {
                    results.push(strings.get(lang, "calc_result_permanent").to_string());
                }
                if results.is_empty() {
                    results.push(strings.get(lang, "calc_result_no_bar").to_string());
                }
                rows.entry(lang.to_string()).or_default().push(ExampleRow {
                    description: description.clone(),
                    unlawful_days: days.join(" + "),
                    result: results.join(" "),
                });
            }
        }
        if problems.is_empty() {
            Ok(Examples { rows })
        } else {
            Err(problems)
        }
    }

    pub fn rows(&self, lang: &str) -> &[ExampleRow] {
        self.rows.get(lang).map_or(&[], Vec::as_slice)
    }
}

/// A bar's code, as the interface strings name it (`calc_result_three_year`).
fn bar_code(bar: Bar) -> &'static str {
    match bar {
        Bar::None => "none",
        Bar::ThreeYear => "three_year",
        Bar::TenYear => "ten_year",
    }
}

/// The interface strings a widget's script needs (keys starting with `prefix`, and the `shared` keys it
/// borrows from the rest of the theme; a shared key ending in `_` stands for every key it begins), as
/// JSON for a `<script type="application/json">` block. `<` is escaped so the text cannot close the block.
pub fn strings_json(strings: &BTreeMap<String, String>, prefix: &str, shared: &[&str]) -> String {
    let borrowed = |k: &str| shared.iter().any(|s| k == *s || (s.ends_with('_') && k.starts_with(s)));
    let picked: BTreeMap<&str, &str> = strings
        .iter()
        .filter(|(k, _)| k.starts_with(prefix) || borrowed(k))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    serde_json::to_string(&picked)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_for_scripts_cannot_close_their_script_block() {
        let mut s = BTreeMap::new();
        s.insert("calc_x".to_string(), "</script><b>".to_string());
        s.insert("other".to_string(), "left out".to_string());
        s.insert("month_1".to_string(), "January".to_string());
        assert_eq!(strings_json(&s, "calc_", &[]), r#"{"calc_x":"\u003c/script>\u003cb>"}"#);
        assert_eq!(
            strings_json(&s, "calc_", &["month_"]),
            r#"{"calc_x":"\u003c/script>\u003cb>","month_1":"January"}"#
        );
    }
}
