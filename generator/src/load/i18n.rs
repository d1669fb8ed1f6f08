//! The theme's interface strings, one YAML file per language: `themes/default/i18n/en.yaml`.
//! Every language must have every key; a missing key is an error naming the key and the language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use puente_core::date::Date;

use crate::diagnostics::{display_path, Diagnostic};
use crate::yaml::{self, Embedding};

/// Keys the generator itself uses (templates use more; Tera reports those by name when missing).
const REQUIRED: &[&str] = &[
    "date_format",
    "month_1",
    "month_2",
    "month_3",
    "month_4",
    "month_5",
    "month_6",
    "month_7",
    "month_8",
    "month_9",
    "month_10",
    "month_11",
    "month_12",
    "callout_note",
    "callout_tip",
    "callout_important",
    "callout_warning",
    "callout_caution",
    "table_label",
];

/// Interface strings of every language.
#[derive(Debug)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
    /// Fact id → the string files that use it.
    pub facts_used: BTreeMap<String, std::collections::BTreeSet<String>>,
    /// Strings that use a fact the site does not have, with the problem: reported by the pipeline only
    /// when the string is shown (a widget's strings matter only to a site that places the widget).
    pub fact_problems: Vec<(String, Diagnostic)>,
}

impl Strings {
    /// Reads `i18n/<lang>.yaml` for each language from each theme layer (a later layer's strings replace
    /// the earlier ones of the same key) and checks that all languages have the same keys.
    /// A string may use a fact of `facts` (`{{fact:parole-fee}}`), replaced by its words in the language.
    pub fn load(
        tree: &crate::load::tree::Tree,
        root: &Path,
        layers: &[PathBuf],
        langs: &[&str],
        facts: &crate::load::facts::Registry,
    ) -> Result<Strings, Vec<Diagnostic>> {
        let mut by_lang = BTreeMap::new();
        let mut problems = Vec::new();
        let mut facts_used: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        let mut fact_problems = Vec::new();
        for lang in langs {
            let files: Vec<(&PathBuf, PathBuf)> = layers
                .iter()
                .map(|l| (l, l.join("i18n").join(format!("{lang}.yaml"))))
                .enumerate()
                .filter(|(n, (_, f))| *n == 0 || tree.exists(f))
                .map(|(_, f)| f)
                .collect();
            let mut merged: Option<(PathBuf, BTreeMap<String, String>)> = None;
            for (layer, path) in files {
                let shown = display_path(root, &path);
                let max = crate::load::source::MAX_DATA_BYTES;
                let read = tree.read_text(layer, &path, &shown, max, |e| {
                    Diagnostic::error(&shown, format!("cannot read the interface strings for `{lang}`: {e}"))
                        .with_hint("copy the English file and translate each value")
                });
                let text = match read {
                    Ok(t) => t,
                    Err(d) => {
                        problems.push(d);
                        continue;
                    }
                };
                let embedding = Embedding {
                    file_text: &text,
                    line_offset: 0,
                };
                match yaml::parse::<BTreeMap<String, String>>(&shown, &text, embedding) {
                    Ok(mut map) => {
                        for (key, value) in map.iter_mut() {
                            let expanded = crate::load::facts::expand(value, lang, facts);
                            for p in &expanded.problems {
                                let d = Diagnostic::error(&shown, p.message.clone()).with_hint(p.hint.clone());
                                let d = match p.written_at(value, &text) {
                                    Some(offset) => d.at_offset(&text, offset),
                                    None => d,
                                };
                                fact_problems.push((key.clone(), d));
                            }
                            for id in expanded.used {
                                facts_used.entry(id).or_default().insert(shown.display().to_string());
                            }
                            *value = expanded.text;
                        }
                        match merged.as_mut() {
                            None => merged = Some((shown, map)),
                            Some((_, base)) => {
                                for (key, value) in map {
                                    if !base.contains_key(&key) {
                                        let hint = match crate::diagnostics::did_you_mean(
                                            &key,
                                            base.keys().map(String::as_str),
                                        ) {
                                            Some(close) => format!("did you mean `{close}`?"),
                                            None => {
                                                "an override can only change strings the theme has; check the spelling"
                                                    .into()
                                            }
                                        };
                                        let d = Diagnostic::error(
                                            &shown,
                                            format!("`{key}` is not an interface string of the theme"),
                                        )
                                        .with_hint(hint);
                                        // The key at the start of its line.
                                        let at = text
                                            .match_indices(&format!("{key}:"))
                                            .map(|(i, _)| i)
                                            .find(|&i| i == 0 || text[..i].ends_with('\n'));
                                        problems.push(match at {
                                            Some(offset) => d.at_offset(&text, offset),
                                            None => d,
                                        });
                                    }
                                    base.insert(key, value);
                                }
                            }
                        }
                    }
                    Err(d) => problems.push(d),
                }
            }
            if let Some(found) = merged {
                by_lang.insert(lang.to_string(), found);
            }
        }
        let mut all_keys: std::collections::BTreeSet<&str> = REQUIRED.iter().copied().collect();
        for (_, map) in by_lang.values() {
            all_keys.extend(map.keys().map(String::as_str));
        }
        for (lang, (shown, map)) in &by_lang {
            for key in &all_keys {
                if !map.contains_key(*key) {
                    problems.push(
                        Diagnostic::error(
                            shown,
                            format!("the interface string `{key}` is missing for language `{lang}`"),
                        )
                        .with_hint(format!("add `{key}: …` with the text in this language")),
                    );
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Strings {
            facts_used,
            fact_problems,
            by_lang: by_lang.into_iter().map(|(l, (_, m))| (l, m)).collect(),
        })
    }

    /// All strings of a language (for templates).
    pub fn of(&self, lang: &str) -> &BTreeMap<String, String> {
        &self.by_lang[lang]
    }

    /// One string; the keys the generator uses are checked at load time.
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.by_lang
            .get(lang)
            .and_then(|m| m.get(key))
            .map_or(key, String::as_str)
    }

    /// A date the way the language writes it: `November 23, 2026`, `23 de noviembre de 2026`.
    pub fn format_date(&self, lang: &str, date: Date) -> String {
        let month_key = format!("month_{}", date.month());
        let month = self.get(lang, &month_key);
        self.get(lang, "date_format")
            .replace("{month}", month)
            .replace("{day}", &date.day().to_string())
            .replace("{year}", &date.year().to_string())
    }

    /// A whole number with its thousands grouped as `number_group_separator` says (3,623 or 3.623).
    pub fn format_number(&self, lang: &str, n: i64) -> String {
        group_digits(n, self.get(lang, "number_group_separator"))
    }
}

/// `3623` → `3,623` with `,` as the separator; the sign is kept.
pub fn group_digits(n: i64, separator: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::group_digits;

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(0, ","), "0");
        assert_eq!(group_digits(999, ","), "999");
        assert_eq!(group_digits(3623, "."), "3.623");
        assert_eq!(group_digits(1_234_567, ","), "1,234,567");
        assert_eq!(group_digits(-1000, ","), "-1,000");
    }
}
