//! Site search: the index the generator writes for each language, the ranking a query gets, and the
//! excerpts shown with results. The generator builds the index natively and the search box runs the same
//! code in WebAssembly, with one tokenizer (`tokenize`), so the two always agree.
//!
//! The index lists every section of every page (a "chunk": the text under one heading) and, for every
//! term, the chunks it is in with a weight: a word in the page title counts 8 in the page's first chunk
//! and 2 in the others, in the description 3, in a heading 5, in the body 1 per use (at most 5). The
//! texts themselves are not in the index: each page's are in a small "fragment" file, fetched only to
//! show the excerpts of results.

mod folds;
pub mod tokenize;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use tokenize::{fold, Tokenizer, Word};

/// One language's search index.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub lang: String,
    pub pages: Vec<IndexPage>,
    pub chunks: Vec<Chunk>,
    /// Term → its postings, flattened: `[chunk, weight, chunk, weight, …]`, chunks in increasing order.
    pub terms: BTreeMap<String, Vec<u32>>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IndexPage {
    pub url: String,
    pub title: String,
    /// The top-level section the page is in (its own title for a top-level page).
    pub section: String,
    /// The address of the file with the texts of the page's chunks (a JSON list of strings, in order).
    pub fragment: String,
    /// The page's first chunk.
    pub first_chunk: u32,
    /// How much the page's matches count, in percent: 100 for most pages, less for pages of short
    /// definitions (the glossary), so that the page about a topic comes before the definition of its name.
    #[serde(default = "full_weight", skip_serializing_if = "is_full_weight")]
    pub weight: u8,
}

fn full_weight() -> u8 {
    100
}

