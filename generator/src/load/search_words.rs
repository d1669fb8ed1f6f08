//! `content/search/<lang>.yaml`: the words readers type that search should read as the site's own words,
//! kept by editors (see docs/search.md). Optional: a language without the file searches its words as
//! they are.

use std::collections::BTreeMap;
use std::path::Path;

use puente_core::search::{PhrasingProblem, Phrasings};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{display_path, Diagnostic};
use crate::load::tree::Tree;
use crate::yaml::{self, Embedding};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    phrases: Vec<Phrase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrase {
    say: Vec<Spanned<String>>,
    means: Spanned<String>,
}

/// The path of a language's file in the content folder.
pub fn file_of(lang: &str) -> String {
    format!("search/{lang}.yaml")
}

/// Each language's phrasings (empty for a language without the file), or every problem found.
pub fn load(tree: &Tree, root: &Path, langs: &[&str]) -> Result<BTreeMap<String, Phrasings>, Vec<Diagnostic>> {
    let mut all = BTreeMap::new();
    let mut problems = Vec::new();
    for lang in langs {
        let file = tree.content_file(&file_of(lang));
        if !tree.exists(&file) {
            all.insert(lang.to_string(), Phrasings::default());
            continue;
        }
        match load_one(tree, root, &file, lang) {
            Ok(p) => {
                all.insert(lang.to_string(), p);
            }
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(all)
    } else {
        Err(problems)
    }
}

fn load_one(tree: &Tree, root: &Path, file: &Path, lang: &str) -> Result<Phrasings, Vec<Diagnostic>> {
    let shown = display_path(root, file);
    let max = crate::load::source::MAX_DATA_BYTES;
    let text = tree
        .read_text(&tree.layer_of(file), file, &shown, max, |e| {
            Diagnostic::error(&shown, format!("cannot read the search words: {e}"))
        })
        .map_err(|d| vec![d])?;
    let embedding = Embedding {
        file_text: &text,
        line_offset: 0,
    };
    let parsed: File = yaml::parse(&shown, &text, embedding).map_err(|d| vec![d])?;
    let at = |d: Diagnostic, span: serde_saphyr::Location| match yaml::position(span, embedding) {
        Some(p) => d.at(&text, p),
        None => d,
    };
    let mut problems = Vec::new();
    // Folded phrasing → (its phrase, as first written).
    let mut seen: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (n, phrase) in parsed.phrases.iter().enumerate() {
        if phrase.say.is_empty() {
            problems.push(at(
                Diagnostic::error(&shown, format!("phrase {} has no words to replace", n + 1))
                    .with_hint("list what readers type under `say`, like `say: [\"free lawyer\"]`"),
                phrase.means.referenced,
            ));
        }
        for say in &phrase.say {
            let key = puente_core::search::fold(say.value.trim());
            if let Some((before, written)) = seen.get(&key) {
                let (message, hint) = if *before == n + 1 {
                    (
                        format!(
                            "`{}` and `{written}` are the same to search, which ignores accents and capitals",
                            say.value
                        ),
                        "keep one of them",
                    )
                } else {
                    (
                        format!("`{}` is listed twice, in phrases {before} and {}", say.value, n + 1),
                        "keep it under one phrase, the one whose `means` fits it best",
                    )
                };
                problems.push(at(Diagnostic::error(&shown, message).with_hint(hint), say.referenced));
            } else {
                seen.insert(key, (n + 1, say.value.clone()));
            }
            match Phrasings::problem(lang, &say.value, &phrase.means.value) {
                Some(PhrasingProblem::SayIsOnlyCommonWords) => problems.push(at(
                    Diagnostic::error(
                        &shown,
                        format!(
                            "`{}` has only common words, so it would change almost every search",
                            say.value
                        ),
                    )
                    .with_hint("add the word that carries the meaning, like `se me vence` rather than `se me`"),
                    say.referenced,
                )),
                Some(PhrasingProblem::MeansIsOnlyCommonWords) => problems.push(at(
                    Diagnostic::error(
                        &shown,
                        format!(
                            "`{}` has only common words, so searches would lose their meaning",
                            phrase.means.value
                        ),
                    )
                    .with_hint("write the words the site's pages use for this subject, like `legal help`"),
                    phrase.means.referenced,
                )),
                None => {}
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let ignore: Vec<String> = parsed.ignore.iter().map(|w| w.value.clone()).collect();
    let phrases: Vec<(String, String)> = parsed
        .phrases
        .iter()
        .flat_map(|p| p.say.iter().map(|s| (s.value.clone(), p.means.value.clone())))
        .collect();
    Ok(Phrasings::new(lang, &ignore, &phrases))
}
