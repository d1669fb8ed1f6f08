//! The eligibility guide's flow file, `content/flows/eligibility.yaml`: loaded, validated with file:line
//! diagnostics, its outcome pages checked, and the editors' scenarios (`eligibility.tests.yaml`) run.

use std::collections::BTreeMap;
use std::path::Path;

use puente_core::flow::{self, Flow, Place};
use serde::Deserialize;

use crate::diagnostics::{display_path, Diagnostic, Position};
use crate::resolve::site::Site;
use crate::yaml::{self, Embedding};

/// The flow file, relative to the content folder.
pub const FLOW_FILE: &str = "flows/eligibility.yaml";
const TESTS_FILE: &str = "flows/eligibility.tests.yaml";

/// A loaded, valid flow.
pub struct LoadedFlow {
    pub flow: Flow,
    /// What the interactive guide loads, per language: `puente_core::flow::Bundle` as JSON, with its
    /// content-hashed address.
    pub bundles: BTreeMap<String, BundleFile>,
    /// The facts its texts use.
    pub facts_used: Vec<String>,
}

/// The guide's data for one language, as the browser fetches it.
pub struct BundleFile {
    /// `/widgets/guide.en.<hash>.json`
    pub url: String,
    pub bytes: Vec<u8>,
}

impl LoadedFlow {
    /// The address and title of every page the outcomes name, in `lang`.
    pub fn pages(flow: &Flow, site: &Site, lang: &str) -> BTreeMap<String, flow::PageLink> {
        flow.outcomes
            .values()
            .flat_map(|o| &o.pages)
            .chain(flow.notices.values().flat_map(|n| &n.pages))
            .filter_map(|p| {
                let i = site.find(lang, p)?;
                let link = flow::PageLink {
                    url: site.urls[i].clone(),
                    title: site.pages[i].title().to_string(),
                };
                Some((p.clone(), link))
            })
            .collect()
    }

    fn new(flow: Flow, site: &Site, langs: &[&str]) -> LoadedFlow {
        let bundles = langs
            .iter()
            .map(|lang| {
                let bundle = flow::Bundle {
                    lang: lang.to_string(),
                    flow: flow.in_language(lang),
                    pages: LoadedFlow::pages(&flow, site, lang),
                };
                let bytes = serde_json::to_vec(&bundle).unwrap_or_default();
                let url = format!("/widgets/guide.{lang}.{}.json", crate::files::short_hash(&bytes, 10));
                (lang.to_string(), BundleFile { url, bytes })
            })
            .collect();
        LoadedFlow {
            flow,
            bundles,
            facts_used: Vec::new(),
        }
    }
}

/// Every text of the flow that readers see, with its language.
fn texts_mut(flow: &mut Flow) -> Vec<(&str, &mut String)> {
    fn of(text: &mut flow::Text) -> impl Iterator<Item = (&str, &mut String)> {
        text.iter_mut().map(|(l, t)| (l.as_str(), t))
    }
    fn lists(map: &mut BTreeMap<String, Vec<String>>) -> impl Iterator<Item = (&str, &mut String)> {
        map.iter_mut()
            .flat_map(|(l, items)| items.iter_mut().map(move |t| (l.as_str(), t)))
    }
    let mut all = Vec::new();
    for q in flow.questions.values_mut() {
        all.extend(of(&mut q.text));
        if let Some(help) = q.help.as_mut() {
            all.extend(of(help));
        }
        for a in &mut q.answers {
            all.extend(of(&mut a.text));
        }
    }
    for o in flow.outcomes.values_mut() {
        all.extend(of(&mut o.title));
        all.extend(of(&mut o.summary));
        all.extend(lists(&mut o.evidence));
        all.extend(lists(&mut o.warnings));
    }
    for n in flow.notices.values_mut() {
        all.extend(of(&mut n.text));
    }
    all
}