fn is_full_weight(w: &u8) -> bool {
    *w == 100
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Chunk {
    pub page: u32,
    /// The heading's id; empty for the text before the first heading.
    pub anchor: String,
    /// The heading's text; empty for the text before the first heading.
    pub heading: String,
}

/// A page, as the generator hands it to the index.
#[derive(Clone, Debug)]
pub struct Document {
    pub url: String,
    pub title: String,
    pub section: String,
    pub description: String,
    pub fragment: String,
    /// How much its matches count, in percent (see `IndexPage::weight`).
    pub weight: u8,
    /// The page's sections in order: (heading id, heading text, text). The first may have no heading.
    pub sections: Vec<(String, String, String)>,
}

const TITLE_WEIGHT: u32 = 8;
const TITLE_WEIGHT_ELSEWHERE: u32 = 2;
const DESCRIPTION_WEIGHT: u32 = 3;
const HEADING_WEIGHT: u32 = 5;
const BODY_CAP: u32 = 5;

impl Index {
    /// Builds the index of `documents` in `lang`.
    pub fn build(lang: &str, documents: &[Document]) -> Index {
        let tokenizer = Tokenizer::new(lang);
        let mut index = Index {
            lang: lang.to_string(),
            ..Index::default()
        };
        // term → chunk → weight, ordered so the output is deterministic.
        let mut postings: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
        let mut add = |term: String, chunk: u32, weight: u32| {
            *postings.entry(term).or_default().entry(chunk).or_default() += weight;
        };
        for (p, doc) in documents.iter().enumerate() {
            let page = u32::try_from(p).unwrap_or(u32::MAX);
            let first = u32::try_from(index.chunks.len()).unwrap_or(u32::MAX);
            index.pages.push(IndexPage {
                url: doc.url.clone(),
                title: doc.title.clone(),
                section: doc.section.clone(),
                fragment: doc.fragment.clone(),
                first_chunk: first,
                weight: doc.weight,
            });
            let title_terms: BTreeSet<String> = tokenizer.terms(&doc.title).into_iter().collect();
            let sections: Vec<(String, String, String)> = if doc.sections.is_empty() {
                vec![(String::new(), String::new(), String::new())]
            } else {
                doc.sections.clone()
            };
            for (n, (anchor, heading, text)) in sections.iter().enumerate() {
                let chunk = first + u32::try_from(n).unwrap_or(u32::MAX);
                index.chunks.push(Chunk {
                    page,
                    anchor: anchor.clone(),
                    heading: heading.clone(),
                });
                let title_weight = if n == 0 { TITLE_WEIGHT } else { TITLE_WEIGHT_ELSEWHERE };
                for t in &title_terms {
                    add(t.clone(), chunk, title_weight);
                }
                if n == 0 {
                    for t in tokenizer.terms(&doc.description).into_iter().collect::<BTreeSet<_>>() {
                        add(t, chunk, DESCRIPTION_WEIGHT);
                    }
                }
                for t in tokenizer.terms(heading).into_iter().collect::<BTreeSet<_>>() {
                    add(t, chunk, HEADING_WEIGHT);
                }
                let mut counts: BTreeMap<String, u32> = BTreeMap::new();
                for t in tokenizer.terms(text) {
                    *counts.entry(t).or_default() += 1;
                }
                for (t, count) in counts {
                    add(t, chunk, count.min(BODY_CAP));
                }
            }
        }
        index.terms = postings
            .into_iter()
            .map(|(term, chunks)| (term, chunks.into_iter().flat_map(|(c, w)| [c, w]).collect()))
            .collect();
        index
    }

    /// The chunks holding `term`, with their weights.
    fn postings(&self, term: &str) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.terms
            .get(term)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|p| (p[0], p[1]))
    }

    /// The index terms a query term stands for, with how much each counts: itself; for the last word
    /// while the reader is still typing, the terms it begins; and when it is not in the index, terms one
    /// edit away (two for long words), so `imigration` finds `immigration`.
    fn candidates<'a>(&'a self, term: &'a str, typing: bool) -> Vec<(&'a str, f32)> {
        let mut found: Vec<(&str, f32)> = Vec::new();
        if let Some((t, _)) = self.terms.get_key_value(term) {
            found.push((t, 1.0));
        }
        let length = term.chars().count();
        let numeric = term.chars().any(|c| c.is_ascii_digit());
        if typing && length >= 2 {
            let from = std::ops::Bound::Included(term);
            let range = self.terms.range::<str, _>((from, std::ops::Bound::Unbounded));
            for (t, _) in range.take_while(|(t, _)| t.starts_with(term)) {
                if t != term {
                    found.push((t, 0.7));
                }
            }
        }
        if found.is_empty() && !numeric && length >= 4 {
            let allowed = if length >= 8 { 2 } else { 1 };
            for t in self.terms.keys() {
                if t.chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                let other = t.chars().count();
                if other.abs_diff(length) <= allowed && within(term, t, allowed) {
                    found.push((t, 0.6));
                }
            }
        }
        found
    }

    /// The best results for `query`, best first, one per page.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let tokenizer = Tokenizer::new(&self.lang);
        let mut terms: Vec<String> = Vec::new();
        for t in tokenizer.terms(query) {
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
        if terms.is_empty() {
            return Vec::new();
        }
        // The last word is still being typed unless a space or punctuation follows it.
        let typing = query.ends_with(char::is_alphanumeric);
        let chunk_count = self.chunks.len().max(1) as f32;
        // chunk → (score per query term, index terms matched)
        let mut scores: BTreeMap<u32, (Vec<f32>, BTreeSet<&str>)> = BTreeMap::new();
        for (qi, term) in terms.iter().enumerate() {
            let last = qi + 1 == terms.len();
            for (candidate, factor) in self.candidates(term, typing && last) {
                let postings: Vec<(u32, u32)> = self.postings(candidate).collect();
                let idf = (1.0 + chunk_count / postings.len().max(1) as f32).ln();
                for (chunk, weight) in postings {
                    let entry = scores
                        .entry(chunk)
                        .or_insert_with(|| (vec![0.0; terms.len()], BTreeSet::new()));
                    let s = weight as f32 * factor * idf;
                    if s > entry.0[qi] {
                        entry.0[qi] = s;
                    }
                    entry.1.insert(candidate);
                }
            }
        }
        // A chunk's score rewards matching every query term; a page's is its best chunk's, plus a little
        // for each other matching chunk.
        let mut pages: BTreeMap<u32, (f32, u32, f32, BTreeSet<&str>)> = BTreeMap::new();
        for (chunk, (per_term, matched)) in scores {
            let covered = per_term.iter().filter(|s| **s > 0.0).count() as f32 / terms.len() as f32;
            let c = &self.chunks[chunk as usize];
            // A heading (or, at the top of a page, a title) that is mostly the query's words is what the
            // reader is looking for: `¿Cuánto cuesta el parole?` before `¿Cuánto cuesta el re-parole?`.
            let named = if c.heading.is_empty() {
                let p = &self.pages[c.page as usize];
                if p.first_chunk == chunk {
                    p.title.as_str()
                } else {
                    ""
                }
            } else {
                c.heading.as_str()
            };
            let named_terms = tokenizer.terms(named);
            let named_share = if named_terms.is_empty() {
                0.0
            } else {
                let of_heading = named_terms.iter().filter(|t| matched.contains(t.as_str())).count() as f32
                    / named_terms.len() as f32;
                let of_query = terms
                    .iter()
                    .filter(|q| {
                        named_terms
                            .iter()
                            .any(|t| t == *q || (matched.contains(t.as_str()) && t.starts_with(q.as_str())))
                    })
                    .count() as f32
                    / terms.len() as f32;
                of_heading * of_query
            };
            let score = per_term.iter().sum::<f32>() * covered * covered * (1.0 + 2.0 * named_share * named_share);
            let page = c.page;
            let entry = pages.entry(page).or_insert((0.0, chunk, 0.0, BTreeSet::new()));
            if score > entry.0 {
                entry.2 += entry.0;
                entry.0 = score;
                entry.1 = chunk;
            } else {
                entry.2 += score;
            }
            entry.3.extend(matched);
        }
        let mut hits: Vec<Hit> = pages
            .into_iter()
            .map(|(page, (best, chunk, rest, matched))| {
                let p = &self.pages[page as usize];
                // A page whose title holds the query's words is about them: `advance parol` finds the
                // advance parole page before a question about it elsewhere.
                let title = tokenizer.terms(&p.title);
                let in_title = terms
                    .iter()
                    .filter(|q| {
                        title
                            .iter()
                            .any(|t| t == *q || (matched.contains(t.as_str()) && t.starts_with(q.as_str())))
                    })
                    .count() as f32
                    / terms.len() as f32;
                let c = &self.chunks[chunk as usize];
                let url = if c.anchor.is_empty() {
                    p.url.clone()
                } else {
                    format!("{}#{}", p.url, c.anchor)
                };
                Hit {
                    url,
                    title: p.title.clone(),
                    section: p.section.clone(),
                    heading: c.heading.clone(),
                    fragment: p.fragment.clone(),
                    fragment_index: chunk - p.first_chunk,
                    score: (best + 0.1 * rest.min(best)) * (1.0 + in_title * in_title) * f32::from(p.weight) / 100.0,
                    terms: matched.into_iter().map(str::to_string).collect(),
                }
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.url.cmp(&b.url)));
        hits.truncate(limit);
        hits
    }
}

