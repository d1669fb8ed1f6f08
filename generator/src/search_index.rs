//! The search index of each language (`puente_core::search::Index` as JSON), and one small "fragment"
//! file per page with the plain text of its sections, fetched by the search box only to show excerpts.
//! Built from the same Markdown the pages are rendered from, with the same heading ids.

use std::collections::BTreeMap;

use puente_core::search::{weigh, Document, Index, Tokenizer};
use rayon::prelude::*;

use crate::markdown;
use crate::site::Site;
use crate::theme::short_hash;

/// One language's search files.
pub struct SearchFiles {
    /// `/widgets/search/index.en.<hash>.json`
    pub index_url: String,
    /// Output path → bytes: the index and every fragment.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Where a fragment or index file goes: content-hashed, next to the widgets.
fn address(stem: &str, bytes: &[u8]) -> String {
    format!("/widgets/search/{stem}{}.json", short_hash(bytes, 10))
}

/// The title of the top-level section page `i` belongs to (its own title at the top).
fn section_of(site: &Site, i: usize) -> String {
    let chain = site.ancestors(i);
    let top = chain.get(1).copied().unwrap_or(i);
    site.pages[top].nav_title().to_string()
}

/// The index and fragments of every language of the site.
/// How much a page's matches count, in percent: half for the glossary (short definitions whose headings
/// are exactly the words people type), so the page about a topic comes first.
const GLOSSARY_WEIGHT: u8 = 50;

/// The index and fragments of every language of the site. `glossary` is the glossary page's path, if
/// the site has one.
pub fn build(site: &Site, langs: &[&str], glossary: Option<&str>) -> BTreeMap<String, SearchFiles> {
    langs
        .par_iter()
        .map(|lang| {
            let pages: Vec<usize> = (0..site.pages.len()).filter(|&i| site.pages[i].lang == *lang).collect();
            let built: Vec<(Document, (String, Vec<u8>))> = pages
                .par_iter()
                .map(|&i| {
                    let page = &site.pages[i];
                    let sections = markdown::sections(page.body());
                    let texts: Vec<&str> = sections.iter().map(|s| s.2.as_str()).collect();
                    let bytes = serde_json::to_vec(&texts).unwrap_or_default();
                    let fragment = address("", &bytes);
                    let doc = Document {
                        url: site.urls[i].clone(),
                        title: page.title().to_string(),
                        section: section_of(site, i),
                        description: page.front.description.value.clone(),
                        fragment: fragment.clone(),
                        weight: if Some(page.rel.as_str()) == glossary {
                            GLOSSARY_WEIGHT
                        } else {
                            100
                        },
                        sections,
                    };
                    (doc, (fragment.trim_start_matches('/').to_string(), bytes))
                })
                .collect();
            let (documents, mut files): (Vec<Document>, Vec<(String, Vec<u8>)>) = built.into_iter().unzip();
            let tokenizer = Tokenizer::new(lang);
            let weighed: Vec<_> = documents.par_iter().map(|d| weigh(&tokenizer, d)).collect();
            let index = Index::assemble(lang, &documents, weighed);
            let bytes = serde_json::to_vec(&index).unwrap_or_default();
            let index_url = address(&format!("index.{lang}."), &bytes);
            files.push((index_url.trim_start_matches('/').to_string(), bytes));
            files.sort();
            files.dedup_by(|a, b| a.0 == b.0);
            (lang.to_string(), SearchFiles { index_url, files })
        })
        .collect()
}