/// Replaces the fact references in the flow's texts; returns the facts used and the problems, placed at
/// the reference in the file.
fn expand_facts(
    flow: &mut Flow,
    facts: &crate::load::facts::Registry,
    file: &Path,
    text: &str,
) -> (Vec<String>, Vec<Diagnostic>) {
    let mut used = Vec::new();
    let mut problems = Vec::new();
    for (lang, value) in texts_mut(flow) {
        let expanded = crate::load::facts::expand(value, lang, facts);
        for p in &expanded.problems {
            let d = Diagnostic::error(file, p.message.clone()).with_hint(p.hint.clone());
            problems.push(match p.written_at(value, text) {
                Some(offset) => d.at_offset(text, offset),
                None => d,
            });
        }
        for id in expanded.used {
            if !used.contains(&id) {
                used.push(id);
            }
        }
        *value = expanded.text;
    }
    used.sort();
    (used, problems)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenarios {
    scenarios: Vec<Scenario>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    answers: BTreeMap<String, String>,
    outcome: String,
}

/// Finds where a place of the flow is written, by its keys: good enough for files written the usual way.
fn locate(text: &str, place: &Place) -> Option<Position> {
    let find_key = |from: usize, section: &str, key: &str| -> Option<usize> {
        let section_at = text[from..].find(&format!("\n{section}:")).map(|i| from + i + 1)?;
        let needle = format!("\n  {key}:");
        text[section_at..].find(&needle).map(|i| section_at + i + 3)
    };
    let offset = match place {
        Place::Start => text.find("start:"),
        Place::Question(q) => find_key(0, "questions", q),
        Place::Outcome(o) => find_key(0, "outcomes", o),
        Place::Notice(n) => find_key(0, "notices", n),
        Place::Answer(q, n) => {
            let at = find_key(0, "questions", q)?;
            let mut offset = at;
            for _ in 0..=*n {
                offset = offset + text[offset..].find("- id:")? + 1;
            }
            Some(offset + 1)
        }
    }?;
    Some(Position::of_offset(text, offset))
}

/// Loads and checks the flow, if the site has one. Every problem is returned.
pub fn load(
    tree: &crate::load::tree::Tree,
    root: &Path,
    site: &Site,
    langs: &[&str],
) -> Result<Option<LoadedFlow>, Vec<Diagnostic>> {
    let file = tree.content_file(FLOW_FILE);
    if !tree.exists(&file) {
        return Ok(None);
    }
    let shown = display_path(root, &file);
    let max = crate::load::source::MAX_DATA_BYTES;
    let text = tree
        .read_text(&tree.layer_of(&file), &file, &shown, max, |e| {
            Diagnostic::error(&shown, format!("cannot read the flow: {e}"))
        })
        .map_err(|d| vec![d])?;
    let mut flow: Flow = yaml::parse(
        &shown,
        &text,
        Embedding {
            file_text: &text,
            line_offset: 0,
        },
    )
    .map_err(|d| vec![d])?;
    let (facts_used, fact_problems) = expand_facts(&mut flow, &site.facts, &shown, &text);
    let at = |d: Diagnostic, place: &Place| match locate(&text, place) {
        Some(p) => d.at(&text, p),
        None => d,
    };
    let mut problems: Vec<Diagnostic> = fact_problems;
    problems.extend(
        flow::validate(&flow, langs)
            .into_iter()
            .map(|p| at(Diagnostic::error(&shown, p.message).with_hint(p.hint), &p.place)),
    );
    // Every page an outcome or a notice offers must exist in every language.
    let offered = flow
        .outcomes
        .iter()
        .map(|(id, o)| ("outcome", id, &o.pages, Place::Outcome(id.clone())))
        .chain(
            flow.notices
                .iter()
                .map(|(id, n)| ("notice", id, &n.pages, Place::Notice(id.clone()))),
        );
    for (what, id, pages, place) in offered {
        for page in pages {
            for lang in langs.iter().filter(|lang| site.find(lang, page).is_none()) {
                problems.push(at(
                    Diagnostic::error(
                        &shown,
                        format!("the {what} `{id}` links to `{page}`, which is not a page in `{lang}`"),
                    )
                    .with_hint("use the path of a page under each language folder, like `parole/humanitarian.md`"),
                    &place,
                ));
            }
        }
    }
    if problems.is_empty() {
        let tests = tree.content_file(TESTS_FILE);
        problems.extend(run_scenarios(tree, root, &tree.layer_of(&tests), &tests, &flow));
    }
    if problems.is_empty() {
        let mut loaded = LoadedFlow::new(flow, site, langs);
        loaded.facts_used = facts_used;
        Ok(Some(loaded))
    } else {
        Err(problems)
    }
}

/// Runs the editors' scenarios; each failure says which scenario and where the path went.
fn run_scenarios(
    tree: &crate::load::tree::Tree,
    root: &Path,
    folder: &Path,
    file: &Path,
    flow: &Flow,
) -> Vec<Diagnostic> {
    if !tree.exists(file) {
        return Vec::new();
    }
    let shown = display_path(root, file);
    let max = crate::load::source::MAX_DATA_BYTES;
    let text = match tree.read_text(folder, file, &shown, max, |e| {
        Diagnostic::error(&shown, format!("cannot read the scenarios: {e}"))
    }) {
        Ok(t) => t,
        Err(d) => return vec![d],
    };
    let scenarios: Scenarios = match yaml::parse(
        &shown,
        &text,
        Embedding {
            file_text: &text,
            line_offset: 0,
        },
    ) {
        Ok(s) => s,
        Err(d) => return vec![d],
    };
    let mut problems = Vec::new();
    for scenario in &scenarios.scenarios {
        let place = text
            .find(&format!("name: {}", scenario.name))
            .or_else(|| text.find(&scenario.name));
        let failure = match flow.run(&scenario.answers) {
            Ok((outcome, _)) if outcome == scenario.outcome => continue,
            Ok((outcome, path)) => format!(
                "ended at `{outcome}`, not `{}` (path: {})",
                scenario.outcome,
                path.join(" → ")
            ),
            Err((why, path)) => format!("{why} (path: {})", path.join(" → ")),
        };
        let d = Diagnostic::error(&shown, format!("scenario \"{}\": {failure}", scenario.name))
            .with_hint("fix the flow, or the scenario if the flow changed on purpose");
        problems.push(match place {
            Some(offset) => d.at_offset(&text, offset),
            None => d,
        });
    }
    problems
}