/// One result.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Hit {
    /// The page's address, with the best section's anchor.
    pub url: String,
    pub title: String,
    pub section: String,
    /// The best section's heading (empty for the top of the page).
    pub heading: String,
    /// Where the page's texts are, and which of them is the best section's.
    pub fragment: String,
    pub fragment_index: u32,
    /// How well it matched (only for ranking, so not sent to the browser).
    #[serde(skip)]
    pub score: f32,
    /// The index terms that matched, for highlighting.
    pub terms: Vec<String>,
}

/// Whether `a` and `b` are at most `limit` edits apart (insertions, deletions, substitutions).
fn within(a: &str, b: &str, limit: usize) -> bool {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
            best = best.min(row[j + 1]);
        }
        if best > limit {
            return false;
        }
    }
    row[b.len()] <= limit
}

/// A piece of an excerpt: text, and whether it is a matched word.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub mark: bool,
}

/// A short excerpt of `text` (about `words` words) around where the most `terms` are, with the words
/// whose term is one of `terms` marked.
pub fn excerpt(lang: &str, text: &str, terms: &[String], words: usize) -> Vec<Piece> {
    let all = Tokenizer::new(lang).words(text);
    if all.is_empty() {
        return Vec::new();
    }
    let hit = |w: &Word| w.term.as_ref().is_some_and(|t| terms.contains(t));
    // The window of `words` words with the most hits; the earliest wins ties.
    let size = words.min(all.len()).max(1);
    let mut count = all[..size].iter().filter(|w| hit(w)).count();
    let (mut best, mut best_count) = (0, count);
    for start in 1..=all.len() - size {
        count = count + usize::from(hit(&all[start + size - 1])) - usize::from(hit(&all[start - 1]));
        if count > best_count {
            (best, best_count) = (start, count);
        }
    }
    // Start up to three words before the first hit, for context, without losing a hit at the end.
    let first_hit = best + all[best..best + size].iter().position(hit).unwrap_or(0);
    let last_hit = best + all[best..best + size].iter().rposition(hit).unwrap_or(0);
    let start = first_hit
        .saturating_sub(3)
        .max((last_hit + 1).saturating_sub(size))
        .min(all.len() - size);
    let window = &all[start..start + size];
    let mut pieces = Vec::new();
    let from = if start == 0 { 0 } else { window[0].start };
    let to = if start + size == all.len() {
        text.len()
    } else {
        window[size - 1].end
    };
    let mut at = from;
    if start > 0 {
        pieces.push(Piece {
            text: "… ".into(),
            mark: false,
        });
    }
    for w in window.iter().filter(|w| hit(w)) {
        if w.start > at {
            pieces.push(Piece {
                text: text[at..w.start].to_string(),
                mark: false,
            });
        }
        pieces.push(Piece {
            text: text[w.start..w.end].to_string(),
            mark: true,
        });
        at = w.end;
    }
    if to > at {
        pieces.push(Piece {
            text: text[at..to].to_string(),
            mark: false,
        });
    }
    if to < text.len() {
        pieces.push(Piece {
            text: " …".into(),
            mark: false,
        });
    }
    pieces
}

#[cfg(test)]
mod tests;
