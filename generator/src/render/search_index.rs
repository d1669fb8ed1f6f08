//! The search index of each language (`puente_core::search::Index` as JSON), and "fragment" files with
//! the plain text of the pages' sections (a few pages in a row per file), fetched by the search page only
//! to show excerpts.
//! Built from the same Markdown the pages are rendered from, with the same heading ids.

use std::collections::BTreeMap;

use puente_core::search::{weigh, Document, Index, TermMemo, Tokenizer};
use rayon::prelude::*;

use crate::files::short_hash;
use crate::markdown;
use crate::resolve::site::Site;

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

/// How much a page's matches count, in percent: half for the glossary (short definitions whose headings
/// are exactly the words people type), so the page about a topic comes first.
const GLOSSARY_WEIGHT: u8 = 50;

/// Pages in a row share one fragment file until it holds about this many bytes of text: fewer files
/// for a large site to write and serve, and still a small download for the excerpts of a result.
const FRAGMENT_BYTES: usize = 32_000;

/// The index and fragments of every language of the site. `glossary` is the glossary page's path, if
/// the site has one; `phrasings` are each language's everyday words (`content/search/<lang>.yaml`).
pub fn build(
    site: &Site,
    langs: &[&str],
    glossary: Option<&str>,
    phrasings: &BTreeMap<String, puente_core::search::Phrasings>,
) -> BTreeMap<String, SearchFiles> {
    langs
        .par_iter()
        .map(|lang| {
            let pages: Vec<usize> = (0..site.pages.len()).filter(|&i| site.pages[i].lang == *lang).collect();
            let sections: Vec<Vec<(String, String, String)>> = pages
                .par_iter()
                .map(|&i| markdown::sections(site.pages[i].body()))
                .collect();
            let (places, mut files) = fragments(&sections);
            let documents: Vec<Document> = pages
                .iter()
                .zip(sections)
                .zip(places)
                .map(|((&i, sections), (fragment, fragment_first))| {
                    let page = &site.pages[i];
                    Document {
                        url: site.urls[i].clone(),
                        title: page.title().to_string(),
                        section: section_of(site, i),
                        description: page.front.description.value.clone(),
                        fragment,
                        fragment_first,
                        weight: if Some(page.rel.as_str()) == glossary {
                            GLOSSARY_WEIGHT
                        } else {
                            100
                        },
                        sections,
                    }
                })
                .collect();
            let tokenizer = Tokenizer::new(lang);
            let weighed: Vec<_> = documents
                .par_iter()
                .map_init(TermMemo::default, |memo, d| weigh(&tokenizer, d, memo))
                .collect();
            let mut index = Index::assemble(lang, &documents, weighed);
            index.phrasings = phrasings.get(*lang).cloned().unwrap_or_default();
            let bytes = serde_json::to_vec(&index).unwrap_or_default();
            let index_url = address(&format!("index.{lang}."), &bytes);
            files.push((index_url.trim_start_matches('/').to_string(), bytes));
            files.sort();
            files.dedup_by(|a, b| a.0 == b.0);
            (lang.to_string(), SearchFiles { index_url, files })
        })
        .collect()
}

/// Where a page's texts are: the fragment file's address and the position of its first text in it.
type Place = (String, u32);

/// The fragment files of pages with these sections, in order: pages in a row share a file until it
/// holds `FRAGMENT_BYTES` of text. Gives each page's file address and where its texts start in the
/// file, and the files (output path, bytes).
fn fragments(sections: &[Vec<(String, String, String)>]) -> (Vec<Place>, Vec<(String, Vec<u8>)>) {
    let mut places = Vec::with_capacity(sections.len());
    let mut files = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut waiting = 0;
    let mut flush = |texts: &mut Vec<&str>, waiting: &mut usize, places: &mut Vec<Place>| {
        let bytes = serde_json::to_vec(texts).unwrap_or_default();
        let url = address("", &bytes);
        let from = places.len() - *waiting;
        for place in &mut places[from..] {
            place.0.clone_from(&url);
        }
        files.push((url.trim_start_matches('/').to_string(), bytes));
        texts.clear();
        *waiting = 0;
    };
    for page in sections {
        places.push((String::new(), u32::try_from(texts.len()).unwrap_or(u32::MAX)));
        waiting += 1;
        texts.extend(page.iter().map(|s| s.2.as_str()));
        if page.is_empty() {
            // The index gives a page without sections one empty chunk; keep the places in step.
            texts.push("");
        }
        if texts.iter().map(|t| t.len()).sum::<usize>() >= FRAGMENT_BYTES {
            flush(&mut texts, &mut waiting, &mut places);
        }
    }
    if waiting > 0 {
        flush(&mut texts, &mut waiting, &mut places);
    }
    (places, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(texts: &[&str]) -> Vec<(String, String, String)> {
        texts
            .iter()
            .map(|t| (String::new(), String::new(), (*t).to_string()))
            .collect()
    }

    #[test]
    fn pages_in_a_row_share_a_fragment_file_until_it_is_full() {
        let big = "x".repeat(FRAGMENT_BYTES);
        let pages = [page(&["a", "b"]), page(&[]), page(&["c", &big]), page(&["d"])];
        let (places, files) = fragments(&pages);
        assert_eq!(files.len(), 2, "the third page fills the first file");
        let first: Vec<String> = serde_json::from_slice(&files[0].1).unwrap();
        // The page without sections keeps one empty text, as the index gives it one empty chunk.
        assert_eq!(first[..4], ["a", "b", "", "c"]);
        assert_eq!(places.iter().map(|p| p.1).collect::<Vec<_>>(), [0, 2, 3, 0]);
        assert_eq!(places[0].0, places[2].0);
        assert_ne!(places[2].0, places[3].0);
        assert_eq!(places[3].0, format!("/{}", files[1].0));
    }
}
